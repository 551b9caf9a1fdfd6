# 开放数据：以食品系统标准（DFC JSON-LD）提供团购

cmd-export_dfc = 导出团购给其他合作社软件（DFC JSON-LD）：/export_dfc <团购编号>

dfc-usage-export = 用法：/export_dfc <团购编号>，例如 /export_dfc 12
dfc-export-caption = 团购 #{ $id } { $name } 的 DFC JSON-LD（Data Food Consortium 标准）：销售场次、报价和订单；成员以匿名标识出现。
dfc-export-sent = 团购 #{ $id } 的 DFC JSON-LD 文件已私信发给你。
dfc-export-start-private = 要接收文件，请先私聊我一次，再试一次。

cmd-import_dfc = 从其他合作社的 DFC 目录文件推荐产品
dfc-import-how = 请在这里发给我其他合作社的 DFC JSON-LD 目录文件（<code>.jsonld</code>）。我会用其中第一个产品开始一份推荐：名称、单位、故事、生产者和价格；提交前请补充生产者联系方式、成本构成和照片。
dfc-import-no-community = 你还没有加入有本机器人的合作社群，暂时无处推荐。请先加入你所在社区的群。
dfc-import-unreadable = 无法把这个文件读作 DFC 目录（使用 DFC 上下文的 JSON-LD，最大 2 MB）。没有任何改动。
dfc-import-none = 这个文件里没有带名称的产品（dfc-b:SuppliedProduct）。没有任何改动。
dfc-import-done = 已把 <b>{ $name }</b>{ $count ->
    [1] {""}
   *[other] （{ $count } 个产品中的第一个）
} 导入新的推荐草稿。
dfc-import-pick-community = 请用 /recommend 继续这份草稿：先选择要推荐到的社区。
