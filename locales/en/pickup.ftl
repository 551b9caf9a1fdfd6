## Pickup by code (核销)

cmd-pickup = Hand out a buy at the pickup point: /pickup <buy>, then type or scan members' codes
cmd-pickup_helper = Reply to a member with /pickup_helper <buy> to let them hand out that buy (… off to stop)

pickup-notice-code = 🎫 Your pickup code: <code>{ $code }</code>. Show it, or this QR, at the pickup point.

pickup-list-header = 🎫 <b>Pickup · #{ $id } { $name }</b>
pickup-list-place = 📍 { $place }
    Still to come: { $pending } of { $total }
pickup-list-line = { $ref } { $name } · { $qty } × { $unit } · { $paid ->
    [yes] paid
   *[no] not paid
}
pickup-list-all-done = Everyone has picked up. 🎉
pickup-list-how = Type a member's code here, or scan their QR with your phone's camera. Or tap who came:
pickup-button-mark = ✅ { $ref } { $name } ×{ $qty }
pickup-button-prev = ◀
pickup-button-next = ▶
pickup-button-buy = #{ $id } { $name } · { $pending } to come
pickup-usage = Usage: /pickup <buy number>, e.g. /pickup 12 (or /pickup alone to pick one)
pickup-nothing = Nothing to hand out: no buy you may hand out has orders still to pick up.
pickup-choose = Which buy are you handing out?

pickup-picked = ✅ Picked up: { $ref } { $name }: { $qty } × { $unit }, { $paid ->
    [yes] paid.
   *[no] not paid yet: collect { $amount }.
}
pickup-already = ⚠️ Already picked up: { $ref } { $name } ({ $qty } × { $unit }), { $when }, handed out by { $by }.
pickup-wrong = ❌ No order has this code. Check it and type it again.
pickup-not-a-code = That is not a pickup code (8 letters and digits, e.g. ABCD-EFGH). You are handing out buy #{ $id }: type a member's code, or send /pickup to switch.
pickup-foreign = ⚠️ This code is for group buy #{ $id }, not #{ $session }. Send /pickup { $id } to hand that one out.
pickup-not-ahead = ⏳ Group buy #{ $id } has not gone ahead ({ $status }): there is nothing to pick up.
pickup-not-active = 🚫 The order of { $ref } { $name } was cancelled: nothing to hand out.
pickup-not-allowed = Only this buy's organizers and pickup helpers can hand out its orders.
pickup-too-many = ⏱ Too many wrong codes in a minute. Try again in { $seconds } s.
pickup-own-code = 🎫 This is your pickup code for group buy #{ $id } “{ $product }” ({ $qty } × { $unit }). Show it, or its QR, at the pickup point: the organizer or a helper will scan it.

pickup-button-my-code = 🎫 My pickup code · #{ $id }
pickup-my-code = 🎫 Your pickup code for group buy #{ $id } “{ $name }”: <code>{ $code }</code>
    { $qty } × { $unit }. Show it, or this QR, at the pickup point.
    📍 { $place }
pickup-no-code = You have no pickup code for this buy (it has not gone ahead, or your order was cancelled).
pickup-my-code-used = Your order was picked up already.

pickup-helper-usage = Reply to the member's message with /pickup_helper <buy number> (or /pickup_helper <buy number> off to take it back).
pickup-helper-in-group = Send /pickup_helper in the group, as a reply to the member's message.
pickup-helper-granted = ✅ { $name } can hand out group buy #{ $id } now. I have told them privately (if they ever started me).
pickup-helper-already = { $name } is a pickup helper for group buy #{ $id } already.
pickup-helper-revoked = { $name } no longer hands out group buy #{ $id }.
pickup-helper-was-not = { $name } was not a pickup helper for group buy #{ $id }.
pickup-helper-notice = 🎫 { $by } made you a pickup helper for group buy #{ $id } “{ $name }”. At the pickup point, send me /pickup { $id }: type members' codes, scan their QR with your phone's camera, or tap who came.
pickup-helper-notice-off = { $by } took back your pickup helper role for group buy #{ $id } “{ $name }”.
