# The statement's chart: where the revenue went (issue 16: open books)
books-chart-title = Buy #{ $id } · { $product }
books-chart-residue = Rounding residue
books-st-full-below = The full statement is in the next message ↓
