// The sales chart's numbers: the subgraph's MerchantDayData rows (one per merchant, UTC day and token, only
// for days with activity) turned into one gap-free daily series per token, and the scale of a bar chart.
import { formatUnits } from 'viem';
import type * as G from '../../../.graphclient/index.ts';

export const DAY = 86_400;

/** A day of the merchant's sales in one token (sell-orders.graphql `MerchantDays`; `date`: the UTC day's start). */
export type MerchantDayRow = G.MerchantDaysQuery['merchantDayDatas'][number];

export interface DayPoint {
  date: number;
  volume: bigint;
  orders: number;
  completed: number;
  merchantAmount: bigint;
}

export interface TokenSeries {
  token: MerchantDayRow['token'];
  days: DayPoint[];
  totalVolume: bigint;
  totalOrders: number;
}

export function dayStart(seconds: number): number {
  return Math.floor(seconds / DAY) * DAY;
}

/**
 * The days to draw: up to `maxDays` ending today (the chain's today), starting no earlier than the first day
 * with sales; at least `minDays` so a new shop's chart is not one fat bar.
 */
export function chartRange(rows: readonly MerchantDayRow[], now: number, maxDays = 30, minDays = 7): { from: number; to: number } {
  const to = Math.max(dayStart(now), ...rows.map((r) => dayStart(r.date)));
  const first = rows.length ? Math.min(...rows.map((r) => dayStart(r.date))) : to;
  const span = Math.min(maxDays, Math.max(minDays, (to - first) / DAY + 1));
  return { from: to - (span - 1) * DAY, to };
}

/** One series per token, every day of the range present (zero when nothing happened), oldest first. */
export function seriesByToken(rows: readonly MerchantDayRow[], range: { from: number; to: number }): TokenSeries[] {
  const byToken = new Map<string, { token: MerchantDayRow['token']; days: Map<number, DayPoint> }>();
  for (const row of rows) {
    const date = dayStart(row.date);
    const key = row.token.id.toLowerCase();
    const entry = byToken.get(key) ?? { token: row.token, days: new Map() };
    byToken.set(key, entry);
    if (date < range.from || date > range.to) continue;
    const point = entry.days.get(date) ?? { date, volume: 0n, orders: 0, completed: 0, merchantAmount: 0n };
    point.volume += BigInt(row.volume);
    point.orders += row.orders;
    point.completed += row.completed;
    point.merchantAmount += BigInt(row.merchantAmount);
    entry.days.set(date, point);
  }
  const out: TokenSeries[] = [];
  for (const { token, days } of byToken.values()) {
    const series: DayPoint[] = [];
    for (let date = range.from; date <= range.to; date += DAY) {
      series.push(days.get(date) ?? { date, volume: 0n, orders: 0, completed: 0, merchantAmount: 0n });
    }
    out.push({
      token,
      days: series,
      totalVolume: series.reduce((sum, d) => sum + d.volume, 0n),
      totalOrders: series.reduce((sum, d) => sum + d.orders, 0),
    });
  }
  return out.sort((a, b) => b.totalOrders - a.totalOrders || (a.token.symbol ?? '').localeCompare(b.token.symbol ?? ''));
}

/** A round axis maximum at or above `value`: 1, 2 or 5 times a power of ten (1 for zero). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power * (1 + 1e-9)) return step * power;
  return 10 * power;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Bars filling `width` × `height` (y grows downwards, as in SVG), scaled to the nice ceiling of the values. */
export function bars(values: readonly number[], width: number, height: number, gapRatio = 0.2): { bars: Bar[]; max: number } {
  const max = niceCeiling(Math.max(0, ...values));
  const slot = values.length ? width / values.length : width;
  const barWidth = slot * (1 - gapRatio);
  return {
    max,
    bars: values.map((value, i) => {
      const h = (Math.max(0, value) / max) * height;
      return { x: i * slot + (slot - barWidth) / 2, y: height - h, width: barWidth, height: h };
    }),
  };
}

/** A token amount as a plain number for scaling (precision beyond a float's does not matter on a chart). */
export function tokenNumber(amount: bigint, decimals: number | null): number {
  return Number(formatUnits(amount, decimals ?? 18));
}

/**
 * An axis label: two decimals at most, compact from 10,000; below 1 two significant digits, so the scale of a
 * day of 0.001 ETH reads 0.001 and 0.0005, not 0 and 0.
 */
export function axisNumber(value: number, locale: string): string {
  const options: Intl.NumberFormatOptions =
    value > 0 && value < 1 ? { maximumSignificantDigits: 2 } : { maximumFractionDigits: 2, notation: value >= 10_000 ? 'compact' : 'standard' };
  return new Intl.NumberFormat(locale, options).format(value);
}
