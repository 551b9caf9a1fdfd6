# The organizers' review of recommendations

cmd-review = Recommendations waiting for your review (organizers)

review-request-header = 📝 <b>New recommendation for { $community }</b> from { $recommender } — please review (version { $version }):
review-request-header-change = 📝 <b>Changes to a published product in { $community }</b> from { $recommender } — please review (version { $version }); the published card stays until you approve:
review-request-contact = 🔒 Producer's contact (organizers only): { $contact }
review-request-photos = 📷 { $count ->
        [0] No photos
        [one] 1 photo
       *[other] { $count } photos
    }
review-button-approve = ✅ Approve and publish
review-button-changes = ✏️ Ask for changes
review-button-reject = ❌ Reject
review-button-photos = 📷 Show the photos

review-ask-changes = ✏️ What should be changed in “{ $name }”? Send your comment for the recommender (or /cancel).
review-ask-reason = ❌ Why is “{ $name }” rejected? Send the reason for the recommender (or /cancel).
review-comment-placeholder = Your comment
review-comment-cancelled = OK, nothing was sent; the recommendation is still waiting for review.
review-comment-too-long = That is too long ({ $length } characters, at most { $max }). Please shorten it.

review-done-approved = ✅ Approved: the card of “{ $name }” is posted in { $community }, and { $recommender } has been told.
review-done-approved-not-posted = ✅ Approved, and { $recommender } has been told; but I could not post the card in { $community } (am I still in the group?).
review-done-changes = ✏️ Your comment was sent to { $recommender }; “{ $name }” will come back to you when they resubmit.
review-done-rejected = ❌ “{ $name }” was rejected, and { $recommender } has been told why.
review-card-posted = 📣 The card of “{ $name }” is now posted in { $community }.
review-button-post-again = 📣 Post the card again
review-already-handled = This recommendation was already handled: { $status } by { $reviewer }.
review-superseded = The recommender has submitted a newer version since; review that one instead.
review-not-found = This recommendation no longer exists.
review-not-organizer = Only the organizers of this product's community can review it.
review-own-recommendation = This is your own recommendation: another organizer of the community reviews it.
review-nothing-pending = Nothing is waiting for review. 🎉
review-pending-button = { $name } (v{ $version })
review-pending-header = { $count ->
        [one] 1 recommendation is waiting for review:
       *[other] { $count } recommendations are waiting for review:
    }

review-outcome-approved = 🎉 Your recommendation “{ $name }” was approved and its card is posted in { $community }. Thank you for bringing it!
review-outcome-changes =
    ✏️ The organizers of { $community } ask for changes to “{ $name }” (version { $version }):
    <blockquote>{ $comment }</blockquote>
    Edit it and submit it again:
review-outcome-edit-button = ✏️ Edit and resubmit
review-outcome-rejected =
    Your recommendation “{ $name }” was not accepted by the organizers of { $community }. Their reason:
    <blockquote>{ $comment }</blockquote>

revision-status-PENDING_REVIEW = waiting for review
revision-status-CHANGES_REQUESTED = changes requested
revision-status-APPROVED = approved
revision-status-REJECTED = rejected
revision-status-SUPERSEDED = replaced by a newer version
