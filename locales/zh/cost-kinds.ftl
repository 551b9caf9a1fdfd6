# 成本项的类别（issue 16：公开账本）
cost-kind-PRODUCER = 生产者
cost-kind-PACKAGING = 包装
cost-kind-LOGISTICS = 物流
cost-kind-COOP_FEE = 合作社服务费
cost-kind-COMMISSION = 推介佣金
cost-kind-OTHER = 其他

recommend-section-kinds = ✏️ 成本类别
recommend-step-kinds = 成本项的类别
recommend-ask-kinds =
    <b>成本类别</b>
    每一项钱给了谁？我按名称先猜了一下：
recommend-kinds-how = 都对的话点「✅ 都对」；要改哪一项，点那一项，或者直接发「序号 类别」，例如 <code>2 物流</code>。
recommend-kinds-guess-mark = （猜的）
recommend-kinds-confirm = ✅ 都对
recommend-kinds-list = ↩️ 返回列表
recommend-kinds-pick = 第 { $line } 项「{ $label }」{ $amount }：属于哪一类？
recommend-kinds-separator = 、
recommend-error-kinds-format = 请发「序号 类别」，例如 <code>2 物流</code>。类别有：{ $kinds }。
recommend-error-kinds-no-line = 没有第 { $line } 项：一共 { $count } 项。
recommend-error-kinds-unknown = 不认识类别「{ $kind }」。类别有：{ $kinds }。

product-card-kind-group = <b>{ $kind }</b> { $amount } · { $share }

gb-breakdown = 🧾 每{ $unit } { $price } = { $parts }
gb-breakdown-adjusted = ↔️ 按本团的价格和佣金调整：{ $label } { $before } → { $after }
gb-open-commission-default = 按佣金行：每份 { $amount }
gb-open-commission-line-label = 推介佣金
gb-open-ask-absorb =
    本团的价格或佣金与商品的成本构成不同：还差 { $difference }。由哪一项来承担这个差额？
    { $breakdown }
gb-open-absorb-option = { $label } { $before } → { $after }
gb-open-absorb-negative = 「{ $label }」会变成 { $after }，不能小于零。请换一项，或者 /cancel 后换个价格或佣金。
gb-open-absorb-none = 这个商品除了佣金没有别的成本项，无法承担差额。请按商品价格和佣金行开团。
gb-open-books-changed = 商品的成本构成在这期间改了，所选的承担项已不适用。请重新 /open。
