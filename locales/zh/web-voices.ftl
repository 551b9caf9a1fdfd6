# 公开页面：成员对商品的提问与评价
web-qa-title = 问答
web-qa-question = 问（{ $name }）：
web-qa-answer = 答（{ $name }）：
web-feedback-title = 成员评价
web-rating = ★ { $average }（{ $count } 个评分）
