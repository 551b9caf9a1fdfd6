# Kinds of cost lines (issue 16: open books)
cost-kind-PRODUCER = Producer
cost-kind-PACKAGING = Packaging
cost-kind-LOGISTICS = Logistics
cost-kind-COOP_FEE = Co-op fee
cost-kind-COMMISSION = Recommender commission
cost-kind-OTHER = Other

recommend-section-kinds = ✏️ Line kinds
recommend-step-kinds = kinds of the cost lines
recommend-ask-kinds =
    <b>Line kinds</b>
    Who does each line pay? I guessed from the labels:
recommend-kinds-how = If they are all right, tap “✅ All correct”. To change a line, tap it, or send “number kind”, e.g. <code>2 logistics</code>.
recommend-kinds-guess-mark = (guessed)
recommend-kinds-confirm = ✅ All correct
recommend-kinds-list = ↩️ Back to the list
recommend-kinds-pick = Line { $line } “{ $label }” { $amount }: what does it pay for?
recommend-kinds-separator = {", "}
recommend-error-kinds-format = Send “number kind”, e.g. <code>2 logistics</code>. The kinds: { $kinds }.
recommend-error-kinds-no-line = There is no line { $line }: there are { $count }.
recommend-error-kinds-unknown = I don't know the kind “{ $kind }”. The kinds: { $kinds }.

product-card-kind-group = <b>{ $kind }</b> { $amount } · { $share }
