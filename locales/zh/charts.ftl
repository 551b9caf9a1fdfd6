# Pictures: the "where the money goes" chart (src/views/money-chart.ts)
chart-title = 钱去哪了
chart-title-product = 钱去哪了 · { $product }
chart-kind-PRODUCER = 生产者
chart-kind-PACKAGING = 包装
chart-kind-LOGISTICS = 物流
chart-kind-COOP_FEE = 合作社费用
chart-kind-COMMISSION = 推介佣金
chart-kind-OTHER = 其他
