# 开放数据：以食品系统标准（DFC JSON-LD）提供团购

cmd-export_dfc = 导出团购给其他合作社软件（DFC JSON-LD）：/export_dfc <团购编号>

dfc-usage-export = 用法：/export_dfc <团购编号>，例如 /export_dfc 12
dfc-export-caption = 团购 #{ $id } { $name } 的 DFC JSON-LD（Data Food Consortium 标准）：销售场次、报价和订单；成员以匿名标识出现。
dfc-export-sent = 团购 #{ $id } 的 DFC JSON-LD 文件已私信发给你。
dfc-export-start-private = 要接收文件，请先私聊我一次，再试一次。

cmd-import_dfc = 从其他合作社的 DFC 目录（文件或网址）推荐产品
dfc-import-no-community = 你还没有加入有本机器人的合作社群，暂时无处推荐。请先加入你所在社区的群。
dfc-import-unreadable = 无法把这个文件读作 DFC 目录（使用 DFC 上下文的 JSON-LD，最大 2 MB）。没有任何改动。
dfc-import-none = 这个文件里没有带名称的产品（dfc-b:SuppliedProduct）。没有任何改动。
dfc-import-done = 已把 <b>{ $name }</b>{ $count ->
    [1] {""}
   *[other] （{ $count } 个产品中的第一个）
} 导入新的推荐草稿。
dfc-import-pick-community = 请用 /recommend 继续这份草稿：先选择要推荐到的社区。

# /recommend 的第一个问题，以及 /import_dfc（recommend/import-step.ts）
dfc-import-button = 📥 从其他合作社的 DFC 目录导入
dfc-import-ask =
    <b>从 DFC 目录导入</b>
    请发给我其他合作社按食品系统标准（Data Food Consortium）发布的目录：JSON-LD 文件（<code>.jsonld</code>），或它的网址（<code>https://…</code>）。我会填好产品名称、单位、生产者、故事和价格；之后请逐项确认，并补充生产者联系方式、成本构成和照片。
dfc-import-error-not-url = 这不是网址：请发以 https://（或 http://）开头的网址，或直接发 .jsonld 文件。
dfc-import-error-not-jsonld = 这个文件不是目录：请发 .jsonld（或 .json）文件，或它的网址。
dfc-import-error-send = 请发目录的 .jsonld 文件或网址（https://…）。
dfc-import-too-big = 这个目录超过 2 MB，超出可读取的大小。没有任何改动。
dfc-import-address = 我只从公共互联网读取目录，这个网址在私有或本地网络上。请改发文件。没有任何改动。
dfc-import-unreachable = 无法打开这个网址（10 秒内没有回应，或找不到）。请检查网址，或改发文件。没有任何改动。
dfc-import-pick = 目录里有 { $count } 个产品{ $more ->
    [yes] （以下是前 { $shown } 个）
   *[no] {""}
}。你要推荐哪一个？
dfc-import-filled = 已导入 <b>{ $name }</b>。请逐项确认：点“保持不变”，或发送新的内容。
