import { describe, expect, it } from 'vitest';
import { SubgraphError } from '../graphql/client.ts';
import type { OrderDetail } from '../data/subgraph.ts';
import type { OrderStruct } from '../chain/order.ts';
import { deadlines, loadOrder, loadOrdersOfBuyer } from './load.ts';

const struct = { buyer: '0xb', merchant: '0xa', status: 1, shipBy: 100, shippedAt: 0, autoReleaseWindow: 50, disputedAt: 0 } as unknown as OrderStruct;
const sub = {
  id: '3',
  buyer: { id: '0xb' },
  merchant: { id: '0xa' },
  token: '0x0',
  arbiter: '0xc',
  listingId: '1',
  quantity: '1',
  amount: '10',
  pointsPaid: '0',
  originalAmount: '12',
  originalPointsPaid: '0',
  buyerCredited: '0',
  feeBps: 0,
  rewardBps: 0,
  autoReleaseWindow: '5',
  placedAt: '1',
  shipBy: '2',
  shippedAt: '0',
  disputedAt: '0',
  status: 1,
  flags: 0,
} as unknown as OrderDetail;
const chainDetail = { ...sub, struct, verified: true };

describe('loadOrder', () => {
  it('uses the subgraph when it answers', async () => {
    const r = await loadOrder(async () => sub, async () => chainDetail, '3');
    expect(r?.source).toEqual({ kind: 'subgraph' });
    expect(r?.struct.amount).toBe(10n);
    expect(r?.struct.total).toBe(12n);
  });

  it('falls back to the chain when the subgraph is unreachable', async () => {
    const r = await loadOrder(
      async () => {
        throw new SubgraphError('down', 'unreachable');
      },
      async (id) => (id === 3n ? chainDetail : null),
      '3',
    );
    expect(r?.source.kind).toBe('chain');
    expect(r?.source.kind === 'chain' && r.source.reason).toBe('unreachable');
    expect(r?.struct).toBe(struct);
  });

  it('asks the chain when the subgraph has not indexed the order', async () => {
    const r = await loadOrder(async () => null, async () => chainDetail, '3');
    expect(r?.source).toEqual({ kind: 'chain', reason: 'not-indexed' });
    expect(await loadOrder(async () => null, async () => null, '3')).toBeNull();
  });

  it('uses the chain when the subgraph is behind (its struct fails the state check)', async () => {
    const stale = await loadOrder(async () => sub, async () => chainDetail, '3', async () => false);
    expect(stale?.source).toEqual({ kind: 'chain', reason: 'not-indexed' });
    expect(stale?.struct).toBe(struct);
    const fine = await loadOrder(async () => sub, async () => chainDetail, '3', async () => true);
    expect(fine?.source).toEqual({ kind: 'subgraph' });
  });

  it('does not hide other errors', async () => {
    await expect(
      loadOrder(
        async () => {
          throw new TypeError('bug');
        },
        async () => chainDetail,
        '3',
      ),
    ).rejects.toThrow('bug');
  });
});

describe('loadOrdersOfBuyer', () => {
  it('falls back to the chain for the list too', async () => {
    const r = await loadOrdersOfBuyer(
      async () => {
        throw new SubgraphError('HTTP 502', 'http');
      },
      async () => [chainDetail],
      '0x000000000000000000000000000000000000000b',
    );
    expect(r.source.kind).toBe('chain');
    expect(r.orders).toHaveLength(1);
  });
});

describe('deadlines', () => {
  it('computes auto-release and arbiter deadlines once they apply', () => {
    expect(deadlines(struct)).toEqual({ shipBy: 100, autoReleaseAt: null, arbiterDeadline: null });
    expect(deadlines({ ...struct, shippedAt: 200, disputedAt: 300 }, 10)).toEqual({ shipBy: 100, autoReleaseAt: 250, arbiterDeadline: 310 });
  });
});
