// placeCart's choreography with the wallet and the chain replaced: which prompts a buyer sees, in which order,
// for each kind of wallet and cart, and what happens when the wallet refuses or the batch fails.
import { type Abi, type Address, BaseError, ContractFunctionRevertedError, type Hex, encodeAbiParameters, encodeEventTopics } from 'viem';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import type { Call } from '../tx/calls.ts';
import { WriteError } from '../tx/write-error.ts';
import type { CartLine } from './purchase.ts';

const BUYER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const TUSD = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const CONTRACTS = {
  escrow: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  points: '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0',
  approvalCollector: '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9',
  permitCollector: '0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9',
  erc3009Collector: '0x5FC8d32690cc91D4c39d9d3abcBD16989F875707',
} as const;

const h = vi.hoisted(() => ({
  reads: {} as Record<string, unknown>,
  simulate: null as null | ((args: { args: readonly unknown[] }) => Promise<unknown>),
  atomic: false,
  paymasterService: false,
  paymaster: null as null | { capabilities: unknown; calls: Call[] },
  batchCapabilities: [] as unknown[],
  writes: [] as { label: string; functionName: string; args: readonly unknown[]; value?: bigint }[],
  batches: [] as Call[][],
  sendCalls: null as null | ((calls: readonly Call[]) => Promise<unknown>),
  signTypedData: vi.fn(async () => `0x${'11'.repeat(64)}1b` as const),
  forgetBatching: vi.fn(),
  capabilityAsks: 0,
  receiptFor: null as null | (() => unknown),
  smart: undefined as undefined | { address: string },
  userOps: [] as Call[][],
  userOp: null as null | (() => Promise<unknown>),
}));

vi.mock('../config/settings.svelte.ts', () => ({ settings: { site: { chainId: 31337, chainName: 'Local', contracts: CONTRACTS } } }));
vi.mock('../tx/write.ts', async () => {
  const { WriteError } = await import('../tx/write-error.ts');
  const client = {
    readContract: async ({ functionName }: { functionName: string }) => {
      if (!(functionName in h.reads)) throw new Error(`execution reverted: ${functionName}`);
      return h.reads[functionName];
    },
    simulateContract: async (request: { args: readonly unknown[] }) => h.simulate?.(request),
    getBlock: async () => ({ timestamp: 1_000n }),
    getBalance: async () => 100n,
  };
  return {
    WriteError,
    publicClient: () => client,
    requireWallet: () => ({ account: { address: BUYER }, signTypedData: h.signTypedData }),
    requireConnection: () => ({ account: { address: BUYER }, signTypedData: h.signTypedData }),
    write: async (label: string, request: { functionName: string; args: readonly unknown[]; value?: bigint }) => {
      h.writes.push({ label, functionName: request.functionName, args: request.args, value: request.value });
      return h.receiptFor!();
    },
    smartAccount: async () => h.smart,
    userOperationOrDirect: async (_label: string, _smart: unknown, calls: readonly Call[], onSent?: () => void) => {
      h.userOps.push([...calls]);
      const result = await h.userOp!();
      if (result) onSent?.();
      return result;
    },
    walletCapabilities: async () => {
      h.capabilityAsks++;
      return { atomic: h.atomic, paymasterService: h.paymasterService };
    },
    walletPaymaster: async (capabilities: { paymasterService: boolean }) => (capabilities.paymasterService ? h.paymaster : null),
    forgetBatching: h.forgetBatching,
    sendCallsAtomically: async (_label: string, calls: readonly Call[], onSent?: () => void, capabilities?: unknown) => {
      h.batches.push([...calls]);
      h.batchCapabilities.push(capabilities);
      const result = await h.sendCalls!(calls);
      onSent?.();
      return result;
    },
  };
});

const { placeCart } = await import('./pay.ts');

function orderPlacedLog(orderId: bigint) {
  const event = (chainMartEscrowAbi as Abi).find((item) => item.type === 'event' && item.name === 'OrderPlaced') as Extract<Abi[number], { type: 'event' }>;
  const terms = { buyer: BUYER, merchant: BUYER, token: TUSD, arbiter: BUYER, listingId: 1n, quantity: 1, total: 5n, points: 0n, feeBps: 0, rewardBps: 0, autoReleaseWindow: 0, placedAt: 0, shipBy: 0 };
  return {
    address: CONTRACTS.escrow.toLowerCase() as Address,
    topics: encodeEventTopics({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', args: { orderId, buyer: BUYER, merchant: BUYER } }) as Hex[],
    data: encodeAbiParameters(event.inputs.filter((input) => !input.indexed), [terms, '0x']),
  };
}
const receipt = (...orderIds: bigint[]) => ({ transactionHash: '0xabc', status: 'success', logs: orderIds.map(orderPlacedLog) });

function line(points = 0n): CartLine {
  return { listingId: 1n, quantity: 1, unitPrice: 5n, shipWithin: 86_400, arbiter: BUYER, rewardBps: 0, autoReleaseWindow: 604_800, points, shippingInfo: '0x01', proof: '0x' };
}
const two = () => [line(), line()];
/** The escrow's answer to the preflight without an allowance: only the collector's complaint. */
const allowanceInsufficient = async () => {
  const revert = Object.assign(new ContractFunctionRevertedError({ abi: [], functionName: 'checkout' }), { data: { errorName: 'AllowanceInsufficient', args: [] } });
  throw new BaseError('reverted', { cause: revert });
};

beforeEach(() => {
  h.reads = { balanceOf: 100n, allowance: 0n, nonces: 0n, DOMAIN_SEPARATOR: `0x${'22'.repeat(32)}`, eip712Domain: ['0x0f', 'Test USD', '1', 31337n, TUSD, `0x${'00'.repeat(32)}`, []] };
  h.simulate = allowanceInsufficient;
  h.atomic = false;
  h.paymasterService = false;
  h.paymaster = null;
  h.batchCapabilities = [];
  h.writes = [];
  h.batches = [];
  h.capabilityAsks = 0;
  h.sendCalls = async () => ({ logs: receipt(7n, 8n).logs, receipt: receipt(7n, 8n) });
  h.receiptFor = () => receipt(7n, 8n);
  h.signTypedData.mockClear();
  h.forgetBatching.mockClear();
  h.smart = undefined;
  h.userOps = [];
  h.userOp = async () => ({ logs: receipt(7n, 8n).logs, receipt: receipt(7n, 8n), userOpHash: '0xop' });
});

const pay = (lines = two(), token: Address = TUSD) => placeCart({ token, lines, label: 'cart' });

describe('placeCart with a smart account (user operation, gas in the stablecoin)', () => {
  it('sends approve + checkout as ONE user operation: no signature, no transaction, no batch', async () => {
    h.smart = { address: BUYER };
    const steps: string[] = [];
    const placed = await placeCart({ token: TUSD, lines: two(), label: 'cart' }, (step) => steps.push(step));
    expect(placed.orderIds).toEqual([7n, 8n]);
    expect(h.userOps).toHaveLength(1);
    expect(h.userOps[0].map((call) => call.to)).toEqual([TUSD, CONTRACTS.escrow]);
    expect(h.writes).toEqual([]);
    expect(h.batches).toEqual([]);
    expect(h.signTypedData).not.toHaveBeenCalled();
    expect(steps).toEqual(['checking', 'batching', 'sending']);
  });

  it('an ETH cart carries the cash as the operation value, without a collector', async () => {
    h.smart = { address: BUYER };
    h.simulate = async () => ({});
    await pay(two(), '0x0000000000000000000000000000000000000000');
    expect(h.userOps).toHaveLength(1);
    expect(h.userOps[0]).toHaveLength(1);
    expect(h.userOps[0][0].value).toBe(10n);
  });

  it('a line the escrow refuses is named by the simulation before any operation is sent', async () => {
    h.smart = { address: BUYER };
    h.simulate = async () => {
      const revert = Object.assign(new ContractFunctionRevertedError({ abi: [], functionName: 'checkout' }), { data: { errorName: 'OutOfStock', args: [] } });
      throw new BaseError('reverted', { cause: revert });
    };
    await expect(pay()).rejects.toBeInstanceOf(BaseError);
    expect(h.userOps).toEqual([]);
  });

  it('a dead bundler with ETH to pay gas: the usual path (permit + checkout) instead', async () => {
    h.smart = { address: BUYER };
    h.userOp = async () => null;
    const placed = await pay();
    expect(placed.orderIds).toEqual([7n, 8n]);
    expect(h.userOps).toHaveLength(1);
    expect(h.writes.map((w) => w.functionName)).toEqual(['checkout']);
  });

  it('a refusing paymaster: its error, nothing written', async () => {
    h.smart = { address: BUYER };
    const refused = new Error('paymaster refused');
    h.userOp = async () => Promise.reject(refused);
    await expect(pay()).rejects.toBe(refused);
    expect(h.writes).toEqual([]);
    expect(h.signTypedData).not.toHaveBeenCalled();
  });
});

describe('placeCart with a wallet that batches atomically', () => {
  it('pays a token cart as ONE batch (approve + checkout): no signature, no separate transaction', async () => {
    h.atomic = true;
    const steps: string[] = [];
    const placed = await placeCart({ token: TUSD, lines: two(), label: 'cart' }, (step) => steps.push(step));
    expect(placed.orderIds).toEqual([7n, 8n]);
    expect(h.batches).toHaveLength(1);
    expect(h.batches[0].map((call) => call.to)).toEqual([TUSD, CONTRACTS.escrow]);
    expect(h.signTypedData).not.toHaveBeenCalled();
    expect(h.writes).toEqual([]);
    expect(steps).toEqual(['checking', 'batching', 'sending']);
  });

  it('no paymasterService capability: the batch names no paymaster', async () => {
    h.atomic = true;
    h.paymaster = { capabilities: { paymasterService: { url: 'http://pm' } }, calls: [] };
    await pay();
    expect(h.batchCapabilities).toEqual([undefined]);
  });

  it('a wallet with ERC-7677 paymasterService gets the paymaster url in wallet_sendCalls, and the paymaster approval last in the batch', async () => {
    h.atomic = true;
    h.paymasterService = true;
    const PAYMASTER_APPROVAL = { to: TUSD, data: '0x095ea7b3' } as Call;
    h.paymaster = { capabilities: { paymasterService: { url: 'http://127.0.0.1:4338', context: { token: TUSD } } }, calls: [PAYMASTER_APPROVAL] };
    const placed = await pay();
    expect(placed.orderIds).toEqual([7n, 8n]);
    expect(h.batchCapabilities).toEqual([{ paymasterService: { url: 'http://127.0.0.1:4338', context: { token: TUSD } } }]);
    expect(h.batches[0].map((call) => call.to)).toEqual([TUSD, CONTRACTS.escrow, TUSD]);
    expect(h.batches[0][2]).toBe(PAYMASTER_APPROVAL);
    expect(h.signTypedData).not.toHaveBeenCalled();
    expect(h.writes).toEqual([]);
  });

  it('a wallet that claims batching and then refuses it (5760) falls back to the permit, and is not offered a batch again', async () => {
    h.atomic = true;
    h.sendCalls = async () => Promise.reject(Object.assign(new Error('atomicity not supported'), { code: 5760 }));
    const placed = await pay();
    expect(placed.orderIds).toEqual([7n, 8n]);
    expect(h.forgetBatching).toHaveBeenCalledTimes(1);
    expect(h.signTypedData).toHaveBeenCalledTimes(1);
    expect(h.writes.map((w) => [w.functionName, (w.args[1] as { collector: Address }).collector])).toEqual([['checkout', CONTRACTS.permitCollector]]);
  });

  it('a rejected batch (4001) asks for nothing else and loses nothing', async () => {
    h.atomic = true;
    const rejection = Object.assign(new Error('User rejected the request.'), { code: 4001 });
    h.sendCalls = async () => Promise.reject(rejection);
    await expect(pay()).rejects.toBe(rejection);
    expect(h.signTypedData).not.toHaveBeenCalled();
    expect(h.writes).toEqual([]);
    expect(h.forgetBatching).not.toHaveBeenCalled();
  });

  it('a reverted batch is simulated again so the reason is named; without one it stays "reverted"', async () => {
    h.atomic = true;
    h.sendCalls = async () => {
      // Meanwhile the line sold out: the second simulation says so.
      h.simulate = async () => Promise.reject(new Error('OutOfStock'));
      throw new WriteError('the batch reverted', 'reverted');
    };
    await expect(pay()).rejects.toThrow('OutOfStock');
    h.simulate = allowanceInsufficient;
    h.sendCalls = async () => Promise.reject(new WriteError('the batch reverted', 'reverted'));
    await expect(pay()).rejects.toMatchObject({ kind: 'reverted' });
    h.sendCalls = async () => Promise.reject(new WriteError('never sent', 'batch-failed'));
    await expect(pay()).rejects.toMatchObject({ kind: 'batch-failed' });
    expect(h.writes).toEqual([]);
    expect(h.signTypedData).not.toHaveBeenCalled();
  });

  it('asks nothing when the preflight finds the cart would fail', async () => {
    h.atomic = true;
    h.simulate = async () => Promise.reject(new Error('ListingIsPaused'));
    await expect(pay()).rejects.toThrow('ListingIsPaused');
    expect(h.batches).toEqual([]);
  });

  it('ETH and points-only carts are one plain checkout, without asking the wallet what it can do', async () => {
    h.atomic = true;
    await pay(two(), '0x0000000000000000000000000000000000000000');
    expect(h.writes.map((w) => [w.functionName, w.value])).toEqual([['checkout', 10n]]);
    await pay([line(5n)]);
    expect(h.writes.map((w) => [w.functionName, w.value])).toEqual([['checkout', 10n], ['checkout', 0n]]);
    expect(h.batches).toEqual([]);
    expect(h.capabilityAsks).toBe(0);
  });

  it('an allowance that already covers the cash is one checkout through the ApprovalCollector', async () => {
    h.atomic = true;
    h.reads.allowance = 10n;
    await pay();
    expect(h.batches).toEqual([]);
    expect(h.writes.map((w) => (w.args[1] as { collector: Address }).collector)).toEqual([CONTRACTS.approvalCollector]);
  });
});

describe('placeCart with a plain wallet', () => {
  it('signs a permit and sends one checkout', async () => {
    const placed = await pay();
    expect(placed.orderIds).toEqual([7n, 8n]);
    expect(h.batches).toEqual([]);
    expect(h.signTypedData).toHaveBeenCalledTimes(1);
    expect(h.writes.map((w) => (w.args[1] as { collector: Address }).collector)).toEqual([CONTRACTS.permitCollector]);
  });

  it('a token with neither permit nor ERC-3009 is approved, then checked out (two transactions)', async () => {
    delete h.reads.nonces;
    const placed = await pay();
    expect(placed.orderIds).toEqual([7n, 8n]);
    expect(h.writes.map((w) => w.functionName)).toEqual(['approve', 'checkout']);
  });
});
