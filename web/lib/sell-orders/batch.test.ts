import { describe, expect, it } from 'vitest';
import { type Address, type Log, decodeFunctionData, encodeAbiParameters, encodeEventTopics, encodeFunctionData, pad, toHex } from 'viem';
import { chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { BatchError, type BatchCandidate, batchResult, buildShipments, entryProblems, prune, resultNotice, selectionProblems, shipBatchRequest, toggle, unshippable } from './batch.ts';

const escrow = '0x00000000000000000000000000000000000000e5' as Address;
const merchant = '0x00000000000000000000000000000000000000a1';

function candidate(id: string, overrides: Partial<BatchCandidate> = {}): BatchCandidate {
  return {
    id,
    buyer: { id: '0x00000000000000000000000000000000000000b1' },
    merchant: { id: merchant },
    token: '0x00000000000000000000000000000000000000c1',
    arbiter: '0x00000000000000000000000000000000000000d1',
    listingId: '7',
    quantity: '2',
    // 80 paid at checkout (70 cash + 10 points), 5 refunded since: the terms keep 80 and 10.
    amount: '75',
    pointsPaid: '10',
    originalAmount: '80',
    originalPointsPaid: '10',
    feeBps: 200,
    rewardBps: 100,
    autoReleaseWindow: '604800',
    placedAt: '1000',
    shipBy: '5000',
    shippedAt: '0',
    disputedAt: '0',
    status: 1,
    flags: 0,
    ...overrides,
  };
}

describe('unshippable', () => {
  it('offers only paid orders still within their ship-by time (a late one would revert the whole batch)', () => {
    expect(unshippable({ status: 1, shipBy: 5000 }, 5000)).toBeNull();
    expect(unshippable({ status: 1, shipBy: 5000 }, 5001)).toBe('late');
    expect(unshippable({ status: 2, shipBy: 5000 }, 0)).toBe('not-paid');
    expect(unshippable({ status: 3, shipBy: 5000 }, 0)).toBe('not-paid');
  });
});

describe('selection', () => {
  it('ticks and unticks, keeping the order of ticking; a new tick takes the last carrier typed', () => {
    let s = toggle(new Map(), '3');
    expect([...s]).toEqual([['3', { carrier: '', trackingRef: '' }]]);
    s.set('3', { carrier: 'SF Express', trackingRef: 'SF1' });
    s = toggle(s, '9');
    expect([...s.keys()]).toEqual(['3', '9']);
    expect(s.get('9')).toEqual({ carrier: 'SF Express', trackingRef: '' });
    s = toggle(s, '3');
    expect([...s.keys()]).toEqual(['9']);
  });

  it('does not change the selection it was given', () => {
    const before = new Map([['1', { carrier: 'EMS', trackingRef: 'E1' }]]);
    toggle(before, '2');
    toggle(before, '1');
    expect([...before.keys()]).toEqual(['1']);
  });

  it('drops orders that are no longer shippable or no longer listed', () => {
    const s = new Map([
      ['1', { carrier: 'EMS', trackingRef: 'E1' }],
      ['2', { carrier: 'EMS', trackingRef: 'E2' }],
      ['3', { carrier: 'EMS', trackingRef: 'E3' }],
      ['4', { carrier: 'EMS', trackingRef: 'E4' }],
    ]);
    const pruned = prune(s, [candidate('1'), candidate('2', { status: 3 }), candidate('3', { shipBy: '10' })], 4000);
    expect([...pruned.keys()]).toEqual(['1']);
  });
});

describe('entries', () => {
  it('needs a carrier and a tracking reference within the escrow limit of 128 bytes', () => {
    expect(entryProblems({ carrier: ' SF ', trackingRef: 'x' })).toEqual([]);
    expect(entryProblems({ carrier: '  ', trackingRef: '' })).toEqual(['carrier-empty', 'tracking-empty']);
    expect(entryProblems({ carrier: 'a'.repeat(128), trackingRef: 'b'.repeat(129) })).toEqual(['tracking-long']);
    // 43 Chinese characters are 129 bytes.
    expect(entryProblems({ carrier: '顺'.repeat(43), trackingRef: '1' })).toEqual(['carrier-long']);
    expect(entryProblems({ carrier: '顺'.repeat(42), trackingRef: '1' })).toEqual([]);
  });

  it('lists only the orders with problems', () => {
    const problems = selectionProblems(new Map([
      ['1', { carrier: 'EMS', trackingRef: 'E1' }],
      ['2', { carrier: 'EMS', trackingRef: '' }],
    ]));
    expect([...problems]).toEqual([['2', ['tracking-empty']]]);
  });
});

describe('buildShipments', () => {
  const selection = new Map([
    ['12', { carrier: ' SF Express ', trackingRef: ' SF12 ' }],
    ['10', { carrier: 'EMS', trackingRef: 'EMS10' }],
  ]);
  const candidates = [candidate('10', { placedAt: '900' }), candidate('11'), candidate('12')];

  it('gives each selected order, in ticking order, its checkout terms and its trimmed entry', () => {
    const shipments = buildShipments(selection, candidates);
    expect(shipments.map((s) => [s.orderId, s.carrier, s.trackingRef])).toEqual([
      [12n, 'SF Express', 'SF12'],
      [10n, 'EMS', 'EMS10'],
    ]);
    expect(shipments[0].terms).toEqual({
      buyer: '0x00000000000000000000000000000000000000b1',
      merchant,
      token: '0x00000000000000000000000000000000000000c1',
      arbiter: '0x00000000000000000000000000000000000000d1',
      listingId: 7n,
      quantity: 2,
      total: 80n,
      points: 10n,
      feeBps: 200,
      rewardBps: 100,
      autoReleaseWindow: 604800,
      placedAt: 1000,
      shipBy: 5000,
    });
    expect(shipments[1].terms.placedAt).toBe(900);
  });

  it('encodes shipBatch((uint256, OrderTerms, string, string)[]) on the escrow', () => {
    const shipments = buildShipments(selection, candidates);
    const request = shipBatchRequest(escrow, shipments);
    expect(request.address).toBe(escrow);
    const decoded = decodeFunctionData({ abi: chainMartEscrowAbi, data: encodeFunctionData(request) });
    expect(decoded.functionName).toBe('shipBatch');
    if (decoded.functionName !== 'shipBatch') return;
    const [encoded] = decoded.args;
    expect(encoded).toHaveLength(2);
    expect(encoded[0].orderId).toBe(12n);
    expect(encoded[0].carrier).toBe('SF Express');
    expect(encoded[0].trackingRef).toBe('SF12');
    expect(encoded[0].terms.total).toBe(80n);
    expect(encoded[0].terms.points).toBe(10n);
    expect(encoded[0].terms.buyer.toLowerCase()).toBe('0x00000000000000000000000000000000000000b1');
    expect(encoded[1].terms.placedAt).toBe(900);
  });

  it('refuses an empty selection, an order not in the list and an incomplete entry', () => {
    expect(() => buildShipments(new Map(), candidates)).toThrow(BatchError);
    expect(() => buildShipments(new Map([['99', { carrier: 'EMS', trackingRef: 'x' }]]), candidates)).toThrow(expect.objectContaining({ kind: 'unknown-order', orderId: '99' }));
    expect(() => buildShipments(new Map([['10', { carrier: 'EMS', trackingRef: ' ' }]]), candidates)).toThrow(expect.objectContaining({ kind: 'invalid-entry', orderId: '10' }));
  });
});

describe('batchResult and resultNotice', () => {
  const [topic] = encodeEventTopics({ abi: chainMartEscrowAbi, eventName: 'OrderShipped' });
  function shippedLog(orderId: bigint, address: Address = escrow): Log {
    return {
      address,
      topics: [topic, pad(toHex(orderId))],
      data: encodeAbiParameters([{ type: 'uint40' }, { type: 'string' }, { type: 'string' }], [4000, 'EMS', `E${orderId}`]),
      blockHash: null,
      blockNumber: null,
      logIndex: null,
      transactionHash: null,
      transactionIndex: null,
      removed: false,
    } as Log;
  }
  const batch = [{ orderId: 10n }, { orderId: 11n }, { orderId: 12n }];

  it('counts the OrderShipped logs of this escrow for the batch', () => {
    const result = batchResult(batch, [shippedLog(10n), shippedLog(12n), shippedLog(11n, '0x00000000000000000000000000000000000000f0')], escrow);
    expect(result).toEqual({ shipped: ['10', '12'], skipped: ['11'] });
  });

  it('says all shipped, or how many of how many and which were skipped', () => {
    expect(resultNotice(batchResult(batch, batch.map((b) => shippedLog(b.orderId)), escrow))).toEqual({ tone: 'success', shipped: 3 });
    expect(resultNotice(batchResult(batch, [shippedLog(12n)], escrow))).toEqual({ tone: 'warn', shipped: 1, selected: 3, skipped: ['10', '11'] });
    expect(resultNotice(batchResult(batch, [], escrow))).toEqual({ tone: 'warn', shipped: 0, selected: 3, skipped: ['10', '11', '12'] });
  });
});
