# 团购：公告、参团、开团对话、通知

cmd-open = 为已通过审核的产品开团
cmd-my_orders = 查看我的订单

## 公告与团购详情
gb-title = 🛒 <b>团购 #{ $id }：{ $name }</b>
gb-price = 💰 { $price } / { $unit }
gb-costs = 🧾 成本：{ $lines }
gb-cost-line = { $label } { $amount }
gb-commission-percent = 🤝 推介佣金：订单金额的 { $percent }%
gb-commission-fixed = 🤝 推介佣金：每{ $unit } { $amount }
gb-commission-none = 🤝 推介佣金：无
gb-progress = 📦 成团进度：{ $bar }
gb-caps-stock = 🏷 限量 { $stock }（剩 { $left }）
gb-caps-member = 👤 每人限 { $cap }
gb-deadline = ⏰ 截止：{ $deadline }（还剩 { $left }）
gb-deadline-closed = ⏰ 已于 { $deadline } 截止
gb-pickup = 🚚 { $pickup }
gb-roster-header = 👥 接龙（{ $count } 人）：
gb-roster-empty = 👥 还没有人参团，点 +1 来做第一个！
gb-roster-more = …还有 { $count } 人
gb-roster-failed-header = 👥 曾参团 { $count } 人（未成团，订单已作废）：
gb-roster-cancelled-header = 👥 曾参团 { $count } 人（团购已取消）：
gb-roster-ended-empty = 👥 没有人参团。
gb-status-succeeded = ✅ <b>已成团</b>：共 { $qty } × { $unit }
gb-status-failed = ❌ <b>未成团</b>（{ $qty }/{ $min }），订单已作废
gb-status-cancelled = 🚫 <b>已取消</b>：{ $reason }
gb-status-closing = ⏳ 正在截单…

gb-button-plus-one = +1
gb-button-choose = 🔢 选数量
gb-button-cancel = ✖ 取消我的订单
gb-button-mine = 📋 我的订单
gb-button-card = 📄 完整卡片
gb-button-share = 🔗 分享
gb-button-join = 🛒 参团
gb-button-back = ↩ 返回

gb-private-mine = 🧺 你的订单：<b>{ $qty } × { $unit }</b>，共 <b>{ $amount }</b>
gb-private-mine-status = 🧺 你的订单：{ $qty } × { $unit }，{ $amount }（{ $status }）
gb-private-none = 你还没有参团。
gb-private-taken-back = ↩️ 组织者取消了你的订单。
gb-choose-quantity = 选择数量：

## 点按钮后的提示（最多 200 字）
gb-toast-joined = ✅ 已参团：{ $qty } × { $unit }，共 { $amount }
gb-toast-changed = ✅ 已改为 { $qty } × { $unit }，共 { $amount }
gb-toast-added = ✅ +{ $delta }：你现在共 { $qty } { $unit }，{ $amount }
gb-toast-cancelled = 已取消你的订单。
gb-toast-no-order = 你还没有参加这个团购。
gb-toast-sold-out = 😢 已售罄。
gb-toast-not-enough = 只剩 { $available } 件了。
gb-toast-member-cap = 每人最多 { $max } 件。
gb-toast-closed = 这个团购已截止。
gb-toast-not-found = 找不到这个团购。
gb-toast-unchanged = 你的数量已经是 { $qty }。
gb-toast-mine = 你的订单：{ $qty } × { $unit }，共 { $amount }
gb-toast-expired = 这个对话已经结束。
gb-toast-other-community = 这个团购属于另一个群。

## 在私聊里直接发送数量（回复一行）
gb-typed-answer = 🛒 #{ $id } · { $answer }
gb-typed-negative = 数量不能是负数；发送 0 取消订单。
gb-typed-not-whole = 请发送整数，如 3。
gb-typed-too-large = 数量太大了：最多 { $max }。
gb-typed-not-number = 要改数量，请发送一个数字，如 3（发送 0 取消订单）。

## /my_orders
gb-my-orders-header = <b>我的订单</b>
gb-my-orders-none = 你还没有订单。在社区群里参加团购吧。
gb-my-orders-line = { $ref } { $name } — { $qty } × { $unit }，{ $amount } — { $status }{ $recommended }
gb-my-orders-recommended = {" · "}{ $line }
gb-my-orders-more = ……以及更早的 { $count } 个订单
gb-order-ACTIVE = 进行中
gb-order-ACTIVE-SUCCEEDED = 已成团{ $paid ->
    [yes] ，已付款
   *[no] {""}
}{ $picked ->
    [yes] ，已取货
   *[no] {""}
}
gb-order-ACTIVE-FAILED = 已作废（未成团）
gb-order-CANCELLED = 已取消
gb-order-VOID = 已作废
gb-order-REFUNDED = 已退款

## 开团
gb-open-in-private = 开团设置请在私聊中进行：
gb-open-button-private = ➡️ 去私聊开团
gb-open-none = 你目前没有可以开团的产品：产品需已通过审核，且你是组织者或该产品的推介官。
gb-open-pick = 为哪个产品开团？
gb-open-not-allowed = 你不能为这个产品开团：只有组织者和该产品的推介官可以，且产品需已通过审核。
gb-open-intro = 为「{ $name }」开团（{ $community }）。随时发送 /cancel 放弃。
gb-open-ask-price = 每{ $unit }的价格？产品定价是 { $price }。发送金额，或点下面的按钮。
gb-open-use = 用 { $value }
gb-open-bad-amount = 没看懂这个金额，请发送如 12.50 的数字。
gb-open-ask-min = 至少一共多少{ $unit }才成团？
gb-open-ask-stock = 库存上限：最多卖多少{ $unit }？
gb-open-ask-member-cap = 每人最多买多少{ $unit }？
gb-open-no-limit = 不限
gb-open-bad-number = 请发送一个正整数。
gb-open-min-over-stock = 库存上限不能小于成团数量（{ $min }）。
gb-open-member-over-stock = 每人限购不能大于库存上限（{ $stock }）。
gb-open-ask-deadline = 截止时间（{ $tz } 时间）？例如 <code>2026-12-01 20:00</code>、<code>明天 20:00</code>、<code>+3d</code>。
gb-open-deadline-past = 这个时间已经过去了，请发送将来的时间。
gb-open-deadline-too-far = 这个时间超过一年了，请发送更早的时间。
gb-open-deadline-invalid = 没有这个日期。
gb-open-deadline-unrecognized = 没看懂这个时间。可以试试 <code>12-01 20:00</code>、<code>明天 20:00</code> 或 <code>+3d</code>。
gb-open-ask-pickup = 取货或配送方式（时间、地点等，会公开在群里）？
gb-open-pickup-too-long = 太长了，请控制在 { $max } 字以内。
gb-open-ask-commission = 推介佣金规则：按订单金额的百分比如 <code>5%</code>，或每件固定金额如 <code>1.50/件</code>。默认 0%。
gb-open-commission-error = 没看懂。请发送 <code>5%</code>、<code>1.50/件</code> 或 <code>0</code>。
gb-open-commission-over = 超过了价格或 100%。
gb-open-summary =
    <b>请确认：</b>
    { $product }（{ $community }）
    价格：{ $price } / { $unit }
    成团：{ $min } · 库存：{ $stock } · 每人限购：{ $memberCap }
    截止：{ $deadline }
    取货：{ $pickup }
    佣金：{ $commission }
gb-open-tap-button = 请点下面的按钮。
gb-open-confirm = ✅ 开团
gb-open-abort = ✖ 放弃
gb-open-cancelled = 已放弃开团。
gb-open-done = 团购 #{ $id } 已在「{ $community }」开团，公告已发到群里。
gb-open-post-failed = 团购 #{ $id } 已开团，但暂时无法在「{ $community }」发公告，我会继续重试。机器人还在群里吗？
gb-open-done-soon = 团购 #{ $id } 已在「{ $community }」开团。群里这一分钟的消息额度已用完，公告约 { $seconds } 秒后发到群里，发出后我会在这里告诉你。
gb-open-commission-percent = 订单金额的 { $percent }%
gb-open-commission-fixed = 每件 { $amount }

## 通知
gb-notify-succeeded =
    ✅ 团购 #{ $id }「{ $name }」成团了！
    你的订单 { $ref }：{ $qty } × { $unit }，共 { $amount }。
    { $recommended }
    🚚 { $pickup }
gb-notify-failed = ❌ 团购 #{ $id }「{ $name }」未成团（{ $total }/{ $min }），你的订单 { $ref }（{ $qty } × { $unit }，{ $amount }）已作废，无需付款。
gb-notify-cancelled = 🚫 团购 #{ $id }「{ $name }」已被组织者取消：{ $reason }。你的订单 { $ref }（{ $qty } × { $unit }，{ $amount }）已作废{ $refund ->
    [yes] ，已付款项将退还
   *[no] {""}
}。
gb-notify-order-cancelled = ↩️ 组织者取消了你在团购 #{ $id }「{ $name }」的订单 { $ref }（{ $qty } × { $unit }，{ $amount }）{ $refund ->
    [yes] ，已付款项将退还
   *[no] {""}
}。
gb-notify-opener = 📦 团购 #{ $id }「{ $name }」已截单：{ $outcome }。共 { $qty } × { $unit }，{ $orders } 单，{ $amount }。发送 /orders { $id } 或 /export { $id } 查看。
gb-outcome-SUCCEEDED = 已成团
gb-outcome-FAILED = 未成团
gb-group-succeeded = ✅ 团购 #{ $id }「{ $name }」成团！共 { $qty } × { $unit }，{ $orders } 人参与。每位成员都会收到私信确认。
gb-group-failed = ❌ 团购 #{ $id }「{ $name }」未成团（{ $qty }/{ $min }），所有订单作废。
gb-group-cancelled = 🚫 团购 #{ $id }「{ $name }」已取消：{ $reason }
gb-group-reminder = ⏰ 团购 #{ $id }「{ $name }」还有 { $left } 截止！{ $bar }
