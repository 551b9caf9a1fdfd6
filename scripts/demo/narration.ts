// Everything the demo itself says — step titles, who taps what, what the
// clock does, the books at the end — in the language the demo is played in.
// The bot's own texts come from locales/; this table is only the narrator's.
// One type for both languages, so a line missing in one of them fails tsc.
import type { Locale } from "../../src/domain/money";

export type StepKey = keyof Narration["steps"];

export type Narration = {
  bot: string;
  roles: { organizer: string; recommender: string };
  /** after the person's name: " (organizer)" */
  role: (role: string) => string;
  unknownPerson: (id: number) => string;
  /** where someone speaks or taps, with its separator: "→ 🤖 bot: ", "in 👥 …: ", "taps " */
  toBot: string;
  inChat: (chat: string) => string;
  taps: string;
  tapsIn: (chat: string) => string;
  addsBot: string;
  opensLink: (url: string) => string;
  sentTo: (chat: string) => string;
  updates: (message: number, chat: string) => string;
  buttonsChanged: (message: number, chat: string) => string;
  buttonsRemoved: (message: number, chat: string) => string;
  deletes: (message: number, chat: string) => string;
  photo: string;
  photos: string;
  poll: string;
  pollClosed: (message: number, chat: string) => string;
  /** what a voter does in the poll: "(votes “Yes, stock it”)" */
  votes: (option: string) => string;
  toast: (text: string) => string;
  alert: (text: string) => string;
  telegramOpens: (url: string) => string;
  refused: (method: string, why: string) => string;
  asBefore: (lines: number) => string;
  moreLines: (lines: number) => string;
  /** who reads the bot's web pages: "🌐 Carmen's browser" */
  browser: (name: string) => string;
  software: string;
  steps: {
    joins: string;
    voting: string;
    recommends: string;
    votes: string;
    approves: string;
    opens: string;
    shares: string;
    members: string;
    deadline: string;
    statement: string;
    exports: string;
    pickup: string;
    pays: string;
    earnings: string;
    ledger: string;
    monthBooks: string;
    asks: string;
    publicPage: string;
    pageReads: string;
    readToken: string;
    exportDfc: string;
    importDfc: string;
    paidClose: string;
  };
  notes: { pageOff: string; voteCloses: string; catchUp: string; hourBefore: string; deadlineComes: string; paymentEdits: string; pickupDay: string; afterPickup: string };
  books: {
    title: string;
    orders: string;
    ordersHeader: [string, string, string, string, string, string];
    status: Record<"ACTIVE" | "CANCELLED" | "VOID" | "REFUNDED", string>;
    viaLink: (recommender: string) => string;
    viaProduct: (recommender: string) => string;
    credit: string;
    totals: (orders: number, units: number, amount: string) => string;
    ledger: string;
    ledgerHeader: [string, string, string, string, string, string];
    kind: Record<"ACCRUAL" | "REVERSAL" | "PAYOUT" | "ADJUSTMENT", string>;
    forOrder: (ref: string) => string;
  };
  done: (steps: number, seconds: string) => string;
  broke: (where: string, message: string) => string;
  atStep: (n: number, title: string) => string;
  atFinalChecks: string;
};

const en: Narration = {
  bot: "🤖 bot",
  roles: { organizer: "organizer", recommender: "recommender" },
  role: (role) => ` (${role})`,
  unknownPerson: (id) => `user ${id}`,
  toBot: "→ 🤖 bot: ",
  inChat: (chat) => `in ${chat}: `,
  taps: "taps ",
  tapsIn: (chat) => `taps in ${chat}: `,
  addsBot: "(adds the bot to the group as an administrator)",
  opensLink: (url) => `(opens ${url})`,
  sentTo: (chat) => `→ ${chat}`,
  updates: (m, chat) => `edits its message #${m} in ${chat}`,
  buttonsChanged: (m, chat) => `changes the buttons of its message #${m} in ${chat}`,
  buttonsRemoved: (m, chat) => `removes the buttons of its message #${m} in ${chat}`,
  deletes: (m, chat) => `the bot deletes its message #${m} in ${chat}`,
  photo: "a photo",
  photos: "photos",
  poll: "a poll (non-anonymous)",
  pollClosed: (m, chat) => `the bot closes its poll #${m} in ${chat}`,
  votes: (option) => `(votes “${option}”)`,
  toast: (text) => `pop-up: ${text}`,
  alert: (text) => `alert: ${text}`,
  telegramOpens: (url) => `Telegram opens ${url}`,
  refused: (method, why) => `Telegram refused ${method}: ${why}`,
  asBefore: (n) => `(${n} ${n === 1 ? "line" : "lines"} unchanged)`,
  moreLines: (n) => `… ${n} more lines`,
  browser: (name) => `🌐 ${name}'s browser`,
  software: "🖥 another co-op's software",
  steps: {
    joins: "The bot joins the co-op's group",
    voting: "The organizer lets the members vote on recommendations (/settings): voting on, a poll of 1 hour, approved when at least 2 support it and at most 1 says not needed",
    recommends: "A recommender tells the product's story and its cost breakdown (/recommend)",
    votes: "The recommendation goes to the members: its card and a poll in the group; three neighbours vote, and the organizer refreshes the tally in her review",
    approves: "The poll closes and the community's rule approves it; the card is published in the group with its support: one photo, the product's photo above the chart of where the money goes",
    opens: "The recommender opens a group buy (/open)",
    shares: "The recommender shares a referral link (/share)",
    members: "Six members join: two through the link, one types a new quantity, one picks hers with 🔢 in two taps, one cancels",
    deadline: "The deadline comes: a reminder, then the buy closes and everyone is told",
    statement: "The buy's settlement statement appears in the group: a chart of where the revenue went, captioned with every fen of it, adding up; a payment edits it",
    exports: "The organizer exports the orders, in private (/export)",
    pickup: "Pickup day: a member shows her code, the organizer types it (/pickup); typed again, it says already picked up",
    pays: "The organizer pays the recommender, in private (/payout)",
    earnings: "The recommender looks at her earnings (/earnings)",
    ledger: "The organizer checks the ledger, entry by entry (/ledger)",
    monthBooks: "The month's books, open to every member (/books month); the co-op returns a fifth of its fee income by purchases, and Amy previews her share (/settings, /my_books)",
    asks: "A member asks the recommender from the announcement's ❓; she answers in private, both agree to publish, and it shows on /card and in a short 新问答 post in the group",
    publicPage: "Open data: the organizer turns on the co-op's public open-books page, in private (/settings)",
    pageReads: "A member opens 📊 Open books from /books: the bot's own web page shows the product and the closed buy's statement, and nothing about members the group doesn't see",
    readToken: "Another co-op's software reads the DFC catalogue (public); the organizer issues it a read token (/settings), it reads the buy's orders; the token revoked, the same read gets 401",
    exportDfc: "The organizer exports the buy as DFC JSON-LD, in private (/export_dfc)",
    importDfc: "And the other way: the recommender brings in a product from a neighbouring co-op's DFC catalogue by its address (/import_dfc), picks one of its two products, and keeps the imported answers with a tap each",
    paidClose: "Paid broadcasts: the organizer turns them on (/settings); a second buy of the tea, three neighbours join; /close shows the notices, their time and the Stars, she confirms, and the notices go out paid (0.1 ⭐ each)",
  },
  notes: {
    pageOff: "the page's address answers 404 while the page is off, exactly as for an unknown community",
    voteCloses: "an hour later, the poll's time is up",
    catchUp: "a few seconds later, the announcement in the group catches up",
    hourBefore: "the clock moves on to one hour before the deadline",
    deadlineComes: "the clock reaches the deadline: the bot closes the buy and sends the notices",
    paymentEdits: "Amy pays her ¥150.00; the organizer marks it (/paid), and the statement in the group is edited",
    pickupDay: "Saturday morning at the pickup point: Amy shows the pickup code from her notice",
    afterPickup: "Saturday afternoon, after the pickup: the organizer settles with the recommender",
  },
  books: {
    title: "The co-op's books at the end (read from the database)",
    orders: "Orders",
    ordersHeader: ["#", "member", "qty", "amount", "status", "commission for"],
    status: { ACTIVE: "active", CANCELLED: "cancelled", VOID: "void", REFUNDED: "refunded" },
    viaLink: (r) => `${r}, via ${r}'s link`,
    viaProduct: (r) => `${r}, the product's recommender (no link)`,
    credit: "An order's commission goes to the recommender whose link the member opened, else to the product's recommender.",
    totals: (orders, units, amount) => `${orders} active orders, ${units} units, ${amount}`,
    ledger: "Referral ledger",
    ledgerHeader: ["#", "recommender", "entry", "amount", "balance", "for"],
    kind: { ACCRUAL: "earned", REVERSAL: "reversed", PAYOUT: "paid out", ADJUSTMENT: "adjustment" },
    forOrder: (ref) => `order ${ref}`,
  },
  done: (steps, seconds) => `✓ demo: all ${steps} steps of the co-op's story happened as scripted (en, ${seconds} s)`,
  broke: (where, message) => `✗ The demo broke at ${where}:\n  ${message}`,
  atStep: (n, title) => `step ${n} “${title}”`,
  atFinalChecks: "the final checks",
};

const zh: Narration = {
  bot: "🤖 机器人",
  roles: { organizer: "组织者", recommender: "推介官" },
  role: (role) => `（${role}）`,
  unknownPerson: (id) => `用户 ${id}`,
  toBot: "→ 🤖 机器人：",
  inChat: (chat) => `在 ${chat}：`,
  taps: "点了 ",
  tapsIn: (chat) => `在 ${chat} 点了 `,
  addsBot: "（把机器人拉进群，设为管理员）",
  opensLink: (url) => `（打开 ${url}）`,
  sentTo: (chat) => `→ ${chat}`,
  updates: (m, chat) => `修改了 ${chat} 里的第 ${m} 条消息`,
  buttonsChanged: (m, chat) => `换了 ${chat} 里第 ${m} 条消息的按钮`,
  buttonsRemoved: (m, chat) => `去掉了 ${chat} 里第 ${m} 条消息的按钮`,
  deletes: (m, chat) => `机器人删除了 ${chat} 里的第 ${m} 条消息`,
  photo: "一张照片",
  photos: "几张照片",
  poll: "一个投票（实名）",
  pollClosed: (m, chat) => `机器人结束了 ${chat} 里第 ${m} 条消息的投票`,
  votes: (option) => `（投了「${option}」）`,
  toast: (text) => `弹出提示：${text}`,
  alert: (text) => `弹窗：${text}`,
  telegramOpens: (url) => `Telegram 打开 ${url}`,
  refused: (method, why) => `Telegram 拒绝了 ${method}：${why}`,
  asBefore: (n) => `（其余 ${n} 行不变）`,
  moreLines: (n) => `…… 还有 ${n} 行`,
  browser: (name) => `🌐 ${name}的浏览器`,
  software: "🖥 另一家合作社的软件",
  steps: {
    joins: "机器人加入合作社的群",
    voting: "组织者让成员为推介投票（/settings）：开启投票，投票 1 小时，至少 2 人支持、至多 1 人“暂不需要”就自动通过",
    recommends: "推介官讲产品的故事，公开成本构成（/recommend）",
    votes: "推介交给成员表决：卡片和投票发到群里；三位邻居投票，组织者在审核消息里刷新票数",
    approves: "投票结束，按本社规则自动通过；产品卡片连同支持人数发到群里：一张图，产品照片在上，钱去哪了的图表在下",
    opens: "推介官开团（/open）",
    shares: "推介官分享自己的推介链接（/share）",
    members: "六位邻居参团：两位通过链接，一位直接发数字改数量，一位用 🔢 两下选好，一位取消",
    deadline: "截止时间到：先提醒，再截单，通知每个人",
    statement: "团购结算单发到群里：一张收入去向的图，配上每一分钱的明细，合计与收入分毫不差；收款后结算单随之更新",
    exports: "组织者私聊导出订单（/export）",
    pickup: "取货日：成员出示取货码，组织者输入核销（/pickup）；再输一次，提示已取货",
    pays: "组织者私聊给推介官结算佣金（/payout）",
    earnings: "推介官查看自己的收益（/earnings）",
    ledger: "组织者逐条查看账本（/ledger）",
    monthBooks: "本月账本向每位成员公开（/books month）；合作社把服务费收入的五分之一按购买额返还，阿芳预览自己的那份（/settings、/my_books）",
    asks: "一位成员点团购公告下的 ❓ 向推介官提问；推介官私聊回答，双方都同意公开后，问答出现在 /card 和群里简短的「新问答」里",
    publicPage: "开放数据：组织者私聊开启合作社的公开账本页面（/settings）",
    pageReads: "一位成员点 /books 下的「📊 公开账本」：机器人自己的网页上有产品和已截单团购的结算单，成员的信息只有群里本来就看得到的",
    readToken: "另一家合作社的软件读取 DFC 商品目录（公开）；组织者为它生成读取令牌（/settings），它读到团购的订单；令牌撤销后，同样的读取得到 401",
    exportDfc: "组织者私聊把团购导出为 DFC JSON-LD（/export_dfc）",
    importDfc: "反过来：推介官用邻近合作社 DFC 目录的网址导入产品（/import_dfc），从两个产品中选一个，导入的内容逐项一点即保留",
    paidClose: "付费广播：组织者开启付费广播（/settings）；茶叶再开一团，三位邻居参团；/close 先显示通知条数、所需时间和星星数，她确认后，通知以付费广播发出（每条 0.1 ⭐）",
  },
  notes: {
    pageOff: "页面关闭时，它的地址回答 404，与不存在的合作社一样",
    voteCloses: "一小时后，投票时间到",
    catchUp: "几秒钟后，群里的团购公告跟着更新",
    hourBefore: "时间快进到截止前一小时",
    deadlineComes: "时间到了截止点：机器人截单，发出通知",
    paymentEdits: "阿芳付了 ¥150.00，组织者记为已付（/paid），群里的结算单随之更新",
    pickupDay: "周六上午，取货点：阿芳出示通知里的取货码",
    afterPickup: "周六下午，大家取完货，组织者给推介官结算",
  },
  books: {
    title: "最后合作社的账（从数据库读出）",
    orders: "订单",
    ordersHeader: ["#", "成员", "数量", "金额", "状态", "佣金归"],
    status: { ACTIVE: "有效", CANCELLED: "已取消", VOID: "作废", REFUNDED: "已退款" },
    viaLink: (r) => `${r}（通过${r}的链接参团）`,
    viaProduct: (r) => `${r}（产品的推介官，未用链接）`,
    credit: "每笔订单的佣金归推介官：成员通过谁的链接参团就归谁，没用链接就归产品的推介官。",
    totals: (orders, units, amount) => `有效订单 ${orders} 笔，共 ${units} 件，${amount}`,
    ledger: "推介收益账本",
    ledgerHeader: ["#", "推介官", "类型", "金额", "余额", "对应"],
    kind: { ACCRUAL: "计佣", REVERSAL: "冲回", PAYOUT: "结算", ADJUSTMENT: "调整" },
    forOrder: (ref) => `订单 ${ref}`,
  },
  done: (steps, seconds) => `✓ 演示：合作社故事的 ${steps} 步全部按剧本完成（zh，${seconds} 秒）`,
  broke: (where, message) => `✗ 演示在${where}中断：\n  ${message}`,
  atStep: (n, title) => `第 ${n} 步「${title}」`,
  atFinalChecks: "最后的核对",
};

export const NARRATION: Record<Locale, Narration> = { zh, en };
