// Placing an order. ETH: one `buy` with the exact amount as value. Settlement token: one EIP-2612 signature and
// one `buyWithPermit`; an allowance that already covers the amount needs no signature; a token without permit
// gets `approve` then `buy`. A gated listing goes through `buyGated` / `buyGatedWithPermit` with the gate's
// proof (gate.ts). Everything the contract would refuse (sold out, paused, price changed, gate refused...) is
// caught by a simulation before the wallet is asked for anything.
import { type Address, type Hex, type PublicClient, type TransactionReceipt, erc20Abi, parseEventLogs, zeroHash } from 'viem';
import { attestationGateAbi, chainMartAbi } from '../contracts/generated/abi.ts';
import { describeError } from '../tx/errors.ts';
import { publicClient, requireWallet, write } from '../tx/write.ts';
import { settings } from '../config/settings.svelte.ts';
import { readBuyerBalances } from './balances.ts';
import { PERMIT_LIFETIME_SECONDS, permitStruct, permitTypedData, readPermitSupport } from './permit.ts';
import { type Purchase, type Shortfall, ZERO_ADDRESS } from './purchase.ts';

export type PayStep = 'checking' | 'signing' | 'approving' | 'sending';

export class ShortfallError extends Error {
  constructor(readonly shortfall: Shortfall) {
    super(`insufficient ${shortfall.kind}: need ${shortfall.needed}, have ${shortfall.balance}`);
    this.name = 'ShortfallError';
  }
}

/** The market's ABI with the attestation gate's errors, so a gate's refusal decodes to its custom error. */
const MARKET_WITH_GATE_ABI = [...chainMartAbi, ...attestationGateAbi.filter((item) => item.type === 'error')] as const;

export interface PlacedOrder {
  orderId: bigint;
  receipt: TransactionReceipt;
}

/** The id of the order a receipt placed (from its OrderPlaced event). */
export function placedOrderId(receipt: TransactionReceipt, market: Address): bigint {
  const [placed] = parseEventLogs({ abi: chainMartAbi, eventName: 'OrderPlaced', logs: receipt.logs }).filter(
    (log) => log.address.toLowerCase() === market.toLowerCase(),
  );
  if (!placed) throw new Error(`no OrderPlaced event in ${receipt.transactionHash}`);
  return placed.args.orderId;
}

/**
 * Simulates the order with an empty permit: the contract checks listing, stock, price, gate and points before
 * it looks at the permit, so anything but PermitInsufficient means the order would fail whatever is signed.
 */
async function preflightPermit(client: PublicClient, market: Address, buyer: Address, purchase: Purchase, proof: Hex | null): Promise<void> {
  const emptyPermit = { value: 0n, deadline: 0n, v: 0, r: zeroHash, s: zeroHash };
  try {
    if (proof) {
      await client.simulateContract({ address: market, abi: MARKET_WITH_GATE_ABI, functionName: 'buyGatedWithPermit', args: [purchase, emptyPermit, proof], account: buyer });
    } else {
      await client.simulateContract({ address: market, abi: chainMartAbi, functionName: 'buyWithPermit', args: [purchase, emptyPermit], account: buyer });
    }
  } catch (error) {
    const described = describeError(error);
    if (described.kind === 'revert' && described.name === 'PermitInsufficient') return;
    throw error;
  }
}

export async function placeOrder(
  /** `proof`: the listing gate's evidence (gate.ts), null for a listing without a gate. */
  input: { token: Address; purchase: Purchase; cash: bigint; label: string; proof?: Hex | null },
  onStep: (step: PayStep) => void = () => {},
): Promise<PlacedOrder> {
  const wallet = requireWallet();
  const buyer = wallet.account!.address;
  const client = publicClient();
  const { chainMart: market, points } = settings.site.contracts;
  const { token, purchase, cash, label } = input;
  const proof = input.proof ?? null;
  const sent = () => onStep('sending');

  onStep('checking');
  const balances = await readBuyerBalances(client, { token, buyer, points });
  if (purchase.points > balances.points) throw new ShortfallError({ kind: 'points', needed: purchase.points, balance: balances.points });
  if (cash > balances.cash) throw new ShortfallError({ kind: 'cash', needed: cash, balance: balances.cash });

  const buy = async () => {
    const value = token === ZERO_ADDRESS ? cash : 0n;
    const receipt = proof
      ? await write(label, { address: market, abi: MARKET_WITH_GATE_ABI, functionName: 'buyGated', args: [purchase, proof], value }, sent)
      : await write(label, { address: market, abi: chainMartAbi, functionName: 'buy', args: [purchase], value }, sent);
    return { orderId: placedOrderId(receipt, market), receipt };
  };
  if (token.toLowerCase() === ZERO_ADDRESS || cash === 0n) return buy();

  const allowance = await client.readContract({ address: token, abi: erc20Abi, functionName: 'allowance', args: [buyer, market] });
  if (allowance >= cash) return buy();

  const support = await readPermitSupport(client, token, buyer, settings.site.chainId);
  if (!support) {
    // Simulating `buy` now would fail on the allowance: check the order itself first, then approve.
    await preflightPermit(client, market, buyer, purchase, proof);
    onStep('approving');
    await write(`${label} (approve)`, { address: token, abi: erc20Abi, functionName: 'approve', args: [market, cash] });
    return buy();
  }

  await preflightPermit(client, market, buyer, purchase, proof);
  // The chain's clock, not the browser's: test chains and wrong system clocks would make the permit expire.
  const { timestamp } = await client.getBlock();
  const deadline = timestamp + PERMIT_LIFETIME_SECONDS;
  onStep('signing');
  const signature: Hex = await wallet.signTypedData({
    account: wallet.account!,
    ...permitTypedData({ domain: support.domain, owner: buyer, spender: market, value: cash, nonce: support.nonce, deadline }),
  });
  const permit = permitStruct(cash, deadline, signature);
  const receipt = proof
    ? await write(label, { address: market, abi: MARKET_WITH_GATE_ABI, functionName: 'buyGatedWithPermit', args: [purchase, permit, proof] }, sent)
    : await write(label, { address: market, abi: chainMartAbi, functionName: 'buyWithPermit', args: [purchase, permit] }, sent);
  return { orderId: placedOrderId(receipt, market), receipt };
}
