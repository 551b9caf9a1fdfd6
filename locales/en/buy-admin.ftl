# Organizers' commands on group buys

cmd-buys = Open and recent group buys
cmd-orders = A buy's orders: /orders <buy>
cmd-close = Close a buy now: /close <buy> (with paid broadcasts on in /settings: shows the Stars it costs first)
cmd-extend = Move a deadline: /extend <buy> <deadline>
cmd-cancel_buy = Cancel a buy: /cancel_buy <buy> <reason>
cmd-export = Orders as a spreadsheet (CSV): /export <buy>
cmd-paid = Mark paid: /paid <buy> <member number or @username>
cmd-picked_up = Mark picked up: /picked_up <buy> <member number or @username>

gba-usage-close = Usage: /close <buy number>, e.g. /close 12
gba-usage-orders = Usage: /orders <buy number>, e.g. /orders 12
gba-usage-export = Usage: /export <buy number>, e.g. /export 12
gba-usage-extend = Usage: /extend <buy number> <new deadline, or how much longer>, e.g. /extend 12 tomorrow 20:00, or /extend 12 +1d (a day after the current deadline)
gba-usage-cancel = Usage: /cancel_buy <buy number> <reason>, e.g. /cancel_buy 12 the farm can't deliver
gba-usage-mark = Usage: /{ $command } <buy number> <member: number in /orders, @username or name>, e.g. /{ $command } 12 3
gba-not-found = There is no group buy #{ $id }.
gba-other-community = Group buy #{ $id } belongs to another community.
gba-none = No group buys yet.
gba-buys-header = <b>Group buys</b>
gba-buys-line = #{ $id } { $name } — { $status } · { $qty }/{ $min } · { $deadline }
gba-status-OPEN = open
gba-status-CLOSING = closing
gba-status-SUCCEEDED = going ahead
gba-status-FAILED = minimum not reached
gba-status-CANCELLED = cancelled
gba-closed-SUCCEEDED = Group buy #{ $id } is closed and going ahead ({ $qty }/{ $min }). Members are being notified.
gba-closed-FAILED = Group buy #{ $id } is closed; it did not reach its minimum ({ $qty }/{ $min }), so its orders are void. Members are being notified.
gba-not-open = Group buy #{ $id } is not open (it is { $status }).
gba-extended = Group buy #{ $id } now closes { $deadline } (was { $old }).
gba-extend-moved = Someone else just moved the deadline of group buy #{ $id }; check /buys and try again.
gba-cancelled = Group buy #{ $id } is cancelled; { $orders } members are being notified.
gba-not-cancellable = Group buy #{ $id } can't be cancelled (it is { $status }).

gba-orders-header = <b>Group buy #{ $id } { $name }</b> — { $status }
gba-orders-line = { $ref } { $name } ×{ $qty }
gba-orders-line-full = { $ref } { $name } ×{ $qty } · { $amount } · { $payment } · { $pickup }
gba-orders-line-ended = { $ref } { $name } ×{ $qty } · { $amount } · { $state }
gba-orders-none = No orders.
gba-orders-total = Total: { $orders } orders, { $qty } × { $unit }, { $amount }; paid { $paid }.
gba-orders-total-group = Total: { $orders } members, { $qty } × { $unit }.
gba-orders-page = Page { $page }/{ $pages }
gba-orders-sent-private = I sent the amounts and payments to you privately.
gba-orders-start-private = To get amounts and payments, start a private chat with me first, then try again.
gba-payment-UNPAID = unpaid
gba-payment-PAID = paid
gba-payment-REFUNDED = refunded
gba-pickup-PENDING = not picked up
gba-pickup-PICKED_UP = picked up
gba-order-CANCELLED = cancelled
gba-order-VOID = void
gba-order-REFUNDED = refunded
gba-button-prev = ◀
gba-button-next = ▶
gba-button-take-back = { $kind ->
    [REFUNDED] 💸 Refund
   *[CANCELLED] ✖ Cancel
} { $ref }
gba-button-refund-confirm = Confirm: { $kind ->
    [REFUNDED] refund
   *[CANCELLED] cancel
} { $ref } { $name }
gba-button-back = ↩ Back

gba-marked-PAID = Marked paid: { $names }
gba-marked-PICKED_UP = Marked picked up: { $names }
gba-already-PAID = Already marked paid before: { $names }
gba-already-PICKED_UP = Already marked picked up before: { $names }
gba-mark-failed = Could not mark { $names } (no open order, or the buy isn't at that stage).
gba-member-unknown = I couldn't find “{ $who }” among this buy's orders. Use the number shown in /orders { $id }.
gba-toast-done = Done.
gba-toast-already = It was already so.
gba-toast-not-allowed = Only this community's organizers can do that.
gba-toast-refunded = Order { $ref } is { $kind ->
    [REFUNDED] refunded
   *[CANCELLED] cancelled
}; the member is notified.
gba-toast-not-active = That order is no longer open.

gba-progress = Group buy #{ $id } “{ $name }” closing notices: sent { $done } / { $total }
gba-progress-done = Group buy #{ $id } “{ $name }” closing notices: all { $total } sent
gba-export-sent = I sent the orders of #{ $id } to you privately.
gba-export-caption = Orders of group buy #{ $id } { $name }
# cancelled, refunded and void orders: quantity and amount 0 (the Amount column sums to the buy's total), their quantity under "Original quantity"
gba-csv-header = Order,Member,Username,Quantity,Unit price,Amount,Currency,Order status,Original quantity,Referrer,Attribution,Self-referral,Payment,Paid at,Pickup,Picked up at,Ordered at,Rule kind,Rule value,Commission
gba-csv-order-ACTIVE = active
gba-csv-order-CANCELLED = cancelled
gba-csv-order-VOID = void
gba-csv-order-REFUNDED = refunded
gba-csv-attribution-LINK = share link
gba-csv-attribution-PRODUCT = product's recommender
gba-csv-yes = yes
gba-csv-no = no
