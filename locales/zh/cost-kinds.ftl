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
