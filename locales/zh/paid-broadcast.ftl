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
