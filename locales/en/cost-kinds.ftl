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
recommend-kinds-guess-mark = {" "}(guessed)
recommend-kinds-confirm = ✅ All correct
recommend-kinds-list = ↩️ Back to the list
recommend-kinds-pick = Line { $line } “{ $label }” { $amount }: what does it pay for?
recommend-kinds-separator = {", "}
recommend-error-kinds-format = Send “number kind”, e.g. <code>2 logistics</code>. The kinds: { $kinds }.
recommend-error-kinds-no-line = There is no line { $line }: there are { $count }.
recommend-error-kinds-unknown = I don't know the kind “{ $kind }”. The kinds: { $kinds }.

product-card-kind-group = <b>{ $kind }</b> { $amount } · { $share }

gb-breakdown = 🧾 Per { $unit } { $price } = { $parts }
gb-breakdown-adjusted = ↔️ Moved for this buy's price and commission: { $label } { $before } → { $after }
gb-open-commission-default = As the commission line: { $amount } per unit
gb-open-commission-line-label = Recommender commission
gb-open-ask-absorb =
    This buy's price or commission differs from the product's breakdown by { $difference }. Which line takes the difference?
    { $breakdown }
gb-open-absorb-option = { $label } { $before } → { $after }
gb-open-absorb-negative = “{ $label }” would be { $after }: it can't go below zero. Choose another line, or /cancel and choose another price or commission.
gb-open-absorb-none = This product has no line but the commission to take the difference. Open it at the product's price and commission.
gb-open-books-changed = The product's breakdown changed meanwhile, and the line you chose no longer fits. Please /open again.
