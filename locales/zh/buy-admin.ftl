# 组织者的团购命令

cmd-buys = 进行中和最近的团购
cmd-orders = 查看团购订单：/orders <团购编号>
cmd-close = 立即截单：/close <团购编号>（在 /settings 开启付费广播后：先显示所需星星数）
cmd-extend = 修改截止时间：/extend <团购编号> <新截止时间>
cmd-cancel_buy = 取消团购：/cancel_buy <团购编号> <原因>
cmd-export = 导出订单表格（CSV）：/export <团购编号>
cmd-paid = 标记已付款：/paid <团购编号> <成员序号或 @用户名>
cmd-picked_up = 标记已取货：/picked_up <团购编号> <成员序号或 @用户名>

gba-usage-close = 用法：/close <团购编号>，例如 /close 12
gba-usage-orders = 用法：/orders <团购编号>，例如 /orders 12
gba-usage-export = 用法：/export <团购编号>，例如 /export 12
gba-usage-extend = 用法：/extend <团购编号> <新截止时间或延长多久>，例如 /extend 12 明天 20:00，或 /extend 12 +1d（在现在的截止时间上延长一天）
gba-usage-cancel = 用法：/cancel_buy <团购编号> <原因>，例如 /cancel_buy 12 农场无法发货
gba-usage-mark = 用法：/{ $command } <团购编号> <成员：/orders 里的序号、@用户名或名字>，例如 /{ $command } 12 3
gba-not-found = 没有编号为 #{ $id } 的团购。
gba-other-community = 团购 #{ $id } 属于另一个社区。
gba-none = 还没有团购。
gba-buys-header = <b>团购列表</b>
gba-buys-line = #{ $id } { $name } — { $status } · { $qty }/{ $min } · { $deadline }
gba-status-OPEN = 进行中
gba-status-CLOSING = 截单中
gba-status-SUCCEEDED = 已成团
gba-status-FAILED = 未成团
gba-status-CANCELLED = 已取消
gba-closed-SUCCEEDED = 团购 #{ $id } 已截单并成团（{ $qty }/{ $min }），正在通知成员。
gba-closed-FAILED = 团购 #{ $id } 已截单，未达到成团数量（{ $qty }/{ $min }），订单作废，正在通知成员。
gba-not-open = 团购 #{ $id } 不在进行中（{ $status }）。
gba-extended = 团购 #{ $id } 的截止时间从 { $old } 改为 { $deadline }。
gba-extend-moved = 团购 #{ $id } 的截止时间刚被别人改过，请用 /buys 看一下，再试一次。
gba-cancelled = 团购 #{ $id } 已取消，正在通知 { $orders } 位成员。
gba-not-cancellable = 团购 #{ $id } 无法取消（{ $status }）。

gba-orders-header = <b>团购 #{ $id } { $name }</b> — { $status }
gba-orders-line = { $ref } { $name } ×{ $qty }
gba-orders-line-full = { $ref } { $name } ×{ $qty } · { $amount } · { $payment } · { $pickup }
gba-orders-line-ended = { $ref } { $name } ×{ $qty } · { $amount } · { $state }
gba-orders-none = 没有订单。
gba-orders-total = 合计：{ $orders } 单，{ $qty } × { $unit }，{ $amount }；已付 { $paid }。
gba-orders-total-group = 合计：{ $orders } 人，{ $qty } × { $unit }。
gba-orders-page = 第 { $page }/{ $pages } 页
gba-orders-sent-private = 金额和付款情况已私信发给你。
gba-orders-start-private = 要查看金额和付款情况，请先私聊我一次，再试一次。
gba-payment-UNPAID = 未付款
gba-payment-PAID = 已付款
gba-payment-REFUNDED = 已退款
gba-pickup-PENDING = 未取货
gba-pickup-PICKED_UP = 已取货
gba-order-CANCELLED = 已取消
gba-order-VOID = 已作废
gba-order-REFUNDED = 已退款
gba-button-prev = ◀
gba-button-next = ▶
gba-button-take-back = { $kind ->
    [REFUNDED] 💸 退款
   *[CANCELLED] ✖ 取消
} { $ref }
gba-button-refund-confirm = { $kind ->
    [REFUNDED] 确认退款
   *[CANCELLED] 确认取消
} { $ref } { $name }
gba-button-back = ↩ 返回

gba-marked-PAID = 已标记付款：{ $names }
gba-marked-PICKED_UP = 已标记取货：{ $names }
gba-already-PAID = 之前已标记过付款：{ $names }
gba-already-PICKED_UP = 之前已标记过取货：{ $names }
gba-mark-failed = 无法标记 { $names }（没有有效订单，或团购不在这个阶段）。
gba-member-unknown = 在这个团购的订单里找不到“{ $who }”。请用 /orders { $id } 里显示的序号。
gba-toast-done = 好了。
gba-toast-already = 之前已经是这样了。
gba-toast-not-allowed = 只有本社区的组织者可以这样做。
gba-toast-refunded = 订单 { $ref } 已{ $kind ->
    [REFUNDED] 退款
   *[CANCELLED] 取消
}，已通知成员。
gba-toast-not-active = 这个订单已经无效了。

gba-progress = 团购 #{ $id }「{ $name }」截单通知：已通知 { $done } / { $total }
gba-progress-done = 团购 #{ $id }「{ $name }」截单通知：已全部通知 { $total }
gba-export-sent = #{ $id } 的订单已私信发给你。
gba-export-caption = 团购 #{ $id } { $name } 的订单
# 已取消、已退款、已作废的订单：数量和金额记为 0（金额一列加起来就是团购的总额），原来的数量在“原数量”一列
gba-csv-header = 订单,成员,用户名,数量,单价,金额,币种,订单状态,原数量,推介人,归属来源,自购推介,付款,付款时间,取货,取货时间,下单时间,规则类型,规则值,佣金
gba-csv-order-ACTIVE = 有效
gba-csv-order-CANCELLED = 已取消
gba-csv-order-VOID = 已作废
gba-csv-order-REFUNDED = 已退款
gba-csv-attribution-LINK = 推介链接
gba-csv-attribution-PRODUCT = 产品推介官
gba-csv-yes = 是
gba-csv-no = 否
