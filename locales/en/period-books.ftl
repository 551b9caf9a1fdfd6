# Community books for a period, patronage preview, /settings

cmd-my_books = Your purchases this month and your patronage preview (/my_books last, /my_books 2026-11)

pbooks-title = 📒 <b>{ $community }: books for { $period }</b>
pbooks-empty = No buy went ahead and closed in this month.
pbooks-summary = { $buys -> 
        [one] 1 buy
       *[other] { $buys } buys
    } closed · { $orders -> 
        [one] 1 order
       *[other] { $orders } orders
    } · { $quantity -> 
        [one] 1 unit
       *[other] { $quantity } units
    }
    Revenue { $revenue } (collected { $collected }, outstanding { $outstanding })
pbooks-products = <b>Per product and producer</b>
pbooks-product-line = • { $product } ({ $producer }): { $orders } orders, { $quantity } units, { $revenue }
pbooks-fee-income = Co-op fee income: <b>{ $amount }</b>
pbooks-commissions = Recommender commissions: accrued { $accrued } · paid out this month { $paid } · outstanding at month end { $outstanding }
pbooks-refunds = Refunds: { $count -> 
        [one] 1 order
       *[other] { $count } orders
    }, { $amount }
pbooks-residue = Rounding residue kept by the co-op: { $amount }
pbooks-balanced = ✅ The parts add up to the revenue, to the fen.
pbooks-unbalanced = ⚠️ The parts do not add up to the revenue: an organizer should check the buys' statements.
pbooks-bad-period = I couldn't read that month. Send /books month, /books last or /books 2026-11 (year-month).
pbooks-no-community = You are not in any community yet: the books are shown to a community's members.
pbooks-which-community = Which community's books?
pbooks-not-yours = That community's books are for its members.
pbooks-csv-button = 📄 CSV (organizers)
pbooks-csv-caption = Books of { $community } for { $period }
pbooks-csv-header = period,row,product,producer,orders,quantity,amount,currency
pbooks-csv-product = product
pbooks-csv-revenue = revenue
pbooks-csv-collected = collected
pbooks-csv-fee-income = co-op fee income
pbooks-csv-commissions-accrued = commissions accrued
pbooks-csv-commissions-paid = commissions paid
pbooks-csv-commissions-outstanding = commissions outstanding
pbooks-csv-refunds = refunds
pbooks-csv-residue = rounding residue

mybooks-title = 🧾 <b>Your purchases in { $community }, { $period }</b>
mybooks-none = You bought nothing in a buy that closed this month.
mybooks-line = • #{ $id } { $product }: { $quantity } × { $unit }, { $amount } ({ $paid })
mybooks-line-refunded = • #{ $id } { $product }: { $quantity } × { $unit }, { $amount } (refunded)
mybooks-paid = paid
mybooks-unpaid = not paid yet
mybooks-private-only = Send /my_books to me in a private chat: your purchases are yours only.
mybooks-no-patronage = The community has set no patronage share.
mybooks-patronage = <b>Patronage preview</b>: { $share } of the co-op fee income ({ $fee }) is { $pool }, returned by purchases.
    Your purchases { $mine } of { $all } → <b>{ $amount }</b>.
    Each share is floored to the fen (floor with a visible residue): { $residue } is left over among { $members } members and stays with the co-op.
