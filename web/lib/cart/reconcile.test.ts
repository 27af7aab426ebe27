import { describe, expect, it } from 'vitest';
import type { LiveListing } from './live.ts';
import { acceptLive, acceptable, reconcile } from './reconcile.ts';
import { type StoredLine, addLine, itemFromListing } from './store.ts';

const TUSD = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
const ETH = '0x0000000000000000000000000000000000000000';
const MERCHANT = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const ARBITER = '0xa0ee7a142d267c1f36714e4a8f75612f20a79720';
const KEY = `0x${'11'.repeat(32)}`;

function line(token = TUSD, quantity = 2): StoredLine {
  const item = itemFromListing({
    id: '7',
    title: 'Longjing',
    token,
    price: '12500000',
    shipWithin: '259200',
    currency: { symbol: 'tUSD', decimals: 6 },
    merchant: { id: MERCHANT, arbiter: ARBITER, rewardBps: 300, autoReleaseWindow: '604800' },
  });
  return addLine([], item, quantity, 5).lines[0];
}

function live(changes: Partial<LiveListing> = {}, terms: Partial<NonNullable<LiveListing['terms']>> = {}, token = TUSD): LiveListing {
  return {
    listingId: '7',
    terms: { merchant: MERCHANT, token, price: '12500000', shipWithin: '259200', arbiter: ARBITER, rewardBps: 300, autoReleaseWindow: '604800', ...terms },
    stock: 10n,
    maxPerOrder: 5,
    paused: false,
    gated: false,
    encryptionKey: KEY,
    merchantProfile: null,
    title: 'Longjing',
    currency: { symbol: 'tUSD', decimals: 6 },
    ...changes,
  };
}

describe('reconcile', () => {
  it('finds nothing when the listing is as the buyer saw it', () => {
    expect(reconcile(line(), live(), TUSD)).toEqual([]);
  });

  it('flags a listing that is gone, paused or sold out (removal only)', () => {
    expect(reconcile(line(), undefined, TUSD)).toEqual([{ kind: 'missing' }]);
    expect(reconcile(line(), live({ terms: null }), TUSD)).toEqual([{ kind: 'missing' }]);
    expect(reconcile(line(), live({ paused: true }), TUSD)).toEqual([{ kind: 'paused' }]);
    expect(reconcile(line(), live({ stock: 0n }), TUSD)).toEqual([{ kind: 'sold-out' }]);
    expect(acceptable([{ kind: 'sold-out' }])).toBe(false);
  });

  it('flags a changed price with both prices, and a quantity above the new limit', () => {
    const issues = reconcile(line(TUSD, 4), live({ stock: 3n }, { price: '15000000' }), TUSD);
    expect(issues).toEqual([
      { kind: 'price', was: 12_500_000n, now: 15_000_000n },
      { kind: 'over-limit', limit: 3 },
    ]);
    expect(acceptable(issues)).toBe(true);
  });

  it('flags each merchant term the escrow checks; the reward rate only in the settlement token', () => {
    const changed = { shipWithin: '86400', arbiter: '0x0000000000000000000000000000000000000009', rewardBps: 500, autoReleaseWindow: '86400' };
    expect(reconcile(line(), live({}, changed), TUSD)).toEqual([{ kind: 'terms', changed: ['shipWithin', 'arbiter', 'rewardBps', 'autoReleaseWindow'] }]);
    expect(reconcile(line(ETH), live({}, { rewardBps: 500 }, ETH), TUSD)).toEqual([]);
  });

  it('flags a listing moved to another token or merchant, a gated listing and a merchant without a key', () => {
    expect(reconcile(line(), live({}, { token: ETH }), TUSD)).toContainEqual({ kind: 'offer' });
    expect(reconcile(line(), live({ gated: true }), TUSD)).toEqual([{ kind: 'gated' }]);
    expect(reconcile(line(), live({ encryptionKey: `0x${'00'.repeat(32)}` }), TUSD)).toEqual([{ kind: 'no-key' }]);
    expect(acceptable([{ kind: 'price', was: 1n, now: 2n }, { kind: 'gated' }])).toBe(false);
  });

  it('accepting takes the current terms and bounds the quantity; then nothing is flagged', () => {
    const current = live({ stock: 3n }, { price: '15000000', shipWithin: '86400' });
    const accepted = acceptLive(line(TUSD, 4), current);
    expect(accepted.seen.price).toBe('15000000');
    expect(accepted.seen.shipWithin).toBe('86400');
    expect(accepted.quantity).toBe(3);
    expect(reconcile(accepted, current, TUSD)).toEqual([]);
  });
});

describe('issueText', async () => {
  const { issueText } = await import('./issues.ts');
  const { m } = await import('../paraglide/messages.js');

  it('gives both prices in the line currency and names each changed term', () => {
    expect(issueText({ kind: 'price', was: 12_500_000n, now: 15_000_000n }, line(), 'en')).toBe(m.cart_issue_price({ was: '12.5 tUSD', now: '15 tUSD' }));
    expect(issueText({ kind: 'terms', changed: ['arbiter', 'shipWithin'] }, line(), 'en')).toBe(m.cart_issue_terms({ terms: `${m.cart_term_arbiter()}, ${m.cart_term_shipWithin()}` }));
  });
});
