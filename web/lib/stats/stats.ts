// The transparency page's figures, computed from the subgraph's entities: daily series with the empty days
// filled in, active merchants per day, dispute rate and median resolution time (from each Dispute's openedAt
// and resolvedAt), and the scaling of the inline SVG charts.
import { formatUnits } from 'viem';

export const DAY = 86_400;

/** The middle value (mean of the two middle ones for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** part / whole, or null when there is no whole to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export interface DisputeTimes {
  openedAt: string;
  resolvedAt: string | null;
}

/** Seconds from opening to resolution of every resolved dispute. */
export function resolutionTimes(disputes: readonly DisputeTimes[]): number[] {
  return disputes.filter((d) => d.resolvedAt !== null).map((d) => Number(d.resolvedAt) - Number(d.openedAt));
}

export interface DisputeSummary {
  opened: number;
  resolved: number;
  /** Disputes opened per order placed. */
  rate: number | null;
  medianResolutionSeconds: number | null;
}

export function disputeSummary(platform: { orderCount: number; disputesOpened: number; disputesResolved: number }, disputes: readonly DisputeTimes[]): DisputeSummary {
  return {
    opened: platform.disputesOpened,
    resolved: platform.disputesResolved,
    rate: ratio(platform.disputesOpened, platform.orderCount),
    medianResolutionSeconds: median(resolutionTimes(disputes)),
  };
}

export interface Point {
  /** Unix time of the day's start (UTC). */
  date: number;
  value: number;
}

/**
 * One value per day from `from` to `to` (both day starts), zero where the subgraph has no entity for the day
 * (it only creates day entities on days with activity).
 */
export function fillDays(points: readonly Point[], from: number, to: number): Point[] {
  const byDay = new Map<number, number>();
  for (const p of points) byDay.set(p.date, (byDay.get(p.date) ?? 0) + p.value);
  const out: Point[] = [];
  for (let date = dayStart(from); date <= dayStart(to); date += DAY) out.push({ date, value: byDay.get(date) ?? 0 });
  return out;
}

export function dayStart(seconds: number): number {
  return Math.floor(seconds / DAY) * DAY;
}

/** The day range to chart: the last `maxDays` days with data, ending on the latest day seen. */
export function dayRange(dates: readonly number[], maxDays: number): { from: number; to: number } | null {
  if (dates.length === 0) return null;
  const to = dayStart(Math.max(...dates));
  const from = Math.max(dayStart(Math.min(...dates)), to - (maxDays - 1) * DAY);
  return { from, to };
}

export interface MerchantDay {
  date: number;
  merchant: { id: string };
  orders: number;
  completed: number;
}

/** Merchants with at least one order placed or completed that day. */
export function activeMerchantsByDay(days: readonly MerchantDay[]): Point[] {
  const sets = new Map<number, Set<string>>();
  for (const d of days) {
    if (d.orders === 0 && d.completed === 0) continue;
    const set = sets.get(d.date) ?? new Set<string>();
    set.add(d.merchant.id.toLowerCase());
    sets.set(d.date, set);
  }
  return [...sets].map(([date, set]) => ({ date, value: set.size })).sort((a, b) => a.date - b.date);
}

/** Distinct merchants active on any day of the list. */
export function activeMerchants(days: readonly MerchantDay[]): number {
  return new Set(days.filter((d) => d.orders > 0 || d.completed > 0).map((d) => d.merchant.id.toLowerCase())).size;
}

/** A token amount (decimal string in base units) as a number of whole tokens, for charts only. */
export function tokenNumber(amount: string | bigint, decimals: number | null): number {
  return Number(formatUnits(BigInt(amount), decimals ?? 18));
}

/** The smallest 1, 2 or 5 × 10^k at or above `max` (1 for nothing), so axes end on a round value. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= max * (1 - 1e-12)) return step * magnitude;
  return 10 * magnitude;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
  date: number;
}

export interface BarChart {
  bars: Bar[];
  top: number;
  ticks: { value: number; y: number }[];
}

/** Bars for `points` inside a plot of `width` × `height` (y grows downwards as in SVG), scaled to a nice top. */
export function barChart(points: readonly Point[], width: number, height: number, tickCount = 4): BarChart {
  const top = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const slot = points.length ? width / points.length : width;
  const gap = Math.min(2, slot * 0.2);
  const bars = points.map((p, i) => {
    const h = (Math.max(0, p.value) / top) * height;
    return { x: i * slot + gap / 2, y: height - h, width: Math.max(1, slot - gap), height: h, value: p.value, date: p.date };
  });
  const ticks = Array.from({ length: tickCount + 1 }, (_, i) => {
    const value = (top / tickCount) * i;
    return { value, y: height - (value / top) * height };
  });
  return { bars, top, ticks };
}

/** The platform fee as the escrow applies it at `now` (its `currentFeeBps`), and an increase still to come. */
export interface FeeSchedule {
  currentBps: number;
  upcoming: { bps: number; effectiveAt: number } | null;
}

/**
 * The subgraph keeps an announced increase aside until an event after its date is indexed (`pendingFeeBps`,
 * `feeEffectiveAt`); the chain's clock decides whether it applies already, as the escrow does.
 */
export function feeSchedule(
  platform: { feeBps: number; pendingFeeBps: number | null; feeEffectiveAt: string | number | null },
  now: number,
): FeeSchedule {
  if (platform.pendingFeeBps === null || platform.feeEffectiveAt === null) return { currentBps: platform.feeBps, upcoming: null };
  const effectiveAt = Number(platform.feeEffectiveAt);
  if (now >= effectiveAt) return { currentBps: platform.pendingFeeBps, upcoming: null };
  return { currentBps: platform.feeBps, upcoming: { bps: platform.pendingFeeBps, effectiveAt } };
}
