# 产品：公开卡片、产品列表、我的推介

cmd-products = 浏览社区已通过审核的产品（可按标签）
cmd-my_products = 我的推介及审核状态

product-card-producer = 生产者：{ $name }，{ $location }
product-card-costs-title = 成本构成（每 { $unit }）
product-card-no-costs = （还没有成本项）
product-card-costs-unbalanced = ⚠️ 成本合计 { $sum }，与价格不符。
product-card-price = 价格：{ $price } / { $unit }
product-card-no-price = 价格：尚未设置
product-card-recommended-by = 推介官：{ $name }
product-card-commission = 推介佣金（团购 #{ $id }）：{ $rule }
product-card-commission-none = 无
product-card-revised = 最后修订：{ $date }（第 { $version } 版）
product-card-open-buy = 🛍 发起团购

products-list-header-community = <b>🛒 { $title } 的产品</b>
products-list-header-mine = <b>🛒 你所在社区的产品</b>
products-list-empty = 还没有通过审核的产品。来推介一个吧：私聊我发送 /recommend。
products-list-footer-group = 第 { $page }/{ $pages } 页 · 点产品在私聊中查看卡片。
products-list-footer-private = 第 { $page }/{ $pages } 页 · 点产品查看卡片。
products-page-previous = ◀️ 上一页
products-page-next = 下一页 ▶️
products-no-community = 我还不知道你属于哪个合作社社区：请在有我在的合作社群里发送 /recommend（群里的普通消息我可能看不到，但命令我都能看到），然后再来这里问我。
products-not-found = 这个产品无法查看。
products-not-published = 尚未发布：{ $status }

my-products-header = <b>我的推介</b>
my-products-none = 你还没有推介过产品。发送 /recommend 把好产品带给合作社吧。🌱
my-products-edit = ✏️ 修改
my-products-draft = 草稿「{ $name }」：发送 /recommend 继续填写
my-products-published = 已发布（第 { $version } 版）
my-products-status-PENDING_REVIEW = 等待审核
my-products-status-CHANGES_REQUESTED = 需要修改：{ $comment }
my-products-status-REJECTED = 未通过：{ $comment }
my-products-status-APPROVED = 已发布（第 { $version } 版）
my-products-status-SUPERSEDED = 已被取代
my-products-change-PENDING_REVIEW = 第 { $version } 版修改等待审核
my-products-change-CHANGES_REQUESTED = 第 { $version } 版修改需要调整：{ $comment }
my-products-change-REJECTED = 第 { $version } 版修改未通过：{ $comment }
my-products-change-SUPERSEDED = 修改已被取代
