import { describe, expect, it } from 'vitest';
import type { Hex } from 'viem';
import { buildCheckoutLines, groupByShop, groupByToken, groupFigures, sealPerShop, splitPoints } from './lines.ts';
import { type StoredLine, itemFromListing } from './store.ts';

const TUSD = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
const ETH = '0x0000000000000000000000000000000000000000';
const SHOP_A = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const SHOP_B = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';
const ARBITER = '0xa0ee7a142d267c1f36714e4a8f75612f20a79720';

function line(id: string, merchant: string, token: string, price: bigint, quantity: number, rewardBps = 300): StoredLine {
  const item = itemFromListing({
    id,
    title: `Item ${id}`,
    token,
    price: price.toString(),
    shipWithin: id === '3' ? '86400' : '259200',
    currency: { symbol: token === ETH ? 'ETH' : 'tUSD', decimals: token === ETH ? 18 : 6 },
    merchant: { id: merchant, arbiter: ARBITER, rewardBps, autoReleaseWindow: '604800' },
  });
  return { ...item, quantity };
}

const cart = [
  line('1', SHOP_A, TUSD, 10_000_000n, 2),
  line('2', SHOP_B, ETH, 10n ** 16n, 1),
  line('3', SHOP_B, TUSD, 5_000_000n, 1, 500),
  line('4', SHOP_A, TUSD, 1_000_000n, 3),
];

describe('groups', () => {
  it('puts the settlement token first, one group per token, lines in cart order', () => {
    const groups = groupByToken(cart, TUSD.toUpperCase().replace('0X', '0x'));
    expect(groups.map((g) => [g.token, g.inSettlementToken, g.lines.map((l) => l.listingId)])).toEqual([
      [TUSD, true, ['1', '3', '4']],
      [ETH, false, ['2']],
    ]);
  });

  it('groups lines by shop in the order shops first appear', () => {
    expect(groupByShop(cart).map((s) => [s.merchant, s.lines.map((l) => l.listingId)])).toEqual([
      [SHOP_A, ['1', '4']],
      [SHOP_B, ['2', '3']],
    ]);
  });
});

describe('points', () => {
  it('fills each line in turn and never more than its total', () => {
    expect(splitPoints(25n, [20n, 5n, 3n])).toEqual([20n, 5n, 0n]);
    expect(splitPoints(7n, [20n, 5n])).toEqual([7n, 0n]);
    expect(splitPoints(100n, [20n, 5n])).toEqual([20n, 5n]);
    expect(splitPoints(-5n, [20n])).toEqual([0n]);
  });

  it('spends points in the settlement token only, and sums the group', () => {
    const [tusd, eth] = groupByToken(cart, TUSD);
    expect(groupFigures(tusd, 22_000_000n)).toEqual({ total: 28_000_000n, points: 22_000_000n, cash: 6_000_000n, reward: 600_000n + 250_000n + 90_000n });
    expect(groupFigures(tusd, 99_000_000n)).toMatchObject({ points: 28_000_000n, cash: 0n });
    expect(groupFigures(eth, 5n)).toEqual({ total: 10n ** 16n, points: 0n, cash: 10n ** 16n, reward: 0n });
  });
});

describe('buildCheckoutLines', () => {
  const [tusd, eth] = groupByToken(cart, TUSD);
  const keys = new Map([
    [SHOP_A, `0x${'aa'.repeat(32)}`],
    [SHOP_B, `0x${'bb'.repeat(32)}`],
  ]);

  it('seals the shipping details once per shop, to that shop key', () => {
    const sealedTo: string[] = [];
    const sealed = sealPerShop(tusd.lines, keys, (key) => {
      sealedTo.push(key);
      return `0x${key.slice(2, 6)}` as Hex;
    });
    expect(sealedTo).toEqual([keys.get(SHOP_A), keys.get(SHOP_B)]);
    expect([...sealed]).toEqual([
      [SHOP_A, '0xaaaa'],
      [SHOP_B, '0xbbbb'],
    ]);
    expect(() => sealPerShop(tusd.lines, new Map([[SHOP_A, 'x']]), () => '0x')).toThrow(/no encryption key/);
  });

  it('carries each line accepted terms, its share of the points and its shop envelope', () => {
    const sealed = new Map<string, Hex>([
      [SHOP_A, '0xaa'],
      [SHOP_B, '0xbb'],
    ]);
    const lines = buildCheckoutLines(tusd, 22_000_000n, sealed);
    expect(lines.map((l) => [l.listingId, l.quantity, l.unitPrice, l.points, l.shippingInfo, l.shipWithin, l.rewardBps])).toEqual([
      [1n, 2, 10_000_000n, 20_000_000n, '0xaa', 259_200, 300],
      [3n, 1, 5_000_000n, 2_000_000n, '0xbb', 86_400, 500],
      [4n, 3, 1_000_000n, 0n, '0xaa', 259_200, 300],
    ]);
    expect(lines[0]).toMatchObject({ arbiter: ARBITER, autoReleaseWindow: 604_800, proof: '0x' });
    expect(buildCheckoutLines(eth, 5n, sealed)[0].points).toBe(0n);
    expect(() => buildCheckoutLines(tusd, 0n, new Map([[SHOP_A, '0xaa']]))).toThrow(/no shipping details/);
  });
});
