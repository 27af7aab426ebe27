import { describe, expect, it } from 'vitest';
import { arbiterRecords, median, suggestedArbiter } from './arbiters.ts';

const A = '0x' + 'a'.repeat(40);
const B = '0x' + 'b'.repeat(40);
const C = '0x' + 'c'.repeat(40);

describe('arbiter records', () => {
  it('takes the median', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('counts disputes and rulings per arbiter, with the median time to a ruling', () => {
    const records = arbiterRecords(
      [
        { arbiter: A.toUpperCase().replace('0X', '0x'), openedAt: '100', resolution: 'Ruling', resolvedAt: '200' },
        { arbiter: A, openedAt: '100', resolution: 'Ruling', resolvedAt: '400' },
        { arbiter: A, openedAt: '100', resolution: 'Settlement', resolvedAt: '150' },
        { arbiter: B, openedAt: '100', resolution: null, resolvedAt: null },
      ],
      [A, B, B, C, '0x' + '0'.repeat(40)],
    );
    expect(records).toEqual([
      { address: A, merchants: 1, disputes: 3, rulings: 2, medianResponse: 200 },
      { address: B, merchants: 2, disputes: 1, rulings: 0, medianResponse: null },
      { address: C, merchants: 1, disputes: 0, rulings: 0, medianResponse: null },
    ]);
  });

  it('suggests the configured default, else the most experienced, never the merchant itself', () => {
    const records = arbiterRecords([{ arbiter: A, openedAt: '0', resolution: 'Ruling', resolvedAt: '9' }], [B]);
    expect(suggestedArbiter(records, C)).toBe(A);
    expect(suggestedArbiter(records, A)).toBe(B);
    expect(suggestedArbiter(records, A, C)).toBe(C);
    expect(suggestedArbiter(records, C, C)).toBe(A);
    expect(suggestedArbiter([], C)).toBeUndefined();
  });
});
