# The product card as one photo: the caption when the card is too long for it.
product-card-full-below = 👇 完整卡片见下一条消息
