// Token amounts shown in full at checkout. The site's general formatter rounds to a few digits, which is fine
// in a catalog but not in the summary a buyer signs: 0.375 points must not read as 0.38.
import { formatUnits } from 'viem';

export function formatExact(amount: bigint, decimals: number, unit: string, locale: string): string {
  const [whole, fraction] = formatUnits(amount, decimals).split('.');
  const format = new Intl.NumberFormat(locale);
  const separator = format.formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  const number = `${format.format(BigInt(whole))}${fraction ? `${separator}${fraction}` : ''}`;
  return unit ? `${number} ${unit}` : number;
}
