# Pictures: the "where the money goes" chart (src/views/money-chart.ts)
chart-title = Where the money goes
chart-title-product = Where the money goes · { $product }
chart-kind-PRODUCER = Producer
chart-kind-PACKAGING = Packaging
chart-kind-LOGISTICS = Logistics
chart-kind-COOP_FEE = Co-op fee
chart-kind-COMMISSION = Recommender commission
chart-kind-OTHER = Other
