// Formatting for people: token amounts, dates, durations, addresses, localized merchant text.
import { formatUnits } from 'viem';
import type { Locale, LocalizedText } from '../protocol/metadata.ts';
import { dateTimeFormat, numberFormat } from './intl.ts';

export const ETH = '0x0000000000000000000000000000000000000000';

/** A unit that agrees with its number ("1 point", "2 points"): a message taking the count, e.g. m.points_unit. */
export type CountedUnit = (inputs: { count: number }) => string;

export function formatAmount(amount: bigint | string, decimals: number | null | undefined, symbol: string | CountedUnit | null | undefined, locale: string): string {
  // Exact up to 6 decimals (a stablecoin's full precision); 18-decimal tokens show 6, enough for prices.
  const value = Number(formatUnits(BigInt(amount), decimals ?? 18));
  const digits = Math.min(decimals ?? 18, 6);
  const shown = numberFormat(locale, { maximumFractionDigits: digits });
  // The unit agrees with the number as shown (1.0000001 reads "1", so "1 point").
  const unit = typeof symbol === 'function' ? symbol({ count: Number(value.toFixed(digits)) }) : (symbol ?? '?');
  return `${shown.format(value)} ${unit}`;
}

export function formatDate(seconds: number | string | bigint, locale: string): string {
  const n = Number(seconds);
  if (!n) return '—';
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(n * 1000));
}

/** A duration in seconds as days or hours, in the user's language. */
export function formatDuration(seconds: number | string | bigint, locale: string): string {
  const s = Number(seconds);
  const days = s / 86400;
  if (days >= 1) return numberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 }).format(days);
  return numberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'long', maximumFractionDigits: 1 }).format(s / 3600);
}

export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** Merchant text in the user's language, else the other one; always plain text, capped. */
export function localized(text: LocalizedText | undefined, locale: Locale | string, max = 8000): string {
  if (!text) return '';
  const value = text[locale as Locale] ?? text['zh-CN'] ?? text.en ?? '';
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/**
 * Text the user typed, shortened for display (a heading, a tab title) to `max` characters as people count
 * them (grapheme clusters: an emoji or a combined character is never cut in half), whitespace collapsed.
 */
export function clip(text: string, max: number): string {
  const value = text.replace(/\s+/g, ' ').trim();
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(value)].map((g) => g.segment);
  return graphemes.length > max ? `${graphemes.slice(0, max - 1).join('').trimEnd()}…` : value;
}

/** On-chain listing titles are "English · 中文" in the demo; show the part in the user's language when split. */
export function titleFor(title: string, locale: string): string {
  const parts = title.split(' · ');
  if (parts.length !== 2) return title;
  const cjk = /[\u3400-\u9fff]/;
  const [a, b] = parts;
  const zh = cjk.test(a) ? a : b;
  const en = cjk.test(a) ? b : a;
  return locale === 'zh-CN' ? zh : en;
}

export function explorerTx(explorer: string | null, hash: string): string | null {
  return explorer ? `${explorer.replace(/\/$/, '')}/tx/${hash}` : null;
}
