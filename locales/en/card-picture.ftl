# The product card as one photo: the caption when the card is too long for it.
product-card-full-below = 👇 The full card is in the next message
