// The compared fields of an order, listing or merchant as a person reads them: which field means what kind of
// value (a status, a token amount, a date, a share in basis points...), taken from the chain's side (the
// source of truth) or the subgraph's when the chain has none. The page words and formats them per language.
import type { Row } from './compare.ts';

export type Readable =
  | { kind: 'status'; status: number }
  | { kind: 'amount'; value: bigint; token: string }
  | { kind: 'points'; value: bigint }
  | { kind: 'date'; seconds: number }
  | { kind: 'duration'; seconds: number }
  | { kind: 'percent'; bps: number }
  | { kind: 'address'; address: string }
  | { kind: 'token'; token: string }
  | { kind: 'number'; value: string }
  | { kind: 'yes-no'; value: boolean }
  | { kind: 'text'; text: string }
  /** A time that has not happened yet (0), no gate, no key: said in words, not as 0 or 0x0. */
  | { kind: 'none' };

export interface ReadableField {
  field: string;
  value: Readable;
}

type Reader = (value: string, token: string) => Readable;

const ZERO_ADDRESS = /^0x0{40}$/i;
const address: Reader = (v) => (ZERO_ADDRESS.test(v) ? { kind: 'none' } : { kind: 'address', address: v });
const amount: Reader = (v, token) => ({ kind: 'amount', value: BigInt(v), token });
const points: Reader = (v) => ({ kind: 'points', value: BigInt(v) });
const date: Reader = (v) => (BigInt(v) === 0n ? { kind: 'none' } : { kind: 'date', seconds: Number(v) });
const duration: Reader = (v) => ({ kind: 'duration', seconds: Number(v) });
const percent: Reader = (v) => ({ kind: 'percent', bps: Number(v) });
const number: Reader = (v) => ({ kind: 'number', value: v });
const text: Reader = (v) => (v === '' ? { kind: 'none' } : { kind: 'text', text: v });
const yesNo: Reader = (v) => ({ kind: 'yes-no', value: v === 'true' });

/** The fields worth reading, in reading order; hashes, flags and counters stay in the table only. */
const FIELDS = {
  order: {
    status: (v) => ({ kind: 'status', status: Number(v) }),
    buyer: address,
    merchant: address,
    arbiter: address,
    token: (v) => ({ kind: 'token', token: v }),
    quantity: number,
    originalAmount: amount,
    originalPointsPaid: points,
    amount,
    feeBps: percent,
    rewardBps: percent,
    placedAt: date,
    shipBy: date,
    shippedAt: date,
    disputedAt: date,
    autoReleaseWindow: duration,
    carrier: text,
    trackingRef: text,
  },
  listing: {
    merchant: address,
    title: text,
    category: text,
    token: (v) => ({ kind: 'token', token: v }),
    price: amount,
    stock: number,
    maxPerOrder: number,
    shipWithin: duration,
    paused: yesNo,
    gate: address,
  },
  merchant: {
    registered: yesNo,
    arbiter: address,
    rewardBps: percent,
    autoReleaseWindow: duration,
    encryptionKey: (v) => ({ kind: 'yes-no', value: /^0x[0-9a-f]+$/i.test(v) && !/^0x0*$/i.test(v) }),
  },
} satisfies Record<string, Record<string, Reader>>;

export type ReadableKind = keyof typeof FIELDS;

export function readableFields(kind: ReadableKind, rows: readonly Row[]): ReadableField[] {
  const valueOf = (field: string) => {
    const row = rows.find((r) => r.field === field);
    return row ? (row.chain ?? row.subgraph) : null;
  };
  const token = valueOf('token') ?? '';
  const readers: Record<string, Reader> = FIELDS[kind];
  return Object.entries(readers).flatMap(([field, read]) => {
    const value = valueOf(field);
    return value === null ? [] : [{ field, value: read(value, token) }];
  });
}
