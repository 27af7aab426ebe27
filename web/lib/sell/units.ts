// Conversions between what a merchant types (percent, days, hours, decimal prices) and what the contract
// stores (basis points, seconds, token units), with the contract's bounds (see ChainMart.sol constants).
import { formatUnits, parseUnits } from 'viem';

export const MAX_REWARD_BPS = 2000;
export const MIN_AUTO_RELEASE = 86_400;
export const MAX_AUTO_RELEASE = 60 * 86_400;
export const MIN_SHIP_WITHIN = 3_600;
export const MAX_SHIP_WITHIN = 90 * 86_400;
export const MAX_STOCK = 2 ** 32 - 1;
export const MAX_PER_ORDER = 2 ** 16 - 1;
export const MAX_PRICE = 2n ** 96n - 1n;

/** "1.5" (percent) -> 150 bps; null when not a number with at most two decimals or outside [0, max]. */
export function percentToBps(text: string, max = MAX_REWARD_BPS): number | null {
  const t = text.trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return null;
  const [whole, fraction = ''] = t.split('.');
  const bps = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return bps <= max ? bps : null;
}

export function bpsToPercent(bps: number): string {
  return (bps / 100).toString();
}

/** Days (decimals allowed, e.g. "0.5") -> whole seconds; null when not a positive number. */
export function daysToSeconds(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,4}(\.\d{1,4})?$/.test(t)) return null;
  const seconds = Math.round(Number(t) * 86_400);
  return seconds > 0 ? seconds : null;
}

export function secondsToDays(seconds: number | string | bigint): string {
  return String(Math.round((Number(seconds) / 86_400) * 10_000) / 10_000);
}

export function inRange(value: number | null, min: number, max: number): value is number {
  return value !== null && value >= min && value <= max;
}

/** A decimal price in the token's units; null when malformed, zero, or too large for uint96. */
export function parsePrice(text: string, decimals: number): bigint | null {
  const t = text.trim();
  if (!new RegExp(`^\\d{1,30}(\\.\\d{1,${decimals}})?$`).test(t)) return null;
  const value = parseUnits(t, decimals);
  return value > 0n && value <= MAX_PRICE ? value : null;
}

export function formatPrice(value: bigint | string, decimals: number): string {
  return formatUnits(BigInt(value), decimals);
}

/** A whole number within [min, max]; null otherwise. */
export function parseWhole(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d{1,10}$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}
