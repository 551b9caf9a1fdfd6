# Members vote on recommendations: the card and poll in the group, the tally for organizers.
vote-card-header = 🗳 <b>成员投票：要引进这个产品吗？</b>请在下面的投票里表态。
vote-card-footer = ⏳ 投票截止：{ $closes }。组织者会看到票数再决定。
vote-card-footer-rule = ⏳ 投票截止：{ $closes }。届时至少 { $support } 位成员支持、最多 { $object } 位表示暂不需要，就自动通过。
vote-poll-question = 要引进「{ $name }」吗？
vote-option-support = 支持引进
vote-option-not-needed = 暂不需要
vote-option-question = 有疑问
vote-tally = 🗳 支持 { $support } · 暂不需要 { $notNeeded } · 有疑问 { $question }
vote-tally-left-out = （另有 { $count } 票来自未在本社出现过的人，未计入）
vote-review-waiting = 成员投票即将在群里开始，截止 { $closes }。
vote-review-open = 成员投票中，截止 { $closes }：
vote-review-closed = 成员投票已结束：
vote-review-refresh = 🔄 刷新票数
vote-result-approved = 🗳 「{ $name }」的成员投票已结束，按 { $community } 的规则自动通过，卡片已发布。
    { $tally }
vote-result-kept = 🗳 「{ $name }」的成员投票已结束，等待组织者决定。
    { $tally }
vote-veto-group = 🚫 组织者没有通过「{ $name }」。理由：{ $reason }
vote-by-members = 成员投票
product-card-support = 👍 { $count } 位成员支持
