# Referrals: share links, attribution, earnings ledger, payouts, recommenders

cmd-share = Get your personal share link for an open buy
cmd-earnings = Your referral earnings (organizers: /earnings @member)
cmd-recommenders = The community's recommenders and what they brought
cmd-recommenders_optout = Don't show me in the recommenders list
cmd-recommenders_optin = Show me in the recommenders list again
cmd-payout = Pay a recommender out: /payout @member amount
cmd-ledger = Recent entries of the earnings ledger
cmd-export_ledger = Export the earnings ledger as CSV
cmd-self_referral = Do recommenders' own orders through their link earn? /self_referral on|off

referrals-recommended-by = 🤝 Recommended by { $name }
referrals-recommended-by-link = 🤝 Recommended by { $name } (through their link)
referrals-recommended-self = 🤝 Your own recommendation

referrals-share-link =
    🔗 Your personal link for buy #{ $id } “{ $product }”:
    { $link }
referrals-share-explain = Forward it anywhere. Members who join the buy through it have their order attributed to you; you earn { $rule } on those orders when the buy succeeds.
referrals-share-self = Orders you place through your own link earn nothing.
referrals-share-forward = 📤 Forward the link
referrals-share-sent = 📬 I sent you your link privately.
referrals-share-missing = I can't find that buy in your communities.
referrals-share-closed = This buy no longer takes orders, so there is nothing to share.
referrals-share-none = No buys are open right now.
referrals-share-choose = Which buy do you want to share?
referrals-share-usage = Send /share followed by the buy's number, e.g. /share 12, or just /share to choose.

referrals-sent-privately = 📬 Sent to you privately.
referrals-private-blocked = I can't write to you privately yet. Open a chat with me, press Start, then try again.
referrals-open-bot = 💬 Open a chat with me
referrals-who = Reply to a member's message with this command, or add their @username.

referrals-earnings-title = <b>Referral earnings of { $name } — { $community }</b>
referrals-earnings-totals =
    Balance: <b>{ $balance }</b>
    Pending (buys still open): { $pending }
    Earned: { $earned } · Paid out: { $paid }
referrals-earnings-adjusted = Adjustments: { $adjusted }
referrals-earnings-buys = <b>By buy</b>
referrals-earnings-buy = • #{ $id } { $product } ({ $status }): { $orders ->
        [one] 1 order
       *[other] { $orders } orders
    }{ $own }, { $amount } → { $commission }
referrals-earnings-buy-refunded = , { $refunded } refunded
referrals-earnings-more = … and { $count } more buys
referrals-earnings-none = You have no referral earnings yet. Send /share to get your link for an open buy.
# The recommender's own orders that earn nothing (counted in the orders of /earnings and the close notice)
referrals-orders-own-unpaid = { $own ->
        [0] {""}
        [one] {" "}(incl. 1 own order, no commission)
       *[other] {" "}(incl. { $own } own orders, no commission)
    }
referrals-buy-pending = open, pending
referrals-buy-succeeded = succeeded

referrals-kind-ACCRUAL = earned
referrals-kind-REVERSAL = reversed
referrals-kind-PAYOUT = paid out
referrals-kind-ADJUSTMENT = adjustment

referrals-ledger-title = <b>Earnings ledger — { $community }</b> (latest { $shown } of { $total } entries)
referrals-ledger-empty = No entries yet.
referrals-ledger-line = { $date } · { $name } · { $kind } <b>{ $amount }</b> → { $balance }{ $ref }
referrals-ledger-ref-order = {" "}· order { $ref }
referrals-ledger-verified = ✅ Every balance equals the sum of its entries, and every entry matches its order.
referrals-ledger-problems = ⚠️ The ledger does not reconcile ({ $count } problems); please tell the maintainers:
referrals-ledger-export-hint = Full history: /export_ledger
referrals-export-caption = Earnings ledger of { $community }: { $count } entries.

referrals-payout-usage = Send /payout @member amount (or reply to the member's message with /payout amount), e.g. /payout @alice 25.50
referrals-payout-not-positive = The amount must be more than zero.
referrals-payout-exceeds-balance = That is more than { $name }'s balance of { $balance }.
referrals-payout-nothing = There is no balance to pay out.
referrals-payout-balance-button = 💸 Pay out { $amount }
referrals-payout-confirm =
    Pay <b>{ $amount }</b> to { $name } ({ $community })?
    Balance now: { $balance } → after: { $after }
    Confirm once the money has actually been paid.
referrals-payout-confirm-button = ✅ Confirm payout
referrals-payout-cancel-button = Cancel
referrals-payout-cancelled = Payout cancelled; nothing was recorded.
referrals-payout-recorded = Payout recorded.
referrals-payout-already = This payout is already recorded.
referrals-payout-refused-alert = Not recorded: the balance is too low now.
referrals-payout-done = ✅ Paid <b>{ $amount }</b> to { $name }. Balance now { $balance } (ledger entry #{ $seq }).
referrals-payout-refused = ❌ Not recorded: paying { $amount } to { $name } would exceed the balance, which is now { $balance }. Someone else may have paid first.

referrals-notify-accrual = 🎉 Buy #{ $id } “{ $product }” succeeded: { $orders ->
        [one] the order
       *[other] the { $orders } orders
    } you brought{ $own } earn you <b>{ $amount }</b>. Your balance: { $balance }. Details: /earnings
referrals-notify-reversal = ↩️ Order { $ref } of buy #{ $id } “{ $product }” was refunded, so its commission of { $amount } was reversed. Your balance: { $balance }.
referrals-notify-payout = 💸 The co-op { $community } paid you <b>{ $amount }</b> from your referral earnings. Your balance: { $balance }.

referrals-self-usage = Self-referral earnings are { $state }. Send /self_referral on or /self_referral off to change it for buys opened from now on.
referrals-self-state-on = on: a recommender's own orders through their link earn commission
referrals-self-state-off = off: a recommender's own orders earn nothing
referrals-self-set-on = Done: in buys opened from now on, orders recommenders place themselves earn commission too.
referrals-self-set-off = Done: in buys opened from now on, orders recommenders place themselves earn nothing.

referrals-recommenders-title = <b>Recommenders of { $community }</b> — thank you!
referrals-recommenders-line = • { $name }: { $products ->
        [one] 1 product
       *[other] { $products } products
    }, { $buys ->
        [one] 1 buy
       *[other] { $buys } buys
    }, { $orders ->
        [one] 1 order
       *[other] { $orders } orders
    }
referrals-recommenders-others = … and { $count } more.
referrals-recommenders-none = No recommenders yet. Find a good product and tell its story: you could be the first!
referrals-recommenders-thanks = Every order above came through someone who cared to recommend. Opt out of this list with /recommenders_optout.
referrals-recommenders-no-community = I don't know your community yet: send /recommend in its group first (I see commands there even when I don't see ordinary messages).
referrals-recommenders-hidden = Done: you are no longer shown in /recommenders. /recommenders_optin shows you again.
referrals-recommenders-shown = Done: you are shown in /recommenders again.
# the ledger export: commission = rule on the order's snapshot (PERCENT_BP: floor(amount × bp ÷ 10000); FIXED_PER_UNIT: fen × quantity), 0 for a self-referral unless self-referrals earn
referrals-csv-header = Seq,Created at (UTC),Created at (local),Recommender,Kind,Amount,Balance,Currency,Order,Member,Quantity,Unit price,Order amount,Rule kind,Rule value,Self-referral,Self-referrals earn,Recorded by,Payout method,Payout reference,Memo
