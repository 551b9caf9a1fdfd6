# Products: the public card, lists, a recommender's own products

cmd-products = Browse the community's approved products, by tag too
cmd-my_products = Your recommendations and their review state

product-card-producer = Producer: { $name }, { $location }
product-card-costs-title = Cost breakdown (per { $unit })
product-card-no-costs = (no cost lines yet)
product-card-costs-unbalanced = ⚠️ The lines add up to { $sum }, not the price.
product-card-price = Price: { $price } / { $unit }
product-card-no-price = Price: not set yet
product-card-recommended-by = Recommended by { $name }
product-card-commission = Recommender commission (group buy #{ $id }): { $rule }
product-card-commission-none = none
product-card-revised = Last revised { $date } (version { $version })
product-card-open-buy = 🛍 Open a group buy

products-list-header-community = <b>🛒 Products of { $title }</b>
products-list-header-mine = <b>🛒 Products of your communities</b>
products-list-empty = No approved products yet. Recommend one: send me /recommend in a private chat.
products-list-footer-group = Page { $page } of { $pages } · tap a product to open its card in a private chat with me.
products-list-footer-private = Page { $page } of { $pages } · tap a product to open its card.
products-page-previous = ◀️ Previous
products-page-next = Next ▶️
products-no-community = I don't know your co-op community yet: send /recommend in your co-op's group where I am (I see commands there even when I don't see ordinary messages), then ask me here again.
products-not-found = This product is not available.
products-not-published = Not published yet: { $status }

my-products-header = <b>Your recommendations</b>
my-products-none = You haven't recommended anything yet. Send /recommend to bring a good product to your co-op. 🌱
my-products-edit = ✏️ Edit
my-products-draft = Draft “{ $name }” — send /recommend to continue it
my-products-published = published (version { $version })
my-products-status-PENDING_REVIEW = waiting for review
my-products-status-CHANGES_REQUESTED = changes requested: { $comment }
my-products-status-REJECTED = rejected: { $comment }
my-products-status-APPROVED = published (version { $version })
my-products-status-SUPERSEDED = replaced
my-products-change-PENDING_REVIEW = changes (version { $version }) waiting for review
my-products-change-CHANGES_REQUESTED = changes (version { $version }) need work: { $comment }
my-products-change-REJECTED = changes (version { $version }) not accepted: { $comment }
my-products-change-SUPERSEDED = changes replaced
