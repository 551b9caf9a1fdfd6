# Pictures: the "where the money goes" chart (src/views/money-chart.ts)
chart-title = 钱去哪了
chart-title-product = 钱去哪了 · { $product }
