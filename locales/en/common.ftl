# Common: start, help, language, community and organizers

start-welcome =
    Hello, { $name }! I am the group-buy assistant of <b>Let's CO-OP!</b> 🤝
    Responsible consumption supports responsible production.
    • Any member can become a <b>recommender</b>: find a good product, tell its story and publish its cost breakdown;
    • after the co-op reviews it, a <b>group buy</b> opens in the community group: join with a tap and change your mind until the deadline;
    • organizers close, export and track payment and pickup; every order carries the recommender who brought it.
    Send /help to see the commands you can use.
start-button-language = 🌐 Language / 语言
start-first-organizer =
    ⚙️ This bot has no organizers yet. If you are setting it up: your Telegram user id is <code>{ $id }</code>.
    Put <code>ORGANIZER_IDS={ $id }</code> in the bot's .env (several ids: separated by commas) and restart it, and you are its first organizer; in a group, organizers can then make others organizers with /add_organizer.
whoami-id = Your Telegram user id is <code>{ $id }</code>.

help-private-header = <b>Commands you can use in this private chat:</b>
help-group-header = <b>Commands you can use in the group:</b>

cmd-start = Start and learn about the co-op's group buys
cmd-help = Show the commands you can use
cmd-language = Change the language
cmd-whoami = Show your Telegram user id
cmd-organizers = Show this community's organizers
cmd-add_organizer = Make a member an organizer (reply to their message)
cmd-remove_organizer = Remove an organizer (reply to their message)

language-choose = Choose your language:
language-name-zh = 中文
language-name-en = English
language-set = Done: I will speak English with you from now on.

community-welcome =
    Hello everyone! I am the group-buy assistant of <b>Let's CO-OP!</b> and I have registered “{ $title }” as a co-op community.
    Recommenders can message me privately with /recommend to propose a good product; once it is approved, a group buy can open here.
    Send /help to see the commands.
organizers-list-header = <b>This community's organizers:</b>
organizers-none = No organizers yet.
organizers-who = Reply to a member's message with this command, or add their @username.
organizers-granted = { $name } is now an organizer.
organizers-already = { $name } is already an organizer.
organizers-revoked = { $name } is no longer an organizer.
organizers-not = { $name } is not an organizer granted in this community.
organizers-global = { $name } is an organizer by the bot's configuration (ORGANIZER_IDS) and can't be removed here.

error-generic = Sorry, something went wrong; it has been logged. Please try again in a moment.
error-organizers-only = Only this community's organizers can use this command.

# A recommender commission rule, as members read it (domain/commission formatCommissionRule)
commission-rule-percent = { $percent } %
commission-rule-fixed = { $amount } per unit
commission-rule-fixed-per = { $amount } per { $unit }

# The last line of a message too long for Telegram, in place of the lines left out
text-more-lines = … and { $count ->
        [one] 1 more line
       *[other] { $count } more lines
    }

# The callback guard's answers to a press that doesn't count (a forged or outdated button)
callback-stale = This button is no longer valid.
callback-not-here = This button is not for here.
callback-not-yours = This button is not for you.
