# 开放数据：以食品系统标准（DFC JSON-LD）提供团购

cmd-export_dfc = 导出团购给其他合作社软件（DFC JSON-LD）：/export_dfc <团购编号>

dfc-usage-export = 用法：/export_dfc <团购编号>，例如 /export_dfc 12
dfc-export-caption = 团购 #{ $id } { $name } 的 DFC JSON-LD（Data Food Consortium 标准）：销售场次、报价和订单；成员以匿名标识出现。
dfc-export-sent = 团购 #{ $id } 的 DFC JSON-LD 文件已私信发给你。
dfc-export-start-private = 要接收文件，请先私聊我一次，再试一次。
