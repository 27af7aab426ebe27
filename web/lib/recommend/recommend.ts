// "Recommended for you", computed in the browser. The site downloads the same public data for every visitor
// (recent orders: who bought which listing; the open catalog) and ranks it here against the connected
// account's own purchases, so no request ever carries the user's address or history.

export interface PublicOrder {
  buyer: string;
  listing: { id: string; category: string; merchant: string };
}

export interface Candidate {
  id: string;
  category: string;
  merchant: string;
  ratingSum: number;
  ratingCount: number;
}

export interface Recommendation {
  id: string;
  score: number;
  reasons: ('also-bought' | 'category' | 'merchant' | 'rating' | 'trending')[];
}

const WEIGHTS = { alsoBought: 3, category: 2, merchant: 1, rating: 0.5, trending: 0.25 };

/**
 * Ranks candidates for `account` from its purchases in `orders`. With no purchases (or no account) the result
 * is the non-personal ranking: best rated and trending (most bought recently).
 */
export function recommend(account: string | undefined, orders: PublicOrder[], candidates: Candidate[], limit = 8): { personal: boolean; items: Recommendation[] } {
  const me = account?.toLowerCase();
  const mine = me ? orders.filter((o) => o.buyer.toLowerCase() === me) : [];
  const bought = new Set(mine.map((o) => o.listing.id));
  const categories = new Map<string, number>();
  const merchants = new Map<string, number>();
  for (const order of mine) {
    categories.set(order.listing.category, (categories.get(order.listing.category) ?? 0) + 1);
    merchants.set(order.listing.merchant.toLowerCase(), (merchants.get(order.listing.merchant.toLowerCase()) ?? 0) + 1);
  }

  // Buyers who bought what I bought, and what else they bought.
  const peers = new Set(orders.filter((o) => bought.has(o.listing.id) && o.buyer.toLowerCase() !== me).map((o) => o.buyer.toLowerCase()));
  const alsoBought = new Map<string, number>();
  const popularity = new Map<string, number>();
  for (const order of orders) {
    popularity.set(order.listing.id, (popularity.get(order.listing.id) ?? 0) + 1);
    if (peers.has(order.buyer.toLowerCase())) alsoBought.set(order.listing.id, (alsoBought.get(order.listing.id) ?? 0) + 1);
  }
  const maxPopularity = Math.max(1, ...popularity.values());

  const personal = mine.length > 0;
  const items = candidates
    .filter((c) => !bought.has(c.id))
    .map((c): Recommendation => {
      const reasons: Recommendation['reasons'] = [];
      let score = 0;
      const also = alsoBought.get(c.id) ?? 0;
      if (also) (score += WEIGHTS.alsoBought * also), reasons.push('also-bought');
      const inCategory = categories.get(c.category) ?? 0;
      if (inCategory) (score += WEIGHTS.category * inCategory), reasons.push('category');
      const fromMerchant = merchants.get(c.merchant.toLowerCase()) ?? 0;
      if (fromMerchant) (score += WEIGHTS.merchant * fromMerchant), reasons.push('merchant');
      const average = c.ratingCount ? c.ratingSum / c.ratingCount : 0;
      if (average >= 4) (score += WEIGHTS.rating * (average - 3)), reasons.push('rating');
      const trend = (popularity.get(c.id) ?? 0) / maxPopularity;
      if (trend > 0) (score += WEIGHTS.trending * trend * 4), reasons.push('trending');
      return { id: c.id, score, reasons };
    })
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || Number(b.id) - Number(a.id))
    .slice(0, limit);
  return { personal, items };
}
