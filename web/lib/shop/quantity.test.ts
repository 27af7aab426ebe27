import { describe, expect, it } from 'vitest';
import { checkoutParams, clampQuantity, orderLimit, quantityFromParam } from './quantity.ts';

describe('quantity picker', () => {
  it('is bounded by the per-order limit and by the stock', () => {
    expect(orderLimit(5, '50')).toBe(5);
    expect(orderLimit(5, '2')).toBe(2);
    expect(orderLimit(3, 0n)).toBe(0);
  });

  it('clamps what the buyer types to 1..limit, whole units', () => {
    expect(clampQuantity(3, 5)).toBe(3);
    expect(clampQuantity(9, 5)).toBe(5);
    expect(clampQuantity(0, 5)).toBe(1);
    expect(clampQuantity(-2, 5)).toBe(1);
    expect(clampQuantity('2.7', 5)).toBe(2);
    expect(clampQuantity('abc', 5)).toBe(1);
    expect(clampQuantity(2, 0)).toBe(0);
  });

  it('reads the checkout link, refusing malformed values', () => {
    expect(quantityFromParam('3', 5)).toBe(3);
    expect(quantityFromParam('30', 5)).toBe(5);
    expect(quantityFromParam(null, 5)).toBeNull();
    expect(quantityFromParam('-1', 5)).toBeNull();
    expect(quantityFromParam('1e3', 5)).toBeNull();
    expect(quantityFromParam('2', 0)).toBeNull();
  });

  it('builds the checkout link, leaving out the default of one', () => {
    expect(checkoutParams('7', 1)).toEqual({ listing: '7' });
    expect(checkoutParams('7', 3)).toEqual({ listing: '7', quantity: '3' });
  });
});
