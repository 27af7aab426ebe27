import { describe, expect, it } from 'vitest';
import { bpsToPercent, daysToSeconds, inRange, parsePrice, parseWhole, percentToBps, secondsToDays } from './units.ts';

describe('units', () => {
  it('converts percent to basis points within the contract cap', () => {
    expect(percentToBps('1')).toBe(100);
    expect(percentToBps('1.5')).toBe(150);
    expect(percentToBps('0.05')).toBe(5);
    expect(percentToBps('20')).toBe(2000);
    expect(percentToBps('20.01')).toBeNull();
    expect(percentToBps('-1')).toBeNull();
    expect(percentToBps('1.234')).toBeNull();
    expect(percentToBps('abc')).toBeNull();
    expect(bpsToPercent(150)).toBe('1.5');
    expect(percentToBps(bpsToPercent(2000))).toBe(2000);
  });

  it('converts days to seconds and back', () => {
    expect(daysToSeconds('7')).toBe(604_800);
    expect(daysToSeconds('0.5')).toBe(43_200);
    expect(daysToSeconds('0')).toBeNull();
    expect(daysToSeconds('x')).toBeNull();
    expect(secondsToDays(604_800)).toBe('7');
    expect(secondsToDays('3600')).toBe('0.0417');
    expect(inRange(daysToSeconds('61'), 86_400, 60 * 86_400)).toBe(false);
    expect(inRange(daysToSeconds('1'), 86_400, 60 * 86_400)).toBe(true);
  });

  it('parses prices in token units, rejecting zero, excess decimals and uint96 overflow', () => {
    expect(parsePrice('1.5', 6)).toBe(1_500_000n);
    expect(parsePrice('0.001', 18)).toBe(10n ** 15n);
    expect(parsePrice('0', 6)).toBeNull();
    expect(parsePrice('1.1234567', 6)).toBeNull();
    expect(parsePrice('1e5', 6)).toBeNull();
    expect(parsePrice('100000000000', 18)).toBeNull();
  });

  it('parses whole numbers within bounds', () => {
    expect(parseWhole('5', 1, 10)).toBe(5);
    expect(parseWhole('0', 1, 10)).toBeNull();
    expect(parseWhole('2.5', 1, 10)).toBeNull();
    expect(parseWhole('11', 1, 10)).toBeNull();
  });
});
