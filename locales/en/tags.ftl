# Browsing by social-innovation tag: /products and the month books
products-tags-button = 🏷 Tags
products-tags-all = All products
products-tags-pick = 🏷 Pick a tag to see the products that have it.
products-tag-filter = 🏷 Tagged: { $tag }
products-tag-empty = No approved product has this tag yet.
pbooks-tags = <b>By tag</b> (a product with several tags counts under each, so these lines add up to more than the total):
pbooks-tag-line = • { $tag }: { $products ->
        [one] 1 product
       *[other] { $products } products
    }, { $orders ->
        [one] 1 order
       *[other] { $orders } orders
    }, { $revenue }
