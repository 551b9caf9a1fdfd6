# 通用：开始、帮助、语言、社区与组织者

start-welcome =
    你好，{ $name }！这里是 <b>来！合作社</b> 的团购助手 🤝
    我们相信负责任的消费支持负责任的生产。
    • 任何成员都可以成为 <b>推介官</b>：找到好产品，讲出它的故事，公开它的成本构成；
    • 合作社审核后，在社区群里 <b>开团</b>，大家一键参团，截止前随时可以改数量；
    • 组织者收单、导出、跟进付款和取货；每笔订单都记着带来它的推介官。
    发送 /help 查看你可以使用的命令。
start-button-language = 🌐 Language / 语言
start-first-organizer =
    ⚙️ 这个机器人还没有组织者。如果你正在部署它：你的 Telegram 用户 ID 是 <code>{ $id }</code>。
    在机器人的 .env 里写上 <code>ORGANIZER_IDS={ $id }</code>（多个 ID 用逗号分隔）并重启机器人，你就是它的第一位组织者；之后组织者可以在群里用 /add_organizer 授予他人组织者身份。
whoami-id = 你的 Telegram 用户 ID 是 <code>{ $id }</code>。

help-private-header = <b>你可以在私聊中使用这些命令：</b>
help-group-header = <b>你可以在群里使用这些命令：</b>

cmd-start = 开始使用，了解合作社团购
cmd-help = 查看可用的命令
cmd-language = 切换语言
cmd-whoami = 查看你的 Telegram 用户 ID
cmd-organizers = 查看本社区的组织者
cmd-add_organizer = 授予组织者身份（回复某人的消息）
cmd-remove_organizer = 取消组织者身份（回复某人的消息）

language-choose = 请选择你的语言：
language-name-zh = 中文
language-name-en = English
language-set = 好的，之后我会用中文和你交流。

community-welcome =
    大家好！我是 <b>来！合作社</b> 的团购助手，已把「{ $title }」登记为合作社社区。
    推介官可以私聊我发送 /recommend 推荐好产品；审核通过后就能在这里开团。
    发送 /help 查看命令。
organizers-list-header = <b>本社区的组织者：</b>
organizers-none = 还没有组织者。
organizers-who = 请回复某位成员的消息发送此命令，或写上 @用户名。
organizers-granted = 已授予 { $name } 组织者身份。
organizers-already = { $name } 已经是组织者了。
organizers-revoked = 已取消 { $name } 的组织者身份。
organizers-not = { $name } 不是本社区授予的组织者。
organizers-global = { $name } 是机器人配置的组织者（ORGANIZER_IDS），无法在群里取消。

error-generic = 抱歉，出了点问题，我们已经记录下来。请稍后再试。
error-organizers-only = 只有本社区的组织者可以使用这个命令。

# 推介佣金规则（domain/commission formatCommissionRule）
commission-rule-percent = { $percent }%
commission-rule-fixed = 每件 { $amount }
commission-rule-fixed-per = 每{ $unit } { $amount }

# 消息超出 Telegram 长度时，代替省略的行
text-more-lines = ……还有 { $count } 行未显示

# The callback guard's answers to a press that doesn't count (a forged or outdated button)
callback-stale = 这个按钮已失效。
callback-not-here = 这个按钮不适用于这里。
callback-not-yours = 这个按钮不是给你的。
