# 推介：分享链接、订单归属、收益账本、结算、推介官名单

cmd-share = 获取某个进行中团购的个人分享链接
cmd-earnings = 查看你的推介收益（组织者：/earnings @成员）
cmd-recommenders = 本社区的推介官和他们带来的成果
cmd-recommenders_optout = 不在推介官名单中显示我
cmd-recommenders_optin = 重新在推介官名单中显示我
cmd-payout = 给推介官结算：/payout @成员 金额
cmd-ledger = 收益账本的最新记录
cmd-export_ledger = 导出收益账本（CSV）
cmd-self_referral = 推介官通过自己的链接下单是否计佣：/self_referral on|off

referrals-recommended-by = 🤝 推介官：{ $name }
referrals-recommended-by-link = 🤝 推介官：{ $name }（通过其分享链接）
referrals-recommended-self = 🤝 这是你自己推介的

referrals-share-link =
    🔗 团购 #{ $id }「{ $product }」的个人分享链接：
    { $link }
referrals-share-explain = 可以转发到任何地方。成员通过这个链接参团，订单就记在你名下；团购成功后，这些订单给你带来 { $rule } 的佣金。
referrals-share-self = 你自己通过这个链接下的单不计佣金。
referrals-share-forward = 📤 转发链接
referrals-share-sent = 📬 已私聊发给你分享链接。
referrals-share-missing = 在你所在的社区里找不到这个团购。
referrals-share-closed = 这个团购已经不再接单，无需分享了。
referrals-share-none = 目前没有进行中的团购。
referrals-share-choose = 你想分享哪个团购？
referrals-share-usage = 请发送 /share 加团购编号，例如 /share 12；或直接发送 /share 选择。

referrals-sent-privately = 📬 已私聊发给你。
referrals-private-blocked = 我还不能私聊你。请先打开与我的私聊并点「开始」，然后再试一次。
referrals-open-bot = 💬 打开私聊
referrals-who = 请回复某位成员的消息发送此命令，或写上 @用户名。

referrals-earnings-title = <b>{ $name }的推介收益 — { $community }</b>
referrals-earnings-totals =
    余额：<b>{ $balance }</b>
    待确认（团购进行中）：{ $pending }
    已赚取：{ $earned } · 已结算：{ $paid }
referrals-earnings-adjusted = 调整：{ $adjusted }
referrals-earnings-buys = <b>按团购</b>
referrals-earnings-buy = • #{ $id } { $product }（{ $status }）：{ $orders } 单{ $own }，{ $amount } → { $commission }
referrals-earnings-buy-refunded = ，{ $refunded } 单已退款
referrals-earnings-more = ……还有 { $count } 个团购
referrals-earnings-none = 你还没有推介收益。发送 /share 获取进行中团购的分享链接。
# 推介官自己下的、不计佣金的单（/earnings 与成团通知都算在"单"数里）
referrals-orders-own-unpaid = { $own ->
        [0] {""}
       *[other] （含自己的 { $own } 单，不计佣金）
    }
referrals-buy-pending = 进行中，待确认
referrals-buy-succeeded = 已成团

referrals-kind-ACCRUAL = 计佣
referrals-kind-REVERSAL = 冲回
referrals-kind-PAYOUT = 结算
referrals-kind-ADJUSTMENT = 调整

referrals-ledger-title = <b>收益账本 — { $community }</b>（最新 { $shown } 条，共 { $total } 条）
referrals-ledger-empty = 还没有记录。
referrals-ledger-line = { $date } · { $name } · { $kind } <b>{ $amount }</b> → { $balance }{ $ref }
referrals-ledger-ref-order = {" "}· 订单 { $ref }
referrals-ledger-verified = ✅ 每个余额都等于其各条记录之和，每条记录都与其订单相符。
referrals-ledger-problems = ⚠️ 账本对不上（{ $count } 个问题），请告知维护者：
referrals-ledger-export-hint = 完整记录：/export_ledger
referrals-export-caption = { $community }的收益账本：共 { $count } 条记录。

referrals-payout-usage = 请发送 /payout @成员 金额（或回复该成员的消息发送 /payout 金额），例如 /payout @alice 25.50
referrals-payout-not-positive = 金额必须大于零。
referrals-payout-exceeds-balance = 超过了 { $name } 的余额 { $balance }。
referrals-payout-nothing = 没有可结算的余额。
referrals-payout-balance-button = 💸 结算 { $amount }
referrals-payout-confirm =
    向{ $name }（{ $community }）结算 <b>{ $amount }</b>？
    当前余额：{ $balance } → 结算后：{ $after }
    请在钱实际付出后再确认。
referrals-payout-confirm-button = ✅ 确认结算
referrals-payout-cancel-button = 取消
referrals-payout-cancelled = 已取消结算，没有记账。
referrals-payout-recorded = 结算已记账。
referrals-payout-already = 这笔结算已经记过账了。
referrals-payout-refused-alert = 未记账：当前余额不足。
referrals-payout-done = ✅ 已向 { $name } 结算 <b>{ $amount }</b>。当前余额 { $balance }（账本第 { $seq } 条）。
referrals-payout-refused = ❌ 未记账：向 { $name } 结算 { $amount } 会超过当前余额 { $balance }。可能已有其他组织者先结算了。

referrals-notify-accrual = 🎉 团购 #{ $id }「{ $product }」成团了：你带来的 { $orders } 单{ $own }为你赚取 <b>{ $amount }</b>。当前余额：{ $balance }。详情：/earnings
referrals-notify-reversal = ↩️ 团购 #{ $id }「{ $product }」的订单 { $ref } 已退款，其佣金 { $amount } 已冲回。当前余额：{ $balance }。
referrals-notify-payout = 💸 合作社 { $community } 已向你结算推介收益 <b>{ $amount }</b>。当前余额：{ $balance }。

referrals-self-usage = 自推计佣目前{ $state }。发送 /self_referral on 或 /self_referral off 修改，对之后开的团购生效。
referrals-self-state-on = 开启：推介官通过自己的链接下单也计佣
referrals-self-state-off = 关闭：推介官自己下的单不计佣
referrals-self-set-on = 好的：之后开的团购里，推介官自己下的单也计佣。
referrals-self-set-off = 好的：之后开的团购里，推介官自己下的单不计佣。

referrals-recommenders-title = <b>{ $community }的推介官</b> — 谢谢你们！
referrals-recommenders-line = • { $name }：{ $products } 个产品，{ $buys } 次团购，{ $orders } 单
referrals-recommenders-others = ……还有 { $count } 位。
referrals-recommenders-none = 还没有推介官。找到好产品、讲出它的故事，你可以成为第一位！
referrals-recommenders-thanks = 上面的每一单，都来自一位用心推荐的人。不想出现在名单里可以发送 /recommenders_optout。
referrals-recommenders-no-community = 我还不知道你属于哪个社区：请先在社区群里发送 /recommend（群里的普通消息我可能看不到，但命令我都能看到）。
referrals-recommenders-hidden = 好的：你不会再出现在 /recommenders 名单中。发送 /recommenders_optin 可重新显示。
referrals-recommenders-shown = 好的：你会重新出现在 /recommenders 名单中。
# 佣金台账导出：佣金 = 订单快照的规则（PERCENT_BP：向下取整(金额 × 基点 ÷ 10000)；FIXED_PER_UNIT：每件分 × 数量），自购推介为 0，除非自购也计佣金
referrals-csv-header = 序号,时间（UTC）,时间（本地）,推介人,类型,金额,余额,币种,订单,成员,数量,单价,订单金额,规则类型,规则值,自购推介,自购计佣,记录人,付款方式,付款凭证,备注
