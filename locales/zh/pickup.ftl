## 核销（凭码取货）

cmd-pickup = 在取货点核销：/pickup <团号>，然后输入或扫描成员的取货码
cmd-pickup_helper = 回复成员的消息发 /pickup_helper <团号>，让其协助核销该团（加 off 取消）

pickup-notice-code = 🎫 你的取货码：<code>{ $code }</code>。取货时出示此码或上面的二维码。

pickup-list-header = 🎫 <b>核销 · #{ $id } { $name }</b>
pickup-list-place = 📍 { $place }
    待取货：{ $pending } / { $total }
pickup-list-line = { $ref } { $name } · { $qty } × { $unit } · { $paid ->
    [yes] 已付款
   *[no] 未付款
}
pickup-list-all-done = 全部已取货。🎉
pickup-list-how = 在这里输入成员的取货码，或用手机相机扫描其二维码；也可以点来取货的人：
pickup-button-mark = ✅ { $ref } { $name } ×{ $qty }
pickup-button-prev = ◀
pickup-button-next = ▶
pickup-button-buy = #{ $id } { $name } · 待取 { $pending }
pickup-usage = 用法：/pickup <团号>，例如 /pickup 12（只发 /pickup 可选择团购）
pickup-nothing = 没有需要核销的团购：你能核销的团购都已取完。
pickup-choose = 要核销哪个团购？

pickup-picked = ✅ 已取货：{ $ref } { $name }：{ $qty } × { $unit }，{ $paid ->
    [yes] 已付款。
   *[no] 未付款：请收取 { $amount }。
}
pickup-already = ⚠️ 已经取过货：{ $ref } { $name }（{ $qty } × { $unit }），{ $when }，由 { $by } 核销。
pickup-wrong = ❌ 没有订单使用这个取货码，请核对后重新输入。
pickup-not-a-code = 这不是取货码（8 位字母和数字，如 ABCD-EFGH）。你正在核销团购 #{ $id }：请输入成员的取货码，或发 /pickup 切换。
pickup-foreign = ⚠️ 这个取货码属于团购 #{ $id }，不是 #{ $session }。发 /pickup { $id } 核销那个团。
pickup-not-ahead = ⏳ 团购 #{ $id } 未成团（{ $status }）：没有可取的货。
pickup-not-active = 🚫 { $ref } { $name } 的订单已取消：无需发货。
pickup-not-allowed = 只有本团的组织者和核销助手可以核销。
pickup-too-many = ⏱ 一分钟内输错太多次，请 { $seconds } 秒后再试。
pickup-own-code = 🎫 这是你在团购 #{ $id }「{ $product }」的取货码（{ $qty } × { $unit }）。取货时出示此码或二维码，由组织者或助手扫描。

pickup-button-my-code = 🎫 我的取货码 · #{ $id }
pickup-my-code = 🎫 你在团购 #{ $id }「{ $name }」的取货码：<code>{ $code }</code>
    { $qty } × { $unit }。取货时出示此码或这张二维码。
    📍 { $place }
pickup-no-code = 你在这个团购没有取货码（未成团，或订单已取消）。
pickup-my-code-used = 你的订单已经取过货了。

pickup-helper-usage = 请回复该成员的消息发 /pickup_helper <团号>（发 /pickup_helper <团号> off 取消）。
pickup-helper-in-group = 请在群里回复成员的消息发 /pickup_helper。
pickup-helper-granted = ✅ { $name } 现在可以核销团购 #{ $id }，我已私信告知（如果对方曾私聊过我）。
pickup-helper-already = { $name } 已经是团购 #{ $id } 的核销助手。
pickup-helper-revoked = { $name } 不再核销团购 #{ $id }。
pickup-helper-was-not = { $name } 本来就不是团购 #{ $id } 的核销助手。
pickup-helper-notice = 🎫 { $by } 请你协助核销团购 #{ $id }「{ $name }」。到取货点后给我发 /pickup { $id }：输入成员的取货码、用手机相机扫描其二维码，或点来取货的人。
pickup-helper-notice-off = { $by } 取消了你在团购 #{ $id }「{ $name }」的核销助手身份。
