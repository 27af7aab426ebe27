import { describe, expect, it } from 'vitest';
import { Status } from '../chain/order.ts';
import { nextAction, parseTab, partlyRefunded, refundDestination, refundedCash, tabCounts, tabsOf } from './tabs.ts';

const order = (status: (typeof Status)[number], flags = 0, events: string[] = []) => ({
  status: Status.indexOf(status),
  flags,
  events: events.map((__typename) => ({ __typename })),
});

describe('order tabs', () => {
  it('maps statuses to the shoppers tabs', () => {
    expect(tabsOf(order('Paid'))).toEqual(['all', 'to-ship']);
    expect(tabsOf(order('Shipped'))).toEqual(['all', 'to-receive']);
    expect(tabsOf(order('Completed'))).toEqual(['all', 'to-review']);
    expect(tabsOf(order('Completed', 1))).toEqual(['all']);
    expect(tabsOf(order('Resolved'))).toEqual(['all', 'to-review', 'refunds']);
    expect(tabsOf(order('Resolved', 1))).toEqual(['all', 'refunds']);
    for (const s of ['Refunded', 'Cancelled', 'Disputed'] as const) expect(tabsOf(order(s))).toEqual(['all', 'refunds']);
  });

  it('shows a partly refunded order under refunds and where it still is', () => {
    const partial = order('Shipped', 0, ['OrderPlacedEvent', 'OrderRefundedEvent']);
    expect(partlyRefunded(partial)).toBe(true);
    expect(partlyRefunded(order('Refunded', 0, ['OrderRefundedEvent']))).toBe(false);
    expect(tabsOf(partial)).toEqual(['all', 'to-receive', 'refunds']);
  });

  it('counts and filters', () => {
    const orders = [order('Paid'), order('Paid'), order('Shipped'), order('Completed'), order('Refunded'), order('Completed', 1)];
    expect(tabCounts(orders)).toEqual({ all: 6, 'to-ship': 2, 'to-receive': 1, 'to-review': 1, refunds: 1 });
    expect(orders.filter((o) => tabsOf(o).includes('to-ship'))).toHaveLength(2);
  });

  it('reads the tab from the link, defaulting to all', () => {
    expect(parseTab('to-review')).toBe('to-review');
    expect(parseTab('nope')).toBe('all');
    expect(parseTab(null)).toBe('all');
  });

  it('picks the next action of a row', () => {
    expect(nextAction(order('Shipped'))).toBe('confirm');
    expect(nextAction(order('Completed'))).toBe('review');
    expect(nextAction(order('Completed', 1))).toBe('view');
    expect(nextAction(order('Disputed'))).toBe('dispute');
    expect(nextAction(order('Cancelled'))).toBe('refund');
    expect(nextAction(order('Paid'))).toBe('view');
    expect(nextAction(order('Paid', 0, ['OrderRefundedEvent']))).toBe('refund');
  });

  it('sums what came back and says where it is', () => {
    const events = [
      { __typename: 'OrderRefundedEvent', cash: '5' },
      { __typename: 'OrderCancelledEvent', cash: '10' },
      { __typename: 'DisputeResolvedEvent', buyerCash: '7' },
      { __typename: 'OrderPlacedEvent', amount: '99' },
    ];
    expect(refundedCash(events)).toBe(22n);
    expect(refundDestination(0n)).toBe('wallet');
    expect(refundDestination('0')).toBe('wallet');
    expect(refundDestination('7')).toBe('credit');
  });
});
