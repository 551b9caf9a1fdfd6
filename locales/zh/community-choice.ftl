# 多个社区的组织者：私聊中的命令作用于哪个社区

cmd-community = 选择私聊命令作用的社区

community-choice-ask = 你是 { $count } 个社区的组织者。{ $command } 用于哪个社区？
community-choice-switch = 你在私聊中发送的命令目前作用于<b>{ $community }</b>。切换到：
community-choice-first = 你在私聊中发送的命令要作用于哪个社区？
community-choice-picked = ✓ { $community }
community-choice-note = 🏘 社区：{ $community } · /community 切换
community-choice-switched = 好的：你在私聊中发送的命令现在作用于<b>{ $community }</b>。
community-choice-only-one = 你只是一个社区的组织者：<b>{ $community }</b>。私聊中的命令都作用于它。
community-choice-stale = 这个选择已经失效。请重新发送命令。
community-choice-not-yours = 你不是那个社区的组织者：什么都没有改变。
community-choice-use-private = 请在和我的私聊中发送这个命令；如果你是多个社区的组织者，我会问你用于哪个社区。
