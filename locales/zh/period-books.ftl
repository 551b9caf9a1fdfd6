# 社区月度账本、惠顾返还预览、/settings

cmd-my_books = 我本月的购买和惠顾返还预览（/my_books last、/my_books 2026-11）

pbooks-title = 📒 <b>{ $community }：{ $period } 账本</b>
pbooks-empty = 本月没有成团结束的团购。
pbooks-summary = 结束 { $buys } 个团购 · { $orders } 笔订单 · { $quantity } 件
    收入 { $revenue }（已收 { $collected }，待收 { $outstanding }）
pbooks-products = <b>按商品和生产者</b>
pbooks-product-line = • { $product }（{ $producer }）：{ $orders } 笔，{ $quantity } 件，{ $revenue }
pbooks-fee-income = 合作社服务费收入：<b>{ $amount }</b>
pbooks-commissions = 推介佣金：本月计提 { $accrued } · 本月已付 { $paid } · 月末未付 { $outstanding }
pbooks-refunds = 退款：{ $count } 笔，{ $amount }
pbooks-residue = 合作社保留的舍入余额：{ $amount }
pbooks-balanced = ✅ 各部分相加等于收入，精确到分。
pbooks-unbalanced = ⚠️ 各部分相加不等于收入：请组织者核对各团购的结算。
pbooks-bad-period = 没看懂这个月份。请发送 /books month、/books last 或 /books 2026-11（年-月）。
pbooks-no-community = 你还没有加入任何社区：账本只给社区成员看。
pbooks-which-community = 查看哪个社区的账本？
pbooks-not-yours = 这个社区的账本只给它的成员看。
pbooks-csv-button = 📄 CSV（组织者）
pbooks-csv-caption = { $community } { $period } 账本
pbooks-csv-header = 月份,行,商品,生产者,订单数,数量,金额,币种
pbooks-csv-product = 商品
pbooks-csv-revenue = 收入
pbooks-csv-collected = 已收
pbooks-csv-fee-income = 合作社服务费收入
pbooks-csv-commissions-accrued = 计提佣金
pbooks-csv-commissions-paid = 已付佣金
pbooks-csv-commissions-outstanding = 未付佣金
pbooks-csv-refunds = 退款
pbooks-csv-residue = 舍入余额

mybooks-title = 🧾 <b>你在 { $community } 的购买，{ $period }</b>
mybooks-none = 本月结束的团购里你没有购买。
mybooks-line = • #{ $id } { $product }：{ $quantity } × { $unit }，{ $amount }（{ $paid }）
mybooks-line-refunded = • #{ $id } { $product }：{ $quantity } × { $unit }，{ $amount }（已退款）
mybooks-paid = 已付款
mybooks-unpaid = 未付款
mybooks-private-only = 请在私聊中发送 /my_books：你的购买只给你自己看。
mybooks-no-patronage = 社区还没有设置惠顾返还比例。
mybooks-patronage = <b>惠顾返还预览</b>：合作社服务费收入（{ $fee }）的 { $share } 是 { $pool }，按购买额返还。
    你的购买 { $mine }，全体 { $all } → <b>{ $amount }</b>。
    每人的份额向下取整到分（向下取整，余额公开）：{ $members } 位成员分完后余 { $residue }，留在合作社。
