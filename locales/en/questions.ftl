# Questions to the recommender (co-learning): asking, answering, a card's public Q&A, the group's "New Q&A"

cmd-card = A product's card and its public Q&A: /card <product>

questions-ask-button = ❓ Ask
questions-card-line = Q&amp;A: { $count } · /card { $id }
questions-card-usage = Write the product's number after the command, e.g. /card 12 (see /products).
questions-not-found = You can't ask about or see this product now.
questions-ask-own = This is your own recommendation: members' questions come to you, and /my_products lists them to answer.
questions-busy = You are in another conversation with me: finish it, or send /cancel, then tap ❓ Ask again.
questions-ask-prompt = ❓ What would you like to ask { $recommender } about “{ $product }”? Write it in one message (at most { $max } characters), or send /cancel.
questions-error-not-text = Please write your question as text.
questions-error-empty = That was empty: please write something.
questions-error-too-long = That is too long ({ $length } characters, at most { $max }): please shorten it.
questions-cancelled = All right, nothing was sent.
questions-asked = ✅ Sent to { $recommender }. I'll tell you when they answer.

questions-notice-asked = ❓ { $asker } asked about “{ $product }” (product { $id }):
    <blockquote>{ $question }</blockquote>
    You may ask the producer through your own contact first, then answer.
questions-answer-button = ✍️ Answer
questions-answer-prompt = ✍️ Your answer to { $asker }'s question about “{ $product }”:
    <blockquote>{ $question }</blockquote>
    Write it in one message (at most { $max } characters), or send /cancel.
questions-answer-sent = ✅ Your answer was sent to { $asker }. Publish your answer in the card's public Q&amp;A? (Only if { $asker } agrees too.)
questions-cannot-answer-not-found = This question is gone.
questions-cannot-answer-not-yours = This is not your question.
questions-cannot-answer-answered = This question has been answered already.
questions-cannot-answer-not-answered = This question has no answer yet.

questions-notice-answered = 💬 { $recommender } answered your question about “{ $product }”:
    <blockquote>{ $question }</blockquote>
    <blockquote>{ $answer }</blockquote>
    Publish your question in the card's public Q&amp;A? (Only if the recommender agrees too; only your display name is shown.)
questions-publish-question = 📢 Publish my question
questions-publish-answer = 📢 Publish
questions-keep-private = 🔒 Keep private
questions-consent-published = 📢 Published in the card's Q&A: /card { $id }
questions-consent-waiting = 👍 You agreed to publish; it appears on the card once { $name } agrees too.
questions-consent-private = 🔒 Kept private.

questions-qa-header = 💬 <b>Public Q&amp;A of “{ $product }”</b> ({ $count })
questions-qa-none = No public Q&amp;A yet. Tap ❓ Ask under the card.
questions-qa-entry = ❓ { $asker }: { $question }
    💬 { $recommender }: { $answer }
questions-qa-more = …and { $count } more
questions-new-post = 🆕 <b>New Q&amp;A</b> · “{ $product }” ({ $count }) · all of it: /card { $id }

questions-my-header = <b>❓ Questions waiting for your answer ({ $count })</b>
questions-my-answer = ✍️ Answer { $n }
