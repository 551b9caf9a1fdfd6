# 按社会创新标签浏览：/products 与月度账目
products-tags-button = 🏷 标签
products-tags-all = 全部产品
products-tags-pick = 🏷 选择一个标签，查看带有该标签的产品。
products-tag-filter = 🏷 标签：{ $tag }
products-tag-empty = 还没有已通过的产品带有这个标签。
pbooks-tags = <b>按标签</b>（一个产品有多个标签时在每个标签下都计入，因此各行相加会超过总额）：
pbooks-tag-line = • { $tag }：{ $products } 个产品，{ $orders } 笔订单，{ $revenue }
