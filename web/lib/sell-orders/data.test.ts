import { describe, expect, it } from 'vitest';
import { csvOrderOf, feeOf, isStatusFilter, merchantOrdersWhere, refundedOf } from './data.ts';

describe('merchant orders filter', () => {
  it('filters by merchant (lowercase) and by the statuses of the chosen tab', () => {
    expect(merchantOrdersWhere('0xABC', 'all')).toEqual({ merchant: '0xabc' });
    expect(merchantOrdersWhere('0xABC', 'toShip')).toEqual({ merchant: '0xabc', status_in: [1] });
    expect(merchantOrdersWhere('0xabc', 'finished')).toEqual({ merchant: '0xabc', status_in: [4, 5, 6, 7] });
  });

  it('accepts only known filters from the query string', () => {
    expect(isStatusFilter('shipped')).toBe(true);
    expect(isStatusFilter('toString')).toBe(false);
    expect(isStatusFilter(null)).toBe(false);
  });
});

describe('export rows', () => {
  it('takes the fee from the completion or the resolution, none while open', () => {
    expect(feeOf([{ __typename: 'OrderPlacedEvent' }])).toBeNull();
    expect(feeOf([{ __typename: 'OrderPlacedEvent' }, { __typename: 'OrderCompletedEvent', fee: '150' }])).toBe('150');
    expect(feeOf([{ __typename: 'DisputeResolvedEvent', fee: '7' }])).toBe('7');
  });

  it('sums what went back to the buyer: refunds and cancellations (cash and points), the buyer share of a ruling', () => {
    expect(refundedOf([{ __typename: 'OrderPlacedEvent' }, { __typename: 'OrderCompletedEvent', fee: '3' }])).toBe('0');
    expect(
      refundedOf([
        { __typename: 'OrderRefundedEvent', cash: '5', points: '2' },
        { __typename: 'OrderRefundedEvent', cash: '10', points: '0' },
      ]),
    ).toBe('17');
    expect(refundedOf([{ __typename: 'OrderCancelledEvent', cash: '40', points: '1' }])).toBe('41');
    expect(refundedOf([{ __typename: 'DisputeResolvedEvent', fee: '1', buyerCash: '6', buyerPoints: '4' }])).toBe('10');
  });

  it('maps the subgraph row to a CSV order', () => {
    const row = csvOrderOf({
      id: '9',
      placedAt: '100',
      listingId: '3',
      quantity: '2',
      token: '0xt',
      originalAmount: '5',
      status: 4,
      buyer: { id: '0xb' },
      listing: { title: 'Tea' },
      currency: { id: '0xt', symbol: 'tUSD', decimals: 6 },
      events: [{ __typename: 'OrderCompletedEvent', fee: '1' }],
    });
    expect(row).toEqual({ id: '9', placedAt: '100', listingId: '3', listingTitle: 'Tea', quantity: '2', token: '0xt', symbol: 'tUSD', decimals: 6, originalAmount: '5', refunded: '0', fee: '1', status: 4, buyer: '0xb' });
  });
});
