# Group buys: announcements, joining, the open dialog, notifications

cmd-open = Open a group buy for an approved product
cmd-my_orders = Your orders

## Announcement and buy view
gb-title = 🛒 <b>Group buy #{ $id }: { $name }</b>
gb-price = 💰 { $price } per { $unit }
gb-costs = 🧾 Costs: { $lines }
gb-cost-line = { $label } { $amount }
gb-commission-percent = 🤝 Recommender commission: { $percent }% of the order amount
gb-commission-fixed = 🤝 Recommender commission: { $amount } per { $unit }
gb-commission-none = 🤝 Recommender commission: none
gb-progress = 📦 Minimum to go ahead: { $bar }
gb-caps-stock = 🏷 Limited to { $stock } ({ $left } left)
gb-caps-member = 👤 At most { $cap } per member
gb-deadline = ⏰ Closes { $deadline } ({ $left } left)
gb-deadline-closed = ⏰ Closed { $deadline }
gb-pickup = 🚚 { $pickup }
gb-roster-header = 👥 Joined ({ $count }):
gb-roster-empty = 👥 Nobody yet: tap +1 to be the first!
gb-roster-more = …and { $count } more
gb-roster-failed-header = 👥 Had joined ({ $count }); the buy did not go ahead, their orders are void:
gb-roster-cancelled-header = 👥 Had joined ({ $count }); the buy was cancelled:
gb-roster-ended-empty = 👥 Nobody joined.
gb-status-succeeded = ✅ <b>Going ahead</b>: { $qty } × { $unit } ordered
gb-status-failed = ❌ <b>Did not reach the minimum</b> ({ $qty }/{ $min }); orders are void
gb-status-cancelled = 🚫 <b>Cancelled</b>: { $reason }
gb-status-closing = ⏳ Closing…

gb-button-plus-one = +1
gb-button-choose = 🔢 Quantity
gb-button-cancel = ✖ Cancel my order
gb-button-mine = 📋 My order
gb-button-card = 📄 Full card
gb-button-share = 🔗 Share
gb-button-join = 🛒 Join
gb-button-back = ↩ Back

gb-private-mine = 🧺 Your order: <b>{ $qty } × { $unit }</b>, <b>{ $amount }</b>
gb-private-mine-status = 🧺 Your order: { $qty } × { $unit }, { $amount } — { $status }
gb-private-none = You have not joined yet.
gb-private-taken-back = ↩️ An organizer cancelled your order.
gb-choose-quantity = Choose your quantity:

## Answers to taps (toasts, at most 200 characters)
gb-toast-joined = ✅ You're in: { $qty } × { $unit }, { $amount }
gb-toast-changed = ✅ Changed to { $qty } × { $unit }, { $amount }
gb-toast-added = ✅ +{ $delta }: you now have { $qty } × { $unit }, { $amount }
gb-toast-cancelled = Your order is cancelled.
gb-toast-no-order = You have not joined this buy.
gb-toast-sold-out = 😢 Sold out.
gb-toast-not-enough = Only { $available } left.
gb-toast-member-cap = At most { $max } per member.
gb-toast-closed = This buy has closed.
gb-toast-not-found = This group buy does not exist.
gb-toast-unchanged = Your quantity is already { $qty }.
gb-toast-mine = Your order: { $qty } × { $unit }, { $amount }
gb-toast-expired = This dialog has ended.
gb-toast-other-community = This buy belongs to another group.

## A quantity typed in private (a one-line answer)
gb-typed-answer = 🛒 #{ $id } · { $answer }
gb-typed-negative = A quantity can't be negative; send 0 to cancel your order.
gb-typed-not-whole = Please send a whole number, like 3.
gb-typed-too-large = That's too many: at most { $max }.
gb-typed-not-number = To change your quantity, send a number like 3 (0 cancels your order).

## /my_orders
gb-my-orders-header = <b>Your orders</b>
gb-my-orders-none = You have no orders yet. Join a group buy in your community's group.
gb-my-orders-line = { $ref } { $name } — { $qty } × { $unit }, { $amount } — { $status }{ $recommended }
gb-my-orders-recommended = {" · "}{ $line }
gb-my-orders-more = … and { $count ->
        [one] 1 older order
       *[other] { $count } older orders
    }
gb-order-ACTIVE = open
gb-order-ACTIVE-SUCCEEDED = confirmed{ $paid ->
    [yes] , paid
   *[no] {""}
}{ $picked ->
    [yes] , picked up
   *[no] {""}
}
gb-order-ACTIVE-FAILED = void (buy did not go ahead)
gb-order-CANCELLED = cancelled
gb-order-VOID = void
gb-order-REFUNDED = refunded

## Opening a buy
gb-open-in-private = Let's set up the group buy in our private chat:
gb-open-button-private = ➡️ Continue in private
gb-open-none = There is no product you can open a buy for: it must be approved, and you must be an organizer or its recommender.
gb-open-pick = Which product?
gb-open-not-allowed = You can't open a buy for this product: only organizers and the product's recommender can, once it is approved.
gb-open-intro = Opening a group buy for “{ $name }” in { $community }. Send /cancel at any time to stop.
gb-open-ask-price = Price per { $unit }? The product's price is { $price }. Send an amount or tap the button.
gb-open-use = Use { $value }
gb-open-bad-amount = I couldn't read that amount. Send a number like 12.50.
gb-open-ask-min = How many units ({ $unit }) in total for the buy to go ahead (the minimum)?
gb-open-ask-stock = Stock cap: at most how many units ({ $unit }) can be sold?
gb-open-ask-member-cap = At most how many units ({ $unit }) per member?
gb-open-no-limit = No limit
gb-open-bad-number = Please send a whole number, 1 or more.
gb-open-min-over-stock = The stock cap can't be below the minimum ({ $min }).
gb-open-member-over-stock = The per-member cap can't exceed the stock cap ({ $stock }).
gb-open-ask-deadline = Deadline (time in { $tz })? For example <code>2026-12-01 20:00</code>, <code>tomorrow 20:00</code>, <code>+3d</code>.
gb-open-deadline-past = That time has already passed. Send a future time.
gb-open-deadline-too-far = That is more than a year away. Send an earlier time.
gb-open-deadline-invalid = That date does not exist.
gb-open-deadline-unrecognized = I couldn't read that time. Try <code>12-01 20:00</code>, <code>tomorrow 20:00</code> or <code>+3d</code>.
gb-open-ask-pickup = Pickup or delivery details (when, where; shown in the group)?
gb-open-pickup-too-long = That's too long; please keep it under { $max } characters.
gb-open-ask-commission = Recommender commission: a percentage of the order amount like <code>5%</code>, or a fixed amount per unit like <code>1.50/unit</code>. Default 0%.
gb-open-commission-error = I couldn't read that. Send <code>5%</code>, <code>1.50/unit</code> or <code>0</code>.
gb-open-commission-over = That is more than the price or 100 %.
gb-open-summary =
    <b>Please check:</b>
    { $product } in { $community }
    Price: { $price } per { $unit }
    Minimum: { $min } · Stock cap: { $stock } · Per member: { $memberCap }
    Deadline: { $deadline }
    Pickup: { $pickup }
    Commission: { $commission }
gb-open-tap-button = Please tap one of the buttons.
gb-open-confirm = ✅ Open it
gb-open-abort = ✖ Discard
gb-open-cancelled = The group buy was not opened.
gb-open-done = Group buy #{ $id } is open in { $community }. I posted the announcement there.
gb-open-post-failed = Group buy #{ $id } is open, but I could not post in { $community } yet; I will keep trying. Is the bot still in the group?
gb-open-done-soon = Group buy #{ $id } is open in { $community }. The group's message budget for this minute is spent: the announcement goes up there in about { $seconds } s; I'll say so here when it does.
gb-open-commission-percent = { $percent }% of the order amount
gb-open-commission-fixed = { $amount } per unit

## Notifications
gb-notify-succeeded =
    ✅ Group buy #{ $id } “{ $name }” is going ahead!
    Your order { $ref }: { $qty } × { $unit }, { $amount }.
    { $recommended }
    🚚 { $pickup }
gb-notify-failed = ❌ Group buy #{ $id } “{ $name }” did not reach its minimum ({ $total }/{ $min }). Your order { $ref } ({ $qty } × { $unit }, { $amount }) is void; nothing to pay.
gb-notify-cancelled = 🚫 Group buy #{ $id } “{ $name }” was cancelled by the organizers: { $reason }. Your order { $ref } ({ $qty } × { $unit }, { $amount }) is void{ $refund ->
    [yes] ; anything you paid will be refunded
   *[no] {""}
}.
gb-notify-order-cancelled = ↩️ An organizer cancelled your order { $ref } in group buy #{ $id } “{ $name }” ({ $qty } × { $unit }, { $amount }){ $refund ->
    [yes] ; anything you paid will be refunded
   *[no] {""}
}.
gb-notify-opener = 📦 Group buy #{ $id } “{ $name }” has closed: { $outcome }. { $qty } × { $unit } in { $orders } orders, { $amount }. See /orders { $id } or /export { $id }.
gb-outcome-SUCCEEDED = going ahead
gb-outcome-FAILED = minimum not reached
gb-group-succeeded = ✅ Group buy #{ $id } “{ $name }” is going ahead: { $qty } × { $unit } from { $orders } members. Everyone gets a private confirmation.
gb-group-failed = ❌ Group buy #{ $id } “{ $name }” did not reach its minimum ({ $qty }/{ $min }); all orders are void.
gb-group-cancelled = 🚫 Group buy #{ $id } “{ $name }” was cancelled: { $reason }
gb-group-reminder = ⏰ Group buy #{ $id } “{ $name }” closes in { $left }! { $bar }
