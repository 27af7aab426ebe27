// Token amounts shown in full at checkout. The site's general formatter rounds to a few digits, which is fine
// in a catalog but not in the summary a buyer signs: 0.375 points must not read as 0.38.
import { formatUnits } from 'viem';
import type { CountedUnit } from '../format/format.ts';
import { numberFormat } from '../format/intl.ts';

export function formatExact(amount: bigint, decimals: number, unit: string | CountedUnit, locale: string): string {
  const exact = formatUnits(amount, decimals);
  if (typeof unit === 'function') return `${formatExact(amount, decimals, '', locale)} ${unit({ count: Number(exact) })}`;
  const [whole, fraction] = exact.split('.');
  const format = numberFormat(locale);
  const separator = format.formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  const number = `${format.format(BigInt(whole))}${fraction ? `${separator}${fraction}` : ''}`;
  return unit ? `${number} ${unit}` : number;
}
