# Settlement statements: where each buy's money went (/books <buy>), and reconciliation (/books check)

cmd-books = Open books: /books <buy no.> for a buy's statement, /books month for this month's books, /books check to reconcile (organizers)

books-st-title = 📒 <b>Statement of buy #{ $id }</b> · { $product }
books-st-revenue = Revenue <b>{ $amount }</b> ({ $orders } orders, { $qty } units)
books-st-collected = {"  "}collected { $collected } · outstanding { $outstanding }
books-st-where = — Where the money goes —
books-st-producer = Producer { $name }: { $amount }
books-st-PACKAGING = Packaging: { $amount }
books-st-LOGISTICS = Logistics: { $amount }
books-st-COOP_FEE = Co-op fee: { $amount }
books-st-OTHER = Other: { $amount }
books-st-commissions = Recommender commissions: { $amount }
books-st-commission-named = {"  "}· { $name }: { $amount }
books-st-commission-other = {"  "}· another recommender: { $amount }
books-st-commission-rest = {"  "}· { $count } more recommenders: { $amount }
books-st-residue = Rounding residue (the co-op keeps): { $amount }
books-st-balanced = Total = revenue ✓
books-st-unbalanced = Total { $parts } ≠ revenue { $revenue } ✗
books-st-refunds = Refunds: { $count } orders, { $amount }
books-st-picked-up = Picked up: { $done }/{ $of } orders
books-st-derived = (this buy was opened before price breakdowns were kept: computed from the product revision's cost lines)
books-st-cancelled = (the buy was cancelled; its orders were refunded)

books-usage = Send /books with a buy number, e.g. /books 12; /books month for this month's books.
books-not-found = No buy #{ $id } in your community.
books-no-statement = Buy #{ $id } has no statement yet: a buy has one once it has gone ahead.
books-none-closed = This community has no closed buy yet.
books-no-community = Send it in the community's group, or join a community first.

books-check-ok = Reconciliation: ✓ ledger, orders and statements agree ({ $buys } buys, { $when })
books-check-bad = Reconciliation: ✗ { $problem } ({ $when })
books-check-never = Reconciliation: not run yet (an organizer can send /books check)
books-check-organizer-only = Only an organizer can run the reconciliation.
books-check-running = Reconciling…

books-problem-accrual = Buy #{ $buy } order { $order }: the ledger accrued { $ledger }, its order's rule gives { $expected }
books-problem-reversal = Buy #{ $buy } order { $order }: reversed { $ledger }, should be { $expected }
books-problem-unbalanced = Buy #{ $buy }: the statement's parts { $parts } ≠ revenue { $revenue }
books-problem-entry = Ledger entry #{ $entry } (buy #{ $buy }): { $what }
