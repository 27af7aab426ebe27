import { describe, expect, it } from 'vitest';
import { type Candidate, type PublicOrder, recommend } from './recommend.ts';

const listing = (id: string, category: string, merchant: string) => ({ id, category, merchant });
const orders: PublicOrder[] = [
  { buyer: '0xME', listing: listing('1', 'tea', '0xa') },
  { buyer: '0xpeer', listing: listing('1', 'tea', '0xa') },
  { buyer: '0xpeer', listing: listing('5', 'books', '0xc') },
  { buyer: '0xother', listing: listing('6', 'food', '0xd') },
  { buyer: '0xother', listing: listing('6', 'food', '0xd') },
];
const candidates: Candidate[] = [
  { id: '1', category: 'tea', merchant: '0xa', ratingSum: 5, ratingCount: 1 },
  { id: '2', category: 'tea', merchant: '0xb', ratingSum: 0, ratingCount: 0 },
  { id: '3', category: 'ceramics', merchant: '0xa', ratingSum: 0, ratingCount: 0 },
  { id: '4', category: 'beauty', merchant: '0xe', ratingSum: 0, ratingCount: 0 },
  { id: '5', category: 'books', merchant: '0xc', ratingSum: 0, ratingCount: 0 },
  { id: '6', category: 'food', merchant: '0xd', ratingSum: 10, ratingCount: 2 },
];

describe('recommend', () => {
  it('ranks what peers also bought, then my categories and merchants; never what I bought', () => {
    const { personal, items } = recommend('0xme', orders, candidates);
    expect(personal).toBe(true);
    expect(items.map((i) => i.id)).not.toContain('1');
    expect(items[0]).toMatchObject({ id: '5', reasons: expect.arrayContaining(['also-bought']) });
    expect(items.find((i) => i.id === '2')?.reasons).toContain('category');
    expect(items.find((i) => i.id === '3')?.reasons).toContain('merchant');
    expect(items.map((i) => i.id)).not.toContain('4');
  });

  it('falls back to best rated and trending without history', () => {
    const { personal, items } = recommend(undefined, orders, candidates);
    expect(personal).toBe(false);
    expect(items[0].id).toBe('6');
    expect(recommend('0xnobody', orders, candidates).personal).toBe(false);
  });
});
