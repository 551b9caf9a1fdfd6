# 付费广播（allow_paid_broadcast）：/settings 与截单前的费用估算
settings-line-paid = 截单通知使用付费广播（每条 0.1 ⭐，从机器人余额扣除；每秒最多 1,000 条，而非 30 条）：{ $value }
settings-button-paid-on = ⭐ 付费广播：开启
settings-button-paid-off = ⭐ 付费广播：关闭
settings-key-paidBroadcast = 付费广播

paid-duration = { $unit ->
    [min] { $value } 分钟
   *[s] { $value } 秒
}
gba-close-paid-estimate = ⭐ <b>截单团购 #{ $id }？</b>
    给成员的 { $notices } 条通知将以付费广播发送：约 { $paid }全部发出（免费速率下约需 { $free }）。
    费用：{ $notices } 条通知 ≈ { $stars } ⭐，从机器人余额扣除（每条 0.1 ⭐）。
    付费广播可在 /settings 中开启或关闭。
gba-button-close-paid = ✅ 截单（{ $stars } ⭐）
gba-toast-closed = 已截单。
# 截单中 Telegram 拒绝付费发送（机器人的星星用完）时，每次截单给每位组织者发一次
gb-paid-ran-out = ⭐ <b>机器人的星星已用完</b>，团购 #{ $id }（{ $name }）的通知尚未发完。
    剩下的 { $left } 条通知改按免费速率发送（每秒约 30 条），还需约 { $free }。每位成员仍会收到自己的通知。
    下次想快速发送，请为机器人的星星余额充值（机器人的所有者可在 @BotFather 中充值），或在 /settings 中关闭付费广播。
