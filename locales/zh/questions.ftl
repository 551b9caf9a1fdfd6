# 向推介官提问（共学）：提问、回答、公开的问答、群里的「新问答」

cmd-card = 看产品卡片和公开问答：/card <产品号>

questions-ask-button = ❓ 提问
questions-card-line = 问答 { $count } 条 · /card { $id }
questions-card-usage = 请在命令后写产品号，例如 /card 12（产品号见 /products）。
questions-not-found = 这个产品现在不能提问或查看。
questions-ask-own = 这是你自己推介的产品：成员的问题会来找你，在 /my_products 里可以回答。
questions-busy = 你正在另一个对话中：先完成它，或发送 /cancel，再点 ❓ 提问。
questions-ask-prompt = ❓ 你想问 { $recommender } 关于「{ $product }」的什么问题？请用一条消息写下来（最多 { $max } 字），或发送 /cancel。
questions-error-not-text = 请用文字写下你的问题。
questions-error-empty = 内容是空的，请写点什么。
questions-error-too-long = 太长了（{ $length } 字，最多 { $max } 字），请精简一些。
questions-cancelled = 好的，什么也没有发送。
questions-asked = ✅ 已发给 { $recommender }。回答之后我会告诉你。

questions-notice-asked = ❓ { $asker } 问了关于「{ $product }」（产品 { $id }）的问题：
    <blockquote>{ $question }</blockquote>
    你可以先通过自己的渠道问问生产者，再来回答。
questions-answer-button = ✍️ 回答
questions-answer-prompt = ✍️ 回答 { $asker } 关于「{ $product }」的问题：
    <blockquote>{ $question }</blockquote>
    请用一条消息写下你的回答（最多 { $max } 字），或发送 /cancel。
questions-answer-sent = ✅ 回答已发给 { $asker }。要把你的回答公开在产品卡片的问答里吗？（{ $asker } 也同意时才公开）
questions-cannot-answer-not-found = 这个问题已经不在了。
questions-cannot-answer-not-yours = 这不是你的问题。
questions-cannot-answer-answered = 这个问题已经回答过了。
questions-cannot-answer-not-answered = 这个问题还没有回答。

questions-notice-answered = 💬 { $recommender } 回答了你关于「{ $product }」的问题：
    <blockquote>{ $question }</blockquote>
    <blockquote>{ $answer }</blockquote>
    要把你的问题公开在产品卡片的问答里吗？（推介官也同意时才公开，只显示你的名字）
questions-publish-question = 📢 公开我的问题
questions-publish-answer = 📢 公开
questions-keep-private = 🔒 不公开
questions-consent-published = 📢 已公开在产品卡片的问答里：/card { $id }
questions-consent-waiting = 👍 你同意了公开；{ $name } 也同意后就会出现在卡片上。
questions-consent-private = 🔒 不公开。

questions-qa-header = 💬 <b>「{ $product }」的公开问答</b>（{ $count } 条）
questions-qa-none = 还没有公开的问答。点卡片下的 ❓ 提问。
questions-qa-entry = ❓ { $asker }：{ $question }
    💬 { $recommender }：{ $answer }
questions-qa-more = ……另有 { $count } 条
questions-new-post = 🆕 <b>新问答</b> · 「{ $product }」（{ $count } 条）· 全部问答：/card { $id }

questions-my-header = <b>❓ 等你回答的问题（{ $count } 个）</b>
questions-my-answer = ✍️ 回答 { $n }
