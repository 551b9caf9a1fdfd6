# Recommending a product: the guided conversation, the preview, drafts

cmd-recommend = Recommend a product to your co-op
recommend-start-button = 🌱 Recommend a product

recommend-intro =
    Let's bring a good product to <b>{ $community }</b>! 🌱
    I'll ask a few questions, one at a time: the product, its producer, what it stands for, its story, its cost breakdown and photos. You can go back at any step, or stop with /cancel; everything you type is saved as a draft.
recommend-intro-several =
    Let's bring a good product to your co-op! 🌱
    I'll ask a few questions, one at a time: the product, its producer, what it stands for, its story, its cost breakdown and photos. You can go back at any step, or stop with /cancel; everything you type is saved as a draft.
recommend-no-community =
    I don't know which co-op community you belong to yet.
    Send /recommend in your co-op's Telegram group where I am (I see commands there even when I don't see ordinary messages), then tap the button I answer with.
recommend-has-drafts = You have { $count ->
        [one] an unfinished recommendation
       *[other] { $count } unfinished recommendations
    }. Continue, or start a new one?
recommend-continue = ▶️ Continue “{ $name }”
recommend-continue-edit = ▶️ Continue editing “{ $name }”
recommend-start-new = 🆕 Start a new recommendation
recommend-untitled = untitled
recommend-busy = You are in the middle of answering a question: answer it, or send /cancel first.
recommend-draft-gone = That draft no longer exists (it was submitted or discarded). Send /recommend to start again.
recommend-draft-reminder = You have an unfinished recommendation. Send /recommend to continue it.
recommend-cancelled = Stopped. Your draft is saved: send /recommend whenever you want to continue.
recommend-group-private-only = Recommendations are made in a private chat with me, so the group isn't flooded with questions.
recommend-group-button = 🌱 Recommend in private

recommend-button-back = ⬅️ Back
recommend-button-cancel = ✖️ Cancel
recommend-button-keep = ✔️ Keep it
recommend-button-stale = That button belongs to an earlier question.
recommend-button-expired = This question has expired. Send /recommend to continue your draft.
recommend-current = Now: { $value }
recommend-current-story = your story ({ $length } characters)

recommend-ask-community = Which community is this product for?
recommend-ask-name =
    <b>1/7 · Product</b>
    What is the product called? (e.g. Wild mountain tea)
recommend-ask-unit = What is the unit of sale, the quantity one price is for? (e.g. 500 g, 1 bottle, 1 box)
recommend-unit-presets = 500 g|1 kg|1 bottle|1 box
recommend-ask-producerName =
    <b>2/7 · Producer</b>
    Who makes it? The producer's name (a farm, a workshop, a person).
recommend-ask-producerLocation = Where are they? (village, town, province)
recommend-ask-producerContact = How can the co-op reach them? (phone, WeChat, e-mail…) 🔒 Only the organizers see this.
recommend-ask-tags =
    <b>3/7 · What it stands for</b>
    Choose the social-innovation tags that fit (several are fine), then press Done.
recommend-tags-done = ✔️ Done
recommend-ask-story =
    <b>4/7 · The story</b>
    Tell its story: what problem does this product answer? How, and by whom, is it made? (at least 20 characters, at most 2000)
recommend-ask-costs =
    <b>5/7 · The cost breakdown</b>
    Open the books: send the cost of one unit as lines of <code>label amount</code>, one per message or several in one message. For example:
    <code>Ingredients 12.50</code>
    <code>Labour 8</code>
    <code>Packaging 1.50</code>
    Press Done when all lines are in.
recommend-costs-added = Added. Send more lines, remove one with ✖, or press Done.
recommend-costs-sum = <b>Lines so far: { $sum }</b>
recommend-costs-done = ✔️ Done, on to the price
recommend-ask-price = What is the price of one unit ({ $unit })? Your lines add up to { $sum }.
recommend-price-use-sum = Price = { $sum }
recommend-price-keep = Keep { $price }
recommend-balance-short = The lines add up to { $sum } but the price is { $price }: <b>{ $difference } is not accounted for.</b>
recommend-balance-over = The lines add up to { $sum } but the price is { $price }: <b>the lines are { $difference } more than the price.</b>
recommend-balance-how = A price is only accepted with a complete breakdown. Fix a line, send another line (<code>label amount</code>), send a new price, or add the difference as an explicit line:
recommend-balance-add-margin = ➕ { $amount } as producer margin
recommend-balance-add-fee = ➕ { $amount } as co-op fee
recommend-balance-add-commission = ➕ { $amount } as recommender commission
recommend-balance-label-margin = Producer margin
recommend-balance-label-fee = Co-op fee
recommend-balance-label-commission = Recommender commission
recommend-balance-edit-lines = ✏️ Edit the lines
recommend-balance-edit-price = 💰 Change the price
recommend-balance-ok = ✅ The breakdown adds up to the price, { $price }.
recommend-ask-photos =
    <b>6/7 · Photos</b>
    Send up to { $max } photos of the product (optional), then press Done.
recommend-photos-saved = 📷 Photo { $count }/{ $max } saved. Send more, or press Done.
recommend-photos-done = ✔️ Done ({ $count } photos)
recommend-photos-skip = ⏭ No photos
recommend-photos-clear = 🗑 Remove the photos

recommend-error-empty = That was empty.
recommend-error-too-long = That is too long: { $length } characters, at most { $max }.
recommend-error-too-short = Please tell a little more: { $length } characters, at least { $min }.
recommend-error-need-text = Please answer with a text message.
recommend-error-use-buttons = Please choose with the buttons below.
recommend-error-no-tags = Choose at least one tag.
recommend-error-no-lines = Add at least one cost line first.
recommend-error-too-many-lines = At most { $max } cost lines; combine some of them.
recommend-error-cost-line = Line { $line } “{ $text }”: { $problem }
recommend-error-amount-empty = Please send the price as a number, e.g. 25.80.
recommend-error-amount-not-a-number = That is not a number. Send the price like 25.80.
recommend-error-amount-negative = The price can't be negative.
recommend-error-amount-too-many-decimals = At most two decimals (fen), e.g. 25.80.
recommend-error-amount-too-large = That is more than ¥100,000 for one unit: please check the amount.
recommend-error-amount-zero = The price must be more than zero.
recommend-error-too-many-photos = You already have { $max } photos; remove them to choose others, or press Done.
recommend-error-photos-text = Please send photos, or press Done.
recommend-error-photo-as-file = Please send the picture as a photo (not as a file).

cost-error-empty = it is empty
cost-error-missing-amount = no amount at the end (write it like <code>Labour 8.50</code>)
cost-error-missing-label = no label before the amount
cost-error-label-too-long = the label is too long (at most 40 characters)
cost-error-not-a-number = the amount is not a number
cost-error-negative = the amount can't be negative
cost-error-too-many-decimals = at most two decimals
cost-error-too-large = the amount is too large for one unit

recommend-preview-header = <b>👀 Preview</b> — this is how the card will look in { $community }:
recommend-preview-header-edit = <b>👀 Preview of your changes</b> for { $community } (the published card stays until they are approved):
recommend-preview-missing = Still missing: { $steps }.
recommend-preview-ready = Ready: submit it for the organizers' review, or change a section.
recommend-preview-submit = 📤 Submit for review
recommend-preview-discard = 🗑 Discard the draft
recommend-section-name = ✏️ Name & unit
recommend-section-producerName = ✏️ Producer
recommend-section-tags = ✏️ Tags
recommend-section-story = ✏️ Story
recommend-section-costs = ✏️ Costs & price
recommend-section-photos = ✏️ Photos
recommend-step-community = community
recommend-step-import = import from a DFC catalogue
recommend-step-name = name
recommend-step-unit = unit
recommend-step-producerName = producer
recommend-step-producerLocation = producer's place
recommend-step-producerContact = producer's contact
recommend-step-tags = tags
recommend-step-story = story
recommend-step-costs = cost lines
recommend-step-price = price
recommend-step-balance = a breakdown that adds up to the price
recommend-step-photos = photos
recommend-step-preview = preview
recommend-discard-confirm = Discard this draft? What you typed will be lost.
recommend-discard-yes = 🗑 Yes, discard it
recommend-discarded = The draft was discarded.

recommend-submitted = 📤 “{ $name }” was submitted. The organizers of { $community } will review it; I'll tell you their decision.
recommend-submitted-no-organizers = 📤 “{ $name }” was submitted, but { $community } has no organizers yet: ask the group's admins to appoint one (/add_organizer). It will wait for their review.
recommend-submitted-change-note = The published card stays as it is until your changes are approved.
recommend-submit-gone = This draft was already submitted or discarded.
recommend-submit-incomplete = This draft is not complete yet; finish the missing sections first.
recommend-submit-community-gone = That community is no longer served by the bot, so the recommendation can't be submitted there.
recommend-submit-not-yours = Only the product's recommender can submit changes to it.
recommend-submit-closed = This product was rejected or archived; recommend it anew with /recommend.
recommend-edit-not-yours = Only the product's recommender can edit it.
recommend-edit-closed = This product was rejected or archived and can't be edited; recommend it anew with /recommend.
recommend-edit-intro = ✏️ Here is your product as a draft. Change the sections you need, then submit it: the organizers review every change.

# The co-op's social-innovation tags (src/domain/tags.ts)
tag-ecological_farming = Ecological farming
tag-fair_trade = Fair trade
tag-community_development = Community development
tag-zero_waste = Zero waste
tag-rural_revitalisation = Rural revitalisation
tag-inclusive_employment = Inclusive employment
tag-traditional_craft = Traditional craft
tag-women_empowerment = Women's empowerment
tag-youth_return = Young people returning home
tag-animal_welfare = Animal welfare
tag-biodiversity = Biodiversity
tag-short_supply_chain = Short supply chain
tag-circular_economy = Circular economy
tag-low_carbon = Low carbon
tag-cooperative_ownership = Cooperative ownership
tag-elder_care = Care for elders
tag-food_education = Food & farm education
