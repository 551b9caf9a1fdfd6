# 结算单的图：收入的去向（issue 16：公开账本）
books-chart-title = 团购 #{ $id } · { $product }
books-chart-residue = 舍入余数
books-st-full-below = 完整结算单见下一条消息 ↓
