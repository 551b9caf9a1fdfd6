# Paid broadcasts (allow_paid_broadcast): /settings and the close's estimate
settings-line-paid = Paid broadcasts for a close's notices (0.1 ⭐ each from the bot's balance, up to 1,000 a second instead of 30): { $value }
settings-button-paid-on = ⭐ Paid broadcasts: turn on
settings-button-paid-off = ⭐ Paid broadcasts: turn off
settings-key-paidBroadcast = Paid broadcasts

paid-duration = { $unit ->
    [min] { $value } min
   *[s] { $value } s
}
gba-close-paid-estimate = ⭐ <b>Close group buy #{ $id }?</b>
    Its { $notices } notices to members go as paid broadcasts: all sent in about { $paid } (at the free rate: about { $free }).
    Cost: { $notices } notices ≈ { $stars } ⭐ from the bot's balance (0.1 ⭐ each).
    Paid broadcasts are turned on and off in /settings.
gba-button-close-paid = ✅ Close ({ $stars } ⭐)
gba-toast-closed = Closed.
# to each organizer, once per close, when Telegram refuses the paid sends (the bot's Stars ran out)
gb-paid-ran-out = ⭐ <b>The bot's Stars ran out</b> while sending the notices of group buy #{ $id } ({ $name }).
    The remaining { $left } notices go out at the free rate (about 30 a second): about { $free } more. Every member still gets theirs.
    For fast notices next time, top up the bot's Stars balance (its owner can, in @BotFather), or turn paid broadcasts off in /settings.
