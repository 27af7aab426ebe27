import { describe, expect, it } from 'vitest';
import { DAY, activeMerchants, activeMerchantsByDay, barChart, dayRange, disputeSummary, feeSchedule, fillDays, median, niceMax, ratio, resolutionTimes, tokenNumber } from './stats.ts';

describe('median', () => {
  it('odd, even, empty, unsorted', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
  });
});

describe('rates and disputes', () => {
  it('ratio without a whole is null', () => {
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(6, 43)).toBeCloseTo(0.1395, 4);
  });

  it('resolution times come from openedAt/resolvedAt of resolved disputes only', () => {
    const disputes = [
      { openedAt: '1000', resolvedAt: '1100' },
      { openedAt: '2000', resolvedAt: null },
      { openedAt: '3000', resolvedAt: '3500' },
      { openedAt: '4000', resolvedAt: '4200' },
    ];
    expect(resolutionTimes(disputes)).toEqual([100, 500, 200]);
    expect(disputeSummary({ orderCount: 40, disputesOpened: 4, disputesResolved: 3 }, disputes)).toEqual({
      opened: 4,
      resolved: 3,
      rate: 0.1,
      medianResolutionSeconds: 200,
    });
    expect(disputeSummary({ orderCount: 0, disputesOpened: 0, disputesResolved: 0 }, []).medianResolutionSeconds).toBeNull();
  });
});

describe('days', () => {
  it('fills the days without entities with zeros and sums duplicates', () => {
    const d0 = 20_000 * DAY;
    expect(fillDays([{ date: d0, value: 2 }, { date: d0 + 2 * DAY, value: 5 }, { date: d0 + 2 * DAY, value: 1 }], d0, d0 + 3 * DAY)).toEqual([
      { date: d0, value: 2 },
      { date: d0 + DAY, value: 0 },
      { date: d0 + 2 * DAY, value: 6 },
      { date: d0 + 3 * DAY, value: 0 },
    ]);
  });

  it('limits the range to the last days with data', () => {
    const d0 = 20_000 * DAY;
    expect(dayRange([], 30)).toBeNull();
    expect(dayRange([d0 + 5 * DAY, d0 + 100], 30)).toEqual({ from: d0, to: d0 + 5 * DAY });
    expect(dayRange([d0, d0 + 99 * DAY], 30)).toEqual({ from: d0 + 70 * DAY, to: d0 + 99 * DAY });
  });

  it('counts distinct active merchants per day, across tokens', () => {
    const days = [
      { date: 1, merchant: { id: '0xA' }, orders: 1, completed: 0 },
      { date: 1, merchant: { id: '0xa' }, orders: 2, completed: 0 },
      { date: 1, merchant: { id: '0xb' }, orders: 0, completed: 0 },
      { date: 2, merchant: { id: '0xb' }, orders: 0, completed: 1 },
    ];
    expect(activeMerchantsByDay(days)).toEqual([
      { date: 1, value: 1 },
      { date: 2, value: 1 },
    ]);
    expect(activeMerchants(days)).toBe(2);
  });
});

describe('chart scaling', () => {
  it('rounds the top to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(1.2)).toBe(2);
    expect(niceMax(39)).toBe(50);
    expect(niceMax(51)).toBe(100);
    expect(niceMax(0.147)).toBeCloseTo(0.2);
    expect(niceMax(2302)).toBe(5000);
  });

  it('bars fill the plot height in proportion to the top, ticks go from the bottom up', () => {
    const chart = barChart(
      [
        { date: 1, value: 50 },
        { date: 2, value: 0 },
        { date: 3, value: 25 },
        { date: 4, value: 39 },
      ],
      400,
      100,
    );
    expect(chart.top).toBe(50);
    expect(chart.bars[0]).toMatchObject({ y: 0, height: 100 });
    expect(chart.bars[1]).toMatchObject({ y: 100, height: 0 });
    expect(chart.bars[2]).toMatchObject({ y: 50, height: 50 });
    expect(chart.bars[3].x).toBeCloseTo(301);
    expect(chart.bars[3].width).toBeCloseTo(98);
    expect(chart.ticks.map((t) => [t.value, t.y])).toEqual([
      [0, 100],
      [12.5, 75],
      [25, 50],
      [37.5, 25],
      [50, 0],
    ]);
  });

  it('reads token amounts with their decimals', () => {
    expect(tokenNumber('2302000000', 6)).toBe(2302);
    expect(tokenNumber(147000000000000000n, 18)).toBeCloseTo(0.147);
  });
});

describe('fee schedule', () => {
  const at = 1_800_000_000;
  it('is the indexed fee when nothing is announced', () => {
    expect(feeSchedule({ feeBps: 200, pendingFeeBps: null, feeEffectiveAt: null }, at)).toEqual({ currentBps: 200, upcoming: null });
  });
  it('shows an announced increase as upcoming until its date, by the chain clock', () => {
    const platform = { feeBps: 200, pendingFeeBps: 300, feeEffectiveAt: String(at) };
    expect(feeSchedule(platform, at - 1)).toEqual({ currentBps: 200, upcoming: { bps: 300, effectiveAt: at } });
    expect(feeSchedule(platform, at)).toEqual({ currentBps: 300, upcoming: null });
  });
});
