import { describe, expect, it } from 'vitest';
import type { OrderStruct } from '../chain/order.ts';
import { merchantActions, parseRefund } from './actions.ts';

const merchant = '0x00000000000000000000000000000000000000A1';
const order: OrderStruct = {
  buyer: '0x00000000000000000000000000000000000000b1',
  merchant,
  token: '0x0000000000000000000000000000000000000000',
  arbiter: '0x00000000000000000000000000000000000000d1',
  listingId: 1n,
  quantity: 1,
  total: 1000n,
  points: 0n,
  amount: 1000n,
  pointsPaid: 0n,
  feeBps: 200,
  rewardBps: 0,
  autoReleaseWindow: 100,
  placedAt: 1,
  shipBy: 10,
  shippedAt: 0,
  disputedAt: 0,
  status: 1,
  flags: 0,
};

describe('merchantActions', () => {
  it('paid: ship and refund, only for the merchant (any case of the address)', () => {
    expect(merchantActions(order, '0x00000000000000000000000000000000000000a1')).toMatchObject({ isMerchant: true, ship: true, checkpoint: false, refund: true, statement: false, reply: false });
    expect(merchantActions(order, '0x00000000000000000000000000000000000000b1')).toMatchObject({ isMerchant: false, ship: false, refund: false });
    expect(merchantActions(order, undefined).isMerchant).toBe(false);
  });

  it('shipped and disputed: checkpoints; disputed: statements', () => {
    expect(merchantActions({ ...order, status: 2, shippedAt: 5 }, merchant)).toMatchObject({ ship: false, checkpoint: true, refund: true, statement: false });
    expect(merchantActions({ ...order, status: 3, shippedAt: 5 }, merchant)).toMatchObject({ checkpoint: true, statement: true, refund: true });
    expect(merchantActions({ ...order, status: 3 }, merchant)).toMatchObject({ checkpoint: false, statement: true });
  });

  it('finished: only a reply to a review, once', () => {
    expect(merchantActions({ ...order, status: 4, amount: 0n }, merchant)).toMatchObject({ refund: false, reply: false });
    expect(merchantActions({ ...order, status: 4, amount: 0n, flags: 1 }, merchant)).toMatchObject({ reply: true, replied: false });
    expect(merchantActions({ ...order, status: 4, amount: 0n, flags: 3 }, merchant)).toMatchObject({ reply: false, replied: true });
  });
});

describe('parseRefund', () => {
  it('reads token units within escrow', () => {
    expect(parseRefund('12.5', 6, 20_000_000n)).toEqual({ ok: true, amount: 12_500_000n });
    expect(parseRefund(' 0,01 ', 18, 10n ** 18n)).toEqual({ ok: true, amount: 10n ** 16n });
    expect(parseRefund('20', 6, 20_000_000n)).toEqual({ ok: true, amount: 20_000_000n });
  });

  it('refuses empty, malformed, zero and excessive amounts', () => {
    expect(parseRefund('', 6, 1n)).toEqual({ ok: false, reason: 'empty' });
    expect(parseRefund('1e3', 6, 1n)).toEqual({ ok: false, reason: 'format' });
    expect(parseRefund('-1', 6, 1n)).toEqual({ ok: false, reason: 'format' });
    expect(parseRefund('0.0000001', 6, 10n)).toEqual({ ok: false, reason: 'format' });
    expect(parseRefund('0.000', 6, 10n)).toEqual({ ok: false, reason: 'zero' });
    expect(parseRefund('20.000001', 6, 20_000_000n)).toEqual({ ok: false, reason: 'too-much' });
  });
});
