import { describe, expect, it } from 'vitest';
import { formatExact } from './amount-format.ts';

describe('formatExact', () => {
  it('shows every significant digit, grouped for the locale', () => {
    expect(formatExact(375_000n, 6, 'points', 'en')).toBe('0.375 points');
    expect(formatExact(12_500_000n, 6, 'tUSD', 'zh-CN')).toBe('12.5 tUSD');
    expect(formatExact(1_234_567_000_001n, 6, 'tUSD', 'en')).toBe('1,234,567.000001 tUSD');
    expect(formatExact(10n ** 16n, 18, 'ETH', 'en')).toBe('0.01 ETH');
    expect(formatExact(0n, 6, '', 'en')).toBe('0');
  });

  it('lets the unit agree with the number', () => {
    const points = ({ count }: { count: number }) => (count === 1 ? 'point' : 'points');
    expect(formatExact(1_000_000n, 6, points, 'en')).toBe('1 point');
    expect(formatExact(1_500_000n, 6, points, 'en')).toBe('1.5 points');
    expect(formatExact(0n, 6, points, 'en')).toBe('0 points');
  });

  it('uses the locale decimal separator', () => {
    expect(formatExact(1_500_000n, 6, 'tUSD', 'de')).toBe('1,5 tUSD');
  });
});
