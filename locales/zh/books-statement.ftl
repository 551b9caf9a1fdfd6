# 结算单：每个团购的钱去了哪里（/books <团购号>），以及对账（/books check）

cmd-books = 公开账本：/books <团购号> 看某个团购的结算单，/books month 看本月账本，/books check 对账（组织者）

books-st-title = 📒 <b>团购 #{ $id } 结算单</b> · { $product }
books-st-revenue = 收入 <b>{ $amount }</b>（{ $orders } 单，{ $qty } 件）
books-st-collected = {"  "}已收 { $collected } · 待收 { $outstanding }
books-st-where = — 钱的去向 —
books-st-producer = 生产者 { $name }：{ $amount }
books-st-PACKAGING = 包装：{ $amount }
books-st-LOGISTICS = 物流：{ $amount }
books-st-COOP_FEE = 合作社服务费：{ $amount }
books-st-OTHER = 其他：{ $amount }
books-st-commissions = 推介佣金：{ $amount }
books-st-commission-named = {"  "}· { $name }：{ $amount }
books-st-commission-other = {"  "}· 另一位推介人：{ $amount }
books-st-commission-rest = {"  "}· 其余 { $count } 位推介人：{ $amount }
books-st-residue = 舍入余数（合作社保留）：{ $amount }
books-st-balanced = 合计 = 收入 ✓
books-st-unbalanced = 合计 { $parts } ≠ 收入 { $revenue } ✗
books-st-refunds = 退款：{ $count } 单，{ $amount }
books-st-picked-up = 已取货：{ $done }/{ $of } 单
books-st-derived = （此团购开团时未记录价格构成，按商品版本的成本行计算）
books-st-cancelled = （团购已取消，订单均已退款）

books-usage = 请发送 /books 加团购编号，例如 /books 12；/books month 看本月账本。
books-not-found = 在你的社区里找不到团购 #{ $id }。
books-no-statement = 团购 #{ $id } 还没有结算单：团购成功结束后才有。
books-none-closed = 本社区还没有结束的团购。
books-no-community = 请在社区群里发送，或先加入一个社区。

books-check-ok = 对账：✓ 账本、订单与结算单一致（{ $buys } 个团购，{ $when }）
books-check-bad = 对账：✗ { $problem }（{ $when }）
books-check-never = 对账：尚未运行（组织者可发送 /books check）
books-check-organizer-only = 只有组织者可以运行对账。
books-check-running = 正在对账……

books-problem-accrual = 团购 #{ $buy } 订单 { $order }：账本计佣 { $ledger }，按订单的规则应为 { $expected }
books-problem-reversal = 团购 #{ $buy } 订单 { $order }：冲正 { $ledger }，应为 { $expected }
books-problem-unbalanced = 团购 #{ $buy }：结算单合计 { $parts } ≠ 收入 { $revenue }
books-problem-entry = 账本记录 #{ $entry }（团购 #{ $buy }）：{ $what }
