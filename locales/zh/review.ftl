# 组织者审核推介

cmd-review = 待你审核的推介（组织者）

review-request-header = 📝 <b>{ $community } 的新推介</b>，来自 { $recommender }，请审核（第 { $version } 版）：
review-request-header-change = 📝 <b>{ $community } 已发布产品的修改</b>，来自 { $recommender }，请审核（第 { $version } 版）；审核通过前，已发布的卡片保持不变：
review-request-contact = 🔒 生产者联系方式（仅组织者可见）：{ $contact }
review-request-photos = 📷 { $count ->
        [0] 没有照片
       *[other] { $count } 张照片
    }
review-button-approve = ✅ 通过并发布
review-button-changes = ✏️ 请修改
review-button-reject = ❌ 拒绝
review-button-photos = 📷 查看照片

review-ask-changes = ✏️「{ $name }」需要修改什么？请发送给推介官的意见（或发送 /cancel）。
review-ask-reason = ❌ 为什么拒绝「{ $name }」？请发送给推介官的理由（或发送 /cancel）。
review-comment-placeholder = 你的意见
review-comment-cancelled = 好的，什么也没有发送；这个推介仍在等待审核。
review-comment-too-long = 太长了（{ $length } 字，最多 { $max } 字），请精简一些。

review-done-approved = ✅ 已通过：「{ $name }」的卡片已发布到 { $community }，并已通知 { $recommender }。
review-done-approved-not-posted = ✅ 已通过，并已通知 { $recommender }；但我没能在 { $community } 发布卡片（我还在群里吗？）。
review-done-changes = ✏️ 你的意见已发给 { $recommender }；重新提交后「{ $name }」会再回到你这里。
review-done-rejected = ❌ 已拒绝「{ $name }」，并已把理由告诉 { $recommender }。
review-card-posted = 📣「{ $name }」的卡片已发布到 { $community }。
review-button-post-again = 📣 重新发布卡片
review-already-handled = 这个推介已经处理过了：{ $reviewer } { $status }。
review-superseded = 推介官之后提交了新版本，请审核新版本。
review-not-found = 这个推介已经不存在了。
review-not-organizer = 只有这个产品所在社区的组织者才能审核。
review-own-recommendation = 这是你自己的推介：请由社区的其他组织者审核。
review-nothing-pending = 没有待审核的推介。🎉
review-pending-button = { $name }（第 { $version } 版）
review-pending-header = 有 { $count } 个推介等待审核：

review-outcome-approved = 🎉 你推介的「{ $name }」已通过审核，卡片已发布到 { $community }。谢谢你带来好产品！
review-outcome-changes =
    ✏️ { $community } 的组织者希望你修改「{ $name }」（第 { $version } 版）：
    <blockquote>{ $comment }</blockquote>
    修改后重新提交：
review-outcome-edit-button = ✏️ 修改并重新提交
review-outcome-rejected =
    你推介的「{ $name }」没有通过 { $community } 组织者的审核。理由：
    <blockquote>{ $comment }</blockquote>

revision-status-PENDING_REVIEW = 等待审核
revision-status-CHANGES_REQUESTED = 已请求修改
revision-status-APPROVED = 已通过
revision-status-REJECTED = 已拒绝
revision-status-SUPERSEDED = 已被新版本取代
