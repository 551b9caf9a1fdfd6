# Organizers of several communities: which community a private command acts on

cmd-community = Choose the community your private commands act on

community-choice-ask = You organize { $count } communities. Which one is { $command } for?
community-choice-switch = Commands you send me here act in <b>{ $community }</b>. Switch to:
community-choice-first = Which community should the commands you send me here act in?
community-choice-picked = ✓ { $community }
community-choice-note = 🏘 { $community } · /community to switch
community-choice-switched = Done: commands you send me here act in <b>{ $community }</b> now.
community-choice-only-one = You organize one community, <b>{ $community }</b>: commands you send me here act there.
community-choice-stale = This choice is no longer valid. Send the command again.
community-choice-not-yours = You don't organize that community: nothing was changed.
community-choice-use-private = Send me this command in a private chat; if you organize several communities, I'll ask which one it is for.
