import { describe, expect, it } from 'vitest';
import { clip, formatAmount, localized, shortAddress, titleFor } from './format.ts';

describe('format', () => {
  it('formats token amounts with their decimals', () => {
    expect(formatAmount(56_000_000n, 6, 'tUSD', 'en')).toBe('56 tUSD');
    expect(formatAmount('1500000000000000000', 18, 'ETH', 'en')).toBe('1.5 ETH');
    expect(formatAmount(375_000n, 6, 'points', 'en')).toBe('0.375 points');
    const points = ({ count }: { count: number }) => (count === 1 ? 'point' : 'points');
    expect(formatAmount(1_000_000n, 6, points, 'en')).toBe('1 point');
    expect(formatAmount(1_000_000_000_000_000_001n, 18, points, 'en')).toBe('1 point');
    expect(formatAmount(2_000_000n, 6, points, 'en')).toBe('2 points');
  });
  it('picks the user language and caps merchant text', () => {
    expect(localized({ en: 'Tea', 'zh-CN': '茶' }, 'zh-CN')).toBe('茶');
    expect(localized({ en: 'Tea' }, 'zh-CN')).toBe('Tea');
    expect(localized({ en: 'x'.repeat(20) }, 'en', 5)).toBe('xxxxx…');
  });
  it('splits bilingual titles', () => {
    expect(titleFor('Blue-and-White Teacup Pair · 青花对杯', 'zh-CN')).toBe('青花对杯');
    expect(titleFor('Blue-and-White Teacup Pair · 青花对杯', 'en')).toBe('Blue-and-White Teacup Pair');
    expect(titleFor('Plain', 'en')).toBe('Plain');
  });
  it('clips what the user typed for headings, without cutting a character in half', () => {
    expect(clip('青花瓷', 40)).toBe('青花瓷');
    expect(clip('a'.repeat(400), 40)).toBe(`${'a'.repeat(39)}…`);
    expect(clip('a'.repeat(400), 40)).toHaveLength(40);
    expect(clip('  two\n\nlines  ', 40)).toBe('two lines');
    expect(clip('👍🏽'.repeat(5), 3)).toBe('👍🏽👍🏽…');
    expect(clip('tea cups and more', 9)).toBe('tea cups…');
  });
  it('shortens addresses', () => {
    expect(shortAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8')).toBe('0x7099…79c8');
  });
});
