// The merchant's bookkeeping export: orders as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a
// comma, quote or line break quoted, quotes doubled). Cells come partly from buyers and merchants (listing
// titles), so a cell that a spreadsheet would run as a formula (= + - @, tab, carriage return) is prefixed
// with a single quote (OWASP "CSV injection").
import { formatUnits } from 'viem';
import { Status } from '../chain/order.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | bigint | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | bigint | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** What one exported order needs (the subgraph's Order with the fee from its completion or resolution). */
export interface CsvOrder {
  id: string;
  placedAt: string;
  listingId: string;
  listingTitle: string;
  quantity: string;
  token: string;
  symbol: string | null;
  decimals: number | null;
  /** Value paid at placement (cash and points). */
  originalAmount: string;
  /** Value returned to the buyer so far: refunds, a cancellation, the buyer's share of a dispute. */
  refunded: string;
  /** Fee credited to the platform, null while the order is open (or ended without a fee). */
  fee: string | null;
  status: number;
  buyer: string;
}

export const CSV_COLUMNS = ['orderId', 'date', 'listingId', 'listing', 'quantity', 'token', 'tokenAddress', 'amount', 'refunded', 'net', 'fee', 'status', 'buyer'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The words of the file, in the merchant's language (the numbers and dates stay machine-readable). */
export interface CsvLabels {
  header: Record<CsvColumn, string>;
  /** The order's status; `partlyRefunded` when money went back to the buyer but the order went on. */
  status: (status: number, partlyRefunded: boolean) => string;
}

/** Statuses under which a refund leaves the order running (a full refund or a cancellation ends it). */
const CONTINUES_AFTER_REFUND = new Set<number>([Status.indexOf('Paid'), Status.indexOf('Shipped'), Status.indexOf('Disputed'), Status.indexOf('Completed')]);

/** ISO 8601 in UTC (no locale: bookkeeping software parses it). */
export function isoDate(seconds: number | string): string {
  return new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Amounts as decimal numbers in token units (not formatted for a locale, no thousands separator). */
export function ordersCsv(orders: readonly CsvOrder[], labels: CsvLabels): string {
  const decimal = (value: bigint | string | null, decimals: number | null) => (value === null ? '' : formatUnits(BigInt(value), decimals ?? 18));
  return toCsv([
    CSV_COLUMNS.map((column) => labels.header[column]),
    ...orders.map((o) => {
      const refunded = BigInt(o.refunded);
      return [
        o.id,
        isoDate(o.placedAt),
        o.listingId,
        o.listingTitle,
        o.quantity,
        o.symbol ?? '',
        o.token,
        decimal(o.originalAmount, o.decimals),
        decimal(refunded, o.decimals),
        decimal(BigInt(o.originalAmount) - refunded, o.decimals),
        decimal(o.fee, o.decimals),
        labels.status(o.status, refunded > 0n && CONTINUES_AFTER_REFUND.has(o.status)),
        o.buyer,
      ];
    }),
  ]);
}

export function csvFileName(merchant: string, seconds: number): string {
  return `chainmart-orders-${merchant.toLowerCase().slice(0, 10)}-${isoDate(seconds).slice(0, 10)}.csv`;
}
