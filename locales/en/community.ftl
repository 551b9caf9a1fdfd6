# Communities: a group waits for an operator's approval; administrators as organizers

community-pending =
    Hello! I am the group-buy assistant of <b>Let's CO-OP!</b>, a bot that runs a consumer co-op's group buys.
    This group is not one of the co-op's communities yet. I have asked the co-op's operators; until one of them approves it, I stay quiet here.
community-not-yet-toast = This group is not a co-op community (yet).

community-ask =
    🆕 I was added to the group <b>{ $title }</b> (by { $who }).
    Is it one of your co-op's communities? Approve it and group buys can run there; ignore it and I stay quiet there.
community-ask-someone = someone I don't know
community-button-approve = ✅ Approve
community-button-ignore = 🙈 Ignore
community-decided-approved = ✅ <b>{ $title }</b> is now a co-op community; I greeted the group.
community-decided-ignored = 🙈 Ignored: I stay quiet in <b>{ $title }</b>. To make it a community later, add me to it yourself, or make me an admin there.
community-already-approved = <b>{ $title }</b> was already approved.
community-already-ignored = <b>{ $title }</b> was already ignored. To make it a community, add me to it yourself, or make me an admin there.
community-decision-gone = This group is no longer waiting for a decision (I was removed from it).
community-operators-only = Only the bot's operators can decide this.

cmd-admins_organize = Let the group's admins organize it (on / off)
admins-organize-on = The group's Telegram administrators are now organizers of this community too.
admins-organize-off = The group's Telegram administrators are organizers only if they were made one with /add_organizer.
admins-organize-state = { $on ->
        [yes] The group's Telegram administrators organize this community.
       *[no] The group's Telegram administrators organize this community only if they were made organizers with /add_organizer.
    } Change it with /admins_organize on or /admins_organize off.
