import { describe, expect, it } from 'vitest';
import { DAY, type MerchantDayRow, axisNumber, bars, chartRange, dayStart, niceCeiling, seriesByToken, tokenNumber } from './chart.ts';

const tusd = { id: '0xt', symbol: 'tUSD', decimals: 6 };
const eth = { id: '0x0000000000000000000000000000000000000000', symbol: 'ETH', decimals: 18 };
const D0 = 20_000 * DAY;
const row = (day: number, token: MerchantDayRow['token'], volume: string, orders: number, extra: Partial<MerchantDayRow> = {}): MerchantDayRow => ({
  date: D0 + day * DAY,
  token,
  volume,
  orders,
  completed: 0,
  merchantAmount: '0',
  ...extra,
});

describe('day bucketing', () => {
  it('dayStart floors to the UTC day', () => {
    expect(dayStart(D0 + 5)).toBe(D0);
    expect(dayStart(D0 + DAY - 1)).toBe(D0);
    expect(dayStart(D0 + DAY)).toBe(D0 + DAY);
  });

  it('the range ends on the chain\'s today and starts at the first sale, at least a week, at most maxDays', () => {
    expect(chartRange([row(0, tusd, '1', 1)], D0 + 2 * DAY + 100)).toEqual({ from: D0 + 2 * DAY - 6 * DAY, to: D0 + 2 * DAY });
    expect(chartRange([row(0, tusd, '1', 1)], D0 + 20 * DAY)).toEqual({ from: D0, to: D0 + 20 * DAY });
    expect(chartRange([row(0, tusd, '1', 1)], D0 + 100 * DAY)).toEqual({ from: D0 + 71 * DAY, to: D0 + 100 * DAY });
    expect(chartRange([], D0)).toEqual({ from: D0 - 6 * DAY, to: D0 });
  });

  it('a sale dated after the browser\'s today still shows (the chain clock is ahead)', () => {
    expect(chartRange([row(3, tusd, '1', 1)], D0).to).toBe(D0 + 3 * DAY);
  });

  it('fills the days without sales with zeros, one series per token, busiest token first', () => {
    const series = seriesByToken(
      [row(0, tusd, '1000000', 1), row(2, tusd, '2500000', 2, { completed: 1, merchantAmount: '900000' }), row(1, eth, '10', 1), row(-50, tusd, '7', 9)],
      { from: D0, to: D0 + 3 * DAY },
    );
    expect(series.map((s) => s.token.symbol)).toEqual(['tUSD', 'ETH']);
    const [t, e] = series;
    expect(t.days.map((d) => d.date)).toEqual([D0, D0 + DAY, D0 + 2 * DAY, D0 + 3 * DAY]);
    expect(t.days.map((d) => d.orders)).toEqual([1, 0, 2, 0]);
    expect(t.days.map((d) => d.volume)).toEqual([1000000n, 0n, 2500000n, 0n]);
    expect(t.days[2]).toMatchObject({ completed: 1, merchantAmount: 900000n });
    expect(t.totalVolume).toBe(3500000n);
    expect(t.totalOrders).toBe(3);
    expect(e.days.map((d) => d.volume)).toEqual([0n, 10n, 0n, 0n]);
  });

  it('adds up rows of the same day and token (dates not at midnight are bucketed)', () => {
    const [s] = seriesByToken([row(0, tusd, '1', 1), { ...row(0, tusd, '2', 1), date: D0 + 3600 }], { from: D0, to: D0 });
    expect(s.days).toEqual([{ date: D0, volume: 3n, orders: 2, completed: 0, merchantAmount: 0n }]);
  });
});

describe('scaling', () => {
  it('niceCeiling rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(1)).toBe(1);
    expect(niceCeiling(3)).toBe(5);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(12)).toBe(20);
    expect(niceCeiling(200)).toBe(200);
    expect(niceCeiling(201)).toBe(500);
    expect(niceCeiling(0.03)).toBeCloseTo(0.05);
    expect(niceCeiling(Number.NaN)).toBe(1);
  });

  it('bars fill the width and scale to the ceiling, baseline at the bottom', () => {
    const { max, bars: b } = bars([0, 5, 10], 300, 100, 0.2);
    expect(max).toBe(10);
    expect(b.map((x) => x.height)).toEqual([0, 50, 100]);
    expect(b.map((x) => x.y)).toEqual([100, 50, 0]);
    expect(b[0].width).toBeCloseTo(80);
    expect(b[1].x).toBeCloseTo(110);
    expect(b[2].x + b[2].width).toBeCloseTo(290);
  });

  it('an all-zero series draws flat bars', () => {
    const { max, bars: b } = bars([0, 0], 100, 50);
    expect(max).toBe(1);
    expect(b.every((x) => x.height === 0 && x.y === 50)).toBe(true);
  });

  it('token amounts become numbers in token units', () => {
    expect(tokenNumber(80_500_000n, 6)).toBe(80.5);
    expect(tokenNumber(10n ** 16n, null)).toBe(0.01);
  });
});

describe('axisNumber', () => {
  it('keeps small token amounts readable and large ones short', () => {
    expect([axisNumber(0.001, 'en'), axisNumber(0.0005, 'en'), axisNumber(0.25, 'en')]).toEqual(['0.001', '0.0005', '0.25']);
    expect([axisNumber(0, 'en'), axisNumber(5, 'en'), axisNumber(2.5, 'en'), axisNumber(1000, 'en'), axisNumber(20_000, 'en')]).toEqual(['0', '5', '2.5', '1,000', '20K']);
    expect(axisNumber(20_000, 'zh-CN')).toBe('2万');
  });
});
