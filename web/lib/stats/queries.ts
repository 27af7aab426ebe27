// The transparency page's one GraphQL operation: the Platform entity, per-token totals, the last days of
// platform, token and merchant day data, and the resolved disputes' open/resolve times.
import { graphqlRequest } from '../graphql/client.ts';
import type { TokenInfo } from '../data/subgraph.ts';
import { DAY, type DisputeTimes, type MerchantDay } from './stats.ts';

export interface PlatformFigures {
  merchantCount: number;
  listingCount: number;
  orderCount: number;
  completedCount: number;
  refundedCount: number;
  cancelledCount: number;
  disputesOpened: number;
  disputesResolved: number;
  feeBps: number;
  /** An announced increase, applied by the escrow from `feeEffectiveAt` (null when none is pending). */
  pendingFeeBps: number | null;
  feeEffectiveAt: string | null;
  feeRecipient: string;
  pointsSupply: string;
  pointsReserve: string;
}

export interface TokenTotals extends TokenInfo {
  isSettlementToken: boolean;
  orderCount: number;
  volume: string;
  fees: string;
  merchantAmount: string;
  returnedToBuyers: string;
  escrow: string;
}

export interface PlatformDay {
  date: number;
  orders: number;
  completed: number;
  pointsIssued: string;
  pointsRedeemed: string;
  pointsReturned: string;
  disputesOpened: number;
  disputesResolved: number;
  tokens: { token: { id: string }; volume: string; fees: string; orders: number }[];
}

export interface TransparencyData {
  platform: PlatformFigures | null;
  tokens: TokenTotals[];
  days: PlatformDay[];
  merchantDays: MerchantDay[];
  disputes: DisputeTimes[];
  _meta: { block: { number: number } };
}

/** Day data of the last `days` days before `now` (the chain's time). */
export async function transparencyData(url: string, now: number, days = 60, signal?: AbortSignal): Promise<TransparencyData> {
  const since = Math.floor(now / DAY) * DAY - (days - 1) * DAY;
  const data = await graphqlRequest<TransparencyData>(
    url,
    `query Transparency($since: Int!) {
      platform(id: "platform") {
        merchantCount listingCount orderCount completedCount refundedCount cancelledCount disputesOpened disputesResolved
        feeBps pendingFeeBps feeEffectiveAt feeRecipient pointsSupply pointsReserve
      }
      tokens(first: 50) { id symbol decimals isSettlementToken orderCount volume fees merchantAmount returnedToBuyers escrow }
      days: platformDayDatas(first: 1000, orderBy: date, orderDirection: asc, where: { date_gte: $since }) {
        date orders completed pointsIssued pointsRedeemed pointsReturned disputesOpened disputesResolved
        tokens(first: 50) { token { id } volume fees orders }
      }
      merchantDays: merchantDayDatas(first: 1000, orderBy: date, orderDirection: asc, where: { date_gte: $since }) { date merchant { id } orders completed }
      disputes(first: 1000, orderBy: resolvedAt, orderDirection: desc, where: { resolvedAt_not: null }) { openedAt resolvedAt }
      _meta { block { number } }
    }`,
    { since },
    { signal },
  );
  return data;
}
