import { describe, expect, it } from 'vitest';
import { csvOrderOf, feeOf, isStatusFilter, merchantOrdersWhere } from './data.ts';

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
    expect(row).toEqual({ id: '9', placedAt: '100', listingId: '3', listingTitle: 'Tea', quantity: '2', token: '0xt', symbol: 'tUSD', decimals: 6, originalAmount: '5', fee: '1', status: 4, buyer: '0xb' });
  });
});
