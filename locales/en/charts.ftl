# Pictures: the "where the money goes" chart (src/views/money-chart.ts)
chart-title = Where the money goes
chart-title-product = Where the money goes · { $product }
