# The public page: what members asked and said about a product
web-qa-title = Questions and answers
web-qa-question = Q ({ $name }):
web-qa-answer = A ({ $name }):
web-feedback-title = What members say
web-rating = ★ { $average } from { $count ->
    [one] 1 rating
   *[other] { $count } ratings
}
