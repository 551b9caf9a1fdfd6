# Feedback after pickup: the prompt a day later, stars, a comment, consent to publish it

cmd-feedback = Members' feedback on products (organizers and recommenders)

feedback-prompt = 🌾 You picked up “{ $product }” yesterday. How was it? Your stars and words go to the recommender and the producer: production and consumption are the start of a dialogue.
feedback-button-skip = Skip
feedback-toast-rated = Thank you! ⭐ { $rating }
feedback-toast-skipped = Skipped. Thank you!
feedback-toast-already = You answered this one already.
feedback-toast-gone = This feedback is no longer open.
feedback-rated = ⭐ { $rating } for “{ $product }”. Thank you!
feedback-skipped = No feedback for “{ $product }”. That's fine.
feedback-ask-comment = 💬 Would you like to say a few words for the recommender and the producer? Send a message (at most { $max } characters), or tap Skip.
feedback-comment-too-long = Your comment has { $length } characters; at most { $max } fit. Please shorten it.
feedback-comment-empty = Please write a few words, or tap Skip.
feedback-ask-publish = 📣 May we show your comment on the product's card, with your display name?
feedback-button-publish-yes = ✅ Yes, publish it
feedback-button-publish-no = 🔒 No, keep it private
feedback-published = ✅ Thank you! Your comment is on the card.
feedback-kept-private = 🔒 Thank you! Your comment goes to the recommender and the organizers only.
feedback-no-comment = Thank you for your stars!
feedback-cancelled = OK, no comment.

feedback-comment-notice = 💬 New feedback on “{ $product }”: ⭐ { $rating } from { $name }:
    { $comment }
feedback-low-notice = ⚠️ Members rate “{ $product }” low: ⭐ { $average } over { $count } ratings. See /feedback { $id } for their comments.

feedback-list-header = 💬 <b>Members' comments</b> (latest first):
feedback-list-header-product = 💬 <b>Members' comments on “{ $product }”</b> (latest first):
feedback-list-item = ⭐ { $rating } · { $product } (#{ $id }) · { $name }{ $public }:
    { $comment }
feedback-list-public = 📣
feedback-list-none = No comments yet.
feedback-list-not-allowed = Only organizers and recommenders see members' comments.
feedback-list-usage = Use /feedback, or /feedback followed by a product's number (e.g. /feedback 12).

product-card-feedback = ⭐ { $average } · { $count ->
        [one] 1 rating
       *[other] { $count } ratings
    }
product-card-feedback-comment = 💬 { $name }: { $comment }
products-list-rating = ⭐ { $average } ({ $count })
