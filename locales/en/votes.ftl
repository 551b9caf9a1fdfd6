# Members vote on recommendations: the card and poll in the group, the tally for organizers.
vote-card-header = 🗳 <b>Members' vote: shall we stock this?</b> Say so in the poll below.
vote-card-footer = ⏳ Voting closes { $closes }. The organizers see the tally and decide.
vote-card-footer-rule = ⏳ Voting closes { $closes }. With at least { $support } members for it and at most { $object } saying "not needed" by then, it is approved.
vote-poll-question = Shall we stock “{ $name }”?
vote-option-support = Yes, stock it
vote-option-not-needed = Not needed
vote-option-question = I have a question
vote-tally = 🗳 For { $support } · Not needed { $notNeeded } · Questions { $question }
vote-tally-left-out = ({ $count } more from people never seen in the community, not counted)
vote-review-waiting = The members' vote starts in the group shortly and closes { $closes }.
vote-review-open = The members are voting until { $closes }:
vote-review-closed = The members' vote has closed:
vote-review-refresh = 🔄 Refresh the tally
vote-result-approved = 🗳 The members' vote on “{ $name }” has closed: approved by { $community }'s rule, and its card is posted.
    { $tally }
vote-result-kept = 🗳 The members' vote on “{ $name }” has closed; it waits for the organizers' decision.
    { $tally }
vote-veto-group = 🚫 The organizers did not approve “{ $name }”. Their reason: { $reason }
vote-by-members = the members' vote
product-card-support = 👍 { $count } members support it
