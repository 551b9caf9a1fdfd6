# 社区：群等待运营者批准；群管理员作为组织者

community-pending =
    大家好！我是<b>来！合作社</b>的团购助手，一个为消费合作社办团购的机器人。
    这个群还不是合作社的社区。我已经请合作社的运营者确认；在他们批准之前，我在这里不会发言。
community-not-yet-toast = 这个群（还）不是合作社社区。

community-ask =
    🆕 我被拉进了群 <b>{ $title }</b>（拉我的人：{ $who }）。
    它是你们合作社的社区吗？批准后就可以在那里开团；忽略的话，我在那里保持安静。
community-ask-someone = 一位我不认识的人
community-button-approve = ✅ 批准
community-button-ignore = 🙈 忽略
community-decided-approved = ✅ <b>{ $title }</b> 现在是合作社社区了；我已经在群里打了招呼。
community-decided-ignored = 🙈 已忽略：我在 <b>{ $title }</b> 保持安静。以后想让它成为社区，请你亲自把我拉进群，或把我设为该群管理员。
community-already-approved = <b>{ $title }</b> 已经批准过了。
community-already-ignored = <b>{ $title }</b> 已经被忽略了。想让它成为社区，请你亲自把我拉进群，或把我设为该群管理员。
community-decision-gone = 这个群已经不在等待确认了（我已被移出该群）。
community-operators-only = 只有机器人的运营者可以做这个决定。

cmd-admins_organize = 让群管理员成为组织者（on / off）
admins-organize-on = 本群的 Telegram 管理员现在也是这个社区的组织者。
admins-organize-off = 本群的 Telegram 管理员只有在被 /add_organizer 指定后才是组织者。
admins-organize-state = { $on ->
        [yes] 本群的 Telegram 管理员是这个社区的组织者。
       *[no] 本群的 Telegram 管理员只有在被 /add_organizer 指定后才是组织者。
    } 用 /admins_organize on 或 /admins_organize off 更改。
