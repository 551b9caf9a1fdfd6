/**
 * Which recommender an order is attributed to, decided once when the order is
 * placed and kept on it:
 * - LINK: the member opened the buy through a recommender's signed share link
 *   (the first link they opened for that buy counts);
 * - PRODUCT: otherwise, the recommender of the buy's product.
 * An order whose recommender is the member themselves is a self-referral.
 */
export type AttributionSource = "LINK" | "PRODUCT";

export type Attribution = {
  referrerId: number;
  attribution: AttributionSource;
  selfReferral: boolean;
};

export function attributeOrder(input: { memberId: number; buyRecommenderId: number; visitReferrerId?: number | null }): Attribution {
  const link = input.visitReferrerId ?? undefined;
  const referrerId = link ?? input.buyRecommenderId;
  return {
    referrerId,
    attribution: link !== undefined ? "LINK" : "PRODUCT",
    selfReferral: referrerId === input.memberId,
  };
}
