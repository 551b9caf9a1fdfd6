# 提货后的评价：一天后的邀请、星级、留言、同意公开

cmd-feedback = 成员对产品的评价（组织者和推荐人）

feedback-prompt = 🌾 你昨天提取了「{ $product }」。感觉怎么样？你的星级和留言会转给推荐人和生产者：生产与消费不是终点，而是对话的开始。
feedback-button-skip = 跳过
feedback-toast-rated = 谢谢！⭐ { $rating }
feedback-toast-skipped = 已跳过，谢谢！
feedback-toast-already = 这次评价你已经回答过了。
feedback-toast-gone = 这次评价已不再开放。
feedback-rated = ⭐ { $rating }，给「{ $product }」。谢谢！
feedback-skipped = 「{ $product }」不评价，没关系。
feedback-ask-comment = 💬 想对推荐人和生产者说几句吗？直接发消息（最多 { $max } 字），或点「跳过」。
feedback-comment-too-long = 你的留言有 { $length } 字，最多 { $max } 字，请缩短一些。
feedback-comment-empty = 请写几句话，或点「跳过」。
feedback-ask-publish = 📣 可以把你的留言连同你的显示名展示在产品卡片上吗？
feedback-button-publish-yes = ✅ 可以，公开
feedback-button-publish-no = 🔒 不，保持私密
feedback-published = ✅ 谢谢！你的留言已展示在卡片上。
feedback-kept-private = 🔒 谢谢！你的留言只给推荐人和组织者看。
feedback-no-comment = 谢谢你的评分！
feedback-cancelled = 好的，不留言了。

feedback-comment-notice = 💬 「{ $product }」收到新评价：{ $name } 给了 ⭐ { $rating }：
    { $comment }
feedback-low-notice = ⚠️ 成员对「{ $product }」评价偏低：{ $count } 条评价平均 ⭐ { $average }。用 /feedback { $id } 查看留言。

feedback-list-header = 💬 <b>成员留言</b>（最新在前）：
feedback-list-header-product = 💬 <b>「{ $product }」的成员留言</b>（最新在前）：
feedback-list-item = ⭐ { $rating } · { $product }（#{ $id }）· { $name }{ $public }：
    { $comment }
feedback-list-public = 📣
feedback-list-none = 还没有留言。
feedback-list-not-allowed = 只有组织者和推荐人能查看成员留言。
feedback-list-usage = 用 /feedback，或 /feedback 加产品编号（例如 /feedback 12）。

product-card-feedback = ⭐ { $average } · { $count } 条评价
product-card-feedback-comment = 💬 { $name }：{ $comment }
products-list-rating = ⭐ { $average }（{ $count }）
