# 推介产品：引导式对话、预览、草稿

cmd-recommend = 向合作社推介一个好产品
recommend-start-button = 🌱 推介一个产品

recommend-intro =
    一起把好产品带给 <b>{ $community }</b>！🌱
    我会一步一步地问你几个问题：产品、生产者、社会创新标签、产品故事、成本构成和照片。每一步都可以返回上一步，随时发送 /cancel 停下；你填写的内容都会自动保存为草稿。
recommend-intro-several =
    一起把好产品带给你的合作社！🌱
    我会一步一步地问你几个问题：产品、生产者、社会创新标签、产品故事、成本构成和照片。每一步都可以返回上一步，随时发送 /cancel 停下；你填写的内容都会自动保存为草稿。
recommend-no-community =
    我还不知道你属于哪个合作社社区。
    请在有我在的合作社 Telegram 群里发送 /recommend（群里的普通消息我可能看不到，但命令我都能看到），然后点我回复里的按钮。
recommend-has-drafts = 你有 { $count } 个还没完成的推介。继续填写，还是重新开始？
recommend-continue = ▶️ 继续「{ $name }」
recommend-continue-edit = ▶️ 继续修改「{ $name }」
recommend-start-new = 🆕 开始新的推介
recommend-untitled = 未命名
recommend-busy = 你正在回答一个问题：请先回答，或者发送 /cancel。
recommend-draft-gone = 这份草稿已经不存在了（已提交或已丢弃）。发送 /recommend 重新开始。
recommend-draft-reminder = 你有一份还没完成的推介。发送 /recommend 继续填写。
recommend-cancelled = 已停下。草稿已保存，随时发送 /recommend 继续。
recommend-group-private-only = 推介请在和我的私聊中进行，免得问答刷屏。
recommend-group-button = 🌱 去私聊推介

recommend-button-back = ⬅️ 上一步
recommend-button-cancel = ✖️ 取消
recommend-button-keep = ✔️ 保持不变
recommend-button-stale = 这是之前问题的按钮。
recommend-button-expired = 这个问题已经过期了。发送 /recommend 继续你的草稿。
recommend-current = 目前：{ $value }
recommend-current-story = 你写的故事（{ $length } 字）

recommend-ask-community = 这个产品推介给哪个社区？
recommend-ask-name =
    <b>1/7 · 产品</b>
    产品叫什么名字？（例如：野生高山茶）
recommend-ask-unit = 销售单位是什么，也就是一个价格对应多少？（例如：500 克、1 瓶、1 盒）
recommend-unit-presets = 500 克|1 公斤|1 瓶|1 盒
recommend-ask-producerName =
    <b>2/7 · 生产者</b>
    谁生产的？生产者的名字（农场、作坊或个人）。
recommend-ask-producerLocation = 生产者在哪里？（村镇、县市、省份）
recommend-ask-producerContact = 合作社怎么联系生产者？（电话、微信、邮箱……）🔒 只有组织者能看到。
recommend-ask-tags =
    <b>3/7 · 社会创新标签</b>
    选择符合的标签（可以多选），然后点「完成」。
recommend-tags-done = ✔️ 完成
recommend-ask-story =
    <b>4/7 · 产品故事</b>
    讲讲它的故事：这个产品回应了什么问题？由谁、怎样生产出来？（至少 20 字，最多 2000 字）
recommend-ask-costs =
    <b>5/7 · 成本构成</b>
    公开账本：把一个单位的成本写成「项目 金额」，每条一行，可以一条一条发，也可以一次发多条。例如：
    <code>原料 12.50</code>
    <code>人工 8</code>
    <code>包装 1.50</code>
    全部写完后点「完成」。
recommend-costs-added = 已添加。可以继续发送，点 ✖ 删除某一项，或者点「完成」。
recommend-costs-sum = <b>目前合计：{ $sum }</b>
recommend-costs-done = ✔️ 完成，设置价格
recommend-ask-price = 一个单位（{ $unit }）的价格是多少？你列出的成本合计 { $sum }。
recommend-price-use-sum = 价格 = { $sum }
recommend-price-keep = 保持 { $price }
recommend-balance-short = 成本合计 { $sum }，价格是 { $price }：<b>还有 { $difference } 没有说明去向。</b>
recommend-balance-over = 成本合计 { $sum }，价格是 { $price }：<b>成本比价格多了 { $difference }。</b>
recommend-balance-how = 只有成本构成完整，价格才能通过。你可以修改某一项、再发一条「项目 金额」、发送新的价格，或者把差额作为明确的一项加上：
recommend-balance-add-margin = ➕ { $amount } 作为生产者利润
recommend-balance-add-fee = ➕ { $amount } 作为合作社服务费
recommend-balance-add-commission = ➕ { $amount } 作为推介官佣金
recommend-balance-label-margin = 生产者利润
recommend-balance-label-fee = 合作社服务费
recommend-balance-label-commission = 推介官佣金
recommend-balance-edit-lines = ✏️ 修改成本项
recommend-balance-edit-price = 💰 修改价格
recommend-balance-ok = ✅ 成本构成与价格 { $price } 完全对上了。
recommend-ask-photos =
    <b>6/7 · 照片</b>
    发送最多 { $max } 张产品照片（可选），然后点「完成」。
recommend-photos-saved = 📷 已保存第 { $count }/{ $max } 张。可以继续发送，或者点「完成」。
recommend-photos-done = ✔️ 完成（{ $count } 张照片）
recommend-photos-skip = ⏭ 不放照片
recommend-photos-clear = 🗑 删除照片

recommend-error-empty = 内容是空的。
recommend-error-too-long = 太长了：{ $length } 字，最多 { $max } 字。
recommend-error-too-short = 请再多写一点：{ $length } 字，至少 { $min } 字。
recommend-error-need-text = 请用文字回答。
recommend-error-use-buttons = 请用下面的按钮选择。
recommend-error-no-tags = 请至少选择一个标签。
recommend-error-no-lines = 请先添加至少一项成本。
recommend-error-too-many-lines = 成本最多 { $max } 项，请合并一些。
recommend-error-cost-line = 第 { $line } 行「{ $text }」：{ $problem }
recommend-error-amount-empty = 请用数字写价格，例如 25.80。
recommend-error-amount-not-a-number = 这不是一个数字。请这样写价格：25.80。
recommend-error-amount-negative = 价格不能是负数。
recommend-error-amount-too-many-decimals = 最多两位小数（到分），例如 25.80。
recommend-error-amount-too-large = 一个单位超过 ¥100,000 了，请检查金额。
recommend-error-amount-zero = 价格必须大于零。
recommend-error-too-many-photos = 已经有 { $max } 张照片了；想换照片请先删除，或者点「完成」。
recommend-error-photos-text = 请发送照片，或者点「完成」。
recommend-error-photo-as-file = 请以「照片」的方式发送图片（不要作为文件发送）。

cost-error-empty = 内容是空的
cost-error-missing-amount = 末尾没有金额（请这样写：<code>人工 8.50</code>）
cost-error-missing-label = 金额前面没有项目名称
cost-error-label-too-long = 项目名称太长（最多 40 字）
cost-error-not-a-number = 金额不是数字
cost-error-negative = 金额不能是负数
cost-error-too-many-decimals = 最多两位小数
cost-error-too-large = 对一个单位来说金额太大了

recommend-preview-header = <b>👀 预览</b>：产品卡片在「{ $community }」里会是这样：
recommend-preview-header-edit = <b>👀 修改预览</b>（{ $community }）：修改审核通过之前，已发布的卡片保持不变。
recommend-preview-missing = 还缺：{ $steps }。
recommend-preview-ready = 已完成：可以提交给组织者审核，也可以修改某一部分。
recommend-preview-submit = 📤 提交审核
recommend-preview-discard = 🗑 丢弃草稿
recommend-section-name = ✏️ 名称和单位
recommend-section-producerName = ✏️ 生产者
recommend-section-tags = ✏️ 标签
recommend-section-story = ✏️ 故事
recommend-section-costs = ✏️ 成本和价格
recommend-section-photos = ✏️ 照片
recommend-step-community = 社区
recommend-step-import = 从 DFC 目录导入
recommend-step-name = 名称
recommend-step-unit = 单位
recommend-step-producerName = 生产者
recommend-step-producerLocation = 生产者所在地
recommend-step-producerContact = 生产者联系方式
recommend-step-tags = 标签
recommend-step-story = 故事
recommend-step-costs = 成本项
recommend-step-price = 价格
recommend-step-balance = 与价格相符的成本构成
recommend-step-photos = 照片
recommend-step-preview = 预览
recommend-discard-confirm = 确定丢弃这份草稿吗？填写的内容将会丢失。
recommend-discard-yes = 🗑 确定丢弃
recommend-discarded = 草稿已丢弃。

recommend-submitted = 📤「{ $name }」已提交。{ $community } 的组织者会进行审核，结果出来后我会告诉你。
recommend-submitted-no-organizers = 📤「{ $name }」已提交，但 { $community } 还没有组织者：请群管理员任命一位（/add_organizer）。推介会一直等待审核。
recommend-submitted-change-note = 修改审核通过之前，已发布的卡片保持不变。
recommend-submit-gone = 这份草稿已经提交或丢弃了。
recommend-submit-incomplete = 这份草稿还没填完，请先补上缺少的部分。
recommend-submit-community-gone = 机器人已经不在那个社区了，无法在那里提交推介。
recommend-submit-not-yours = 只有产品的推介官才能提交修改。
recommend-submit-closed = 这个产品已被拒绝或归档；请用 /recommend 重新推介。
recommend-edit-not-yours = 只有产品的推介官才能修改它。
recommend-edit-closed = 这个产品已被拒绝或归档，无法修改；请用 /recommend 重新推介。
recommend-edit-intro = ✏️ 这是你的产品草稿。修改需要改的部分，然后提交：每次修改都会经过组织者审核。

# 合作社的社会创新标签（src/domain/tags.ts）
tag-ecological_farming = 生态农业
tag-fair_trade = 公平贸易
tag-community_development = 社区发展
tag-zero_waste = 零废弃
tag-rural_revitalisation = 乡村振兴
tag-inclusive_employment = 包容性就业
tag-traditional_craft = 传统手艺
tag-women_empowerment = 女性赋能
tag-youth_return = 青年返乡
tag-animal_welfare = 动物福利
tag-biodiversity = 生物多样性
tag-short_supply_chain = 短链直供
tag-circular_economy = 循环经济
tag-low_carbon = 低碳环保
tag-cooperative_ownership = 合作制经营
tag-elder_care = 关爱长者
tag-food_education = 食农教育
