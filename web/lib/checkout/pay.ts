// Placing orders: a cart (one line from the checkout page, many from the cart page) through
// `ChainMartEscrow.checkout`, paid in one of five ways (batch.ts paymentRoute decides).
// ETH: the exact cash as value, no collector. A line paid fully in points: no collector either. Settlement
// token: a wallet that batches atomically (EIP-5792) confirms `approve(ApprovalCollector)` + `checkout` once;
// otherwise one EIP-2612 signature to the PermitCollector, or (a token without permit) one ERC-3009
// `ReceiveWithAuthorization` to the Erc3009Collector; an allowance to the ApprovalCollector that already
// covers the cash needs no signature; a token with neither (or a wallet that cannot sign typed data) gets
// `approve(ApprovalCollector)` then `checkout`. Everything the escrow would refuse (sold out, paused, terms
// changed, gate refused...) is caught by a simulation before the wallet is asked for anything.
import { type Address, type Hex, type Log, type PublicClient, type TransactionReceipt, encodeFunctionData, erc20Abi, parseEventLogs } from 'viem';
import { chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { CHECKOUT_ABI } from './abi.ts';
import { approveAndCheckoutCalls, paymentRoute } from './batch.ts';
import { type CallLog, isBatchUnsupported } from '../tx/calls.ts';
import { NO_CAPABILITIES, type WalletCapabilities } from '../wallet/capabilities.ts';
import { describeError, isUnsupportedMethod } from '../tx/errors.ts';
import {
  WriteError,
  forgetBatching,
  publicClient,
  requireConnection,
  requireWallet,
  sendCallsAtomically,
  smartAccount,
  userOperationOrDirect,
  walletCapabilities,
  walletPaymaster,
  write,
} from '../tx/write.ts';
import { settings } from '../config/settings.svelte.ts';
import { readBuyerBalances } from './balances.ts';
import {
  PERMIT_LIFETIME_SECONDS,
  erc3009PaymentData,
  permitPaymentData,
  permitTypedData,
  randomNonce,
  readErc3009Support,
  readPermitSupport,
  receiveAuthorizationTypedData,
} from './permit.ts';
import { type Cart, type CartLine, type Shortfall, ZERO_ADDRESS, cartCash } from './purchase.ts';

export type PayStep = 'checking' | 'batching' | 'signing' | 'approving' | 'sending';

export class ShortfallError extends Error {
  constructor(readonly shortfall: Shortfall) {
    super(`insufficient ${shortfall.kind}: need ${shortfall.needed}, have ${shortfall.balance}`);
    this.name = 'ShortfallError';
  }
}

/** IChainMartEscrow's `Payment`. */
export interface Payment {
  collector: Address;
  data: Hex;
}

/** ETH (the value is the payment) and carts paid fully in points. */
export const NO_COLLECTOR: Payment = { collector: ZERO_ADDRESS, data: '0x' };

export interface PlacedOrder {
  orderId: bigint;
  receipt: TransactionReceipt;
}

export interface PlacedCart {
  /** One order per line, in the cart's order (consecutive ids from CartCheckedOut.firstOrderId). */
  orderIds: bigint[];
  receipt: TransactionReceipt;
}

/** The ids of the orders a checkout receipt placed, one per line, from its OrderPlaced events. */
export function placedOrderIds(receipt: TransactionReceipt, escrow: Address): bigint[] {
  return placedOrderIdsIn(receipt.logs, escrow, receipt.transactionHash);
}

/** The same from any logs: a batch's receipts, which the wallet reports in its own format. */
export function placedOrderIdsIn(logs: readonly (Log | CallLog)[], escrow: Address, where: string): bigint[] {
  // Decoding needs only topics and data; a wallet's receipt logs have no block or index fields.
  const ours = logs.filter((log) => log.address.toLowerCase() === escrow.toLowerCase()) as Log[];
  const placed = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: ours });
  if (!placed.length) throw new Error(`no OrderPlaced event in ${where}`);
  return placed.map((event) => event.args.orderId);
}

/** The id of the first order a checkout receipt placed. */
export function placedOrderId(receipt: TransactionReceipt, escrow: Address): bigint {
  return placedOrderIds(receipt, escrow)[0];
}

/**
 * Simulates the checkout through the ApprovalCollector without the allowance: the escrow checks every line
 * (listing, stock, terms, gate, points) before it collects, so anything but the collector's
 * AllowanceInsufficient means the order would fail whatever is signed or approved.
 */
async function preflight(client: PublicClient, escrow: Address, buyer: Address, cart: Cart, viaApproval: Payment): Promise<void> {
  try {
    await client.simulateContract({ address: escrow, abi: CHECKOUT_ABI, functionName: 'checkout', args: [cart, viaApproval], account: buyer });
  } catch (error) {
    const described = describeError(error);
    if (described.kind === 'revert' && described.name === 'AllowanceInsufficient') return;
    throw error;
  }
}

/**
 * A signed payment for `cash` of `token`: a permit to the PermitCollector, else an ERC-3009 authorization to the
 * Erc3009Collector; null when the token supports neither or the wallet cannot sign typed data (a rejection is
 * not that: it propagates, and nothing is sent).
 */
async function signedPayment(client: PublicClient, token: Address, cash: bigint, onSigning: () => void): Promise<Payment | null> {
  const wallet = requireWallet();
  const buyer = wallet.account!.address;
  const { chainId, contracts } = settings.site;
  // The chain's clock, not the browser's: test chains and wrong system clocks would make the signature expire.
  const validBefore = async () => (await client.getBlock()).timestamp + PERMIT_LIFETIME_SECONDS;
  const sign = async (typed: Parameters<typeof wallet.signTypedData>[0]): Promise<Hex | null> => {
    onSigning();
    try {
      return await wallet.signTypedData(typed);
    } catch (error) {
      if (isUnsupportedMethod(error)) return null;
      throw error;
    }
  };

  const permit = await readPermitSupport(client, token, buyer, chainId);
  if (permit) {
    const deadline = await validBefore();
    const typed = permitTypedData({ domain: permit.domain, owner: buyer, spender: contracts.permitCollector, value: cash, nonce: permit.nonce, deadline });
    const signature = await sign({ account: wallet.account!, ...typed });
    return signature && { collector: contracts.permitCollector, data: permitPaymentData(cash, deadline, signature) };
  }
  const domain = await readErc3009Support(client, token, chainId);
  if (domain) {
    const auth = { from: buyer, to: contracts.erc3009Collector, value: cash, validAfter: 0n, validBefore: await validBefore(), nonce: randomNonce() };
    const signature = await sign({ account: wallet.account!, ...receiveAuthorizationTypedData(domain, auth) });
    return signature && { collector: contracts.erc3009Collector, data: erc3009PaymentData(auth, signature) };
  }
  return null;
}

/** A one-line cart: the checkout page's order. */
export async function placeOrder(
  /** `line`: the cart line built from what the page showed (purchase.ts buildCartLine), gate proof included. */
  input: { token: Address; line: CartLine; label: string },
  onStep: (step: PayStep) => void = () => {},
): Promise<PlacedOrder> {
  const { orderIds, receipt } = await placeCart({ token: input.token, lines: [input.line], label: input.label }, onStep);
  return { orderId: orderIds[0], receipt };
}

/** One checkout for lines paid in `token`: one batch confirmation, or at most one signature (or one approval) and one checkout transaction. */
export async function placeCart(
  input: { token: Address; lines: CartLine[]; label: string },
  onStep: (step: PayStep) => void = () => {},
): Promise<PlacedCart> {
  const wallet = requireConnection();
  const smart = await smartAccount();
  if (!wallet && !smart) throw new WriteError('connect a wallet first', 'no-wallet');
  const buyer = smart?.address ?? wallet!.account!.address;
  const client = publicClient();
  const { escrow, points, approvalCollector } = settings.site.contracts;
  const { token, lines, label } = input;
  const cart: Cart = { token, lines };
  const cash = cartCash(lines);
  const pointsSpent = lines.reduce((sum, line) => sum + line.points, 0n);
  const sent = () => onStep('sending');

  onStep('checking');
  const balances = await readBuyerBalances(client, { token, buyer, points });
  if (pointsSpent > balances.points) throw new ShortfallError({ kind: 'points', needed: pointsSpent, balance: balances.points });
  if (cash > balances.cash) throw new ShortfallError({ kind: 'cash', needed: cash, balance: balances.cash });

  const viaApproval: Payment = { collector: approvalCollector, data: '0x' };
  const isEth = token.toLowerCase() === ZERO_ADDRESS;
  if (smart) {
    const placed = await userOperationCheckout(client, { smart, escrow, buyer, cart, cash, isEth, approvalCollector, label }, onStep);
    if (placed) return placed;
  }

  const checkout = async (payment: Payment, value = 0n) => {
    const receipt = await write(label, { address: escrow, abi: CHECKOUT_ABI, functionName: 'checkout', args: [cart, payment], value }, sent);
    return { orderIds: placedOrderIds(receipt, escrow), receipt };
  };
  const needsCollector = !isEth && cash > 0n;
  // Asked together: the allowance on chain, and whether the wallet batches (a wallet that does not know the
  // method answers at once; one that never answers is given up on after a few seconds).
  const [allowance, capabilities] = needsCollector
    ? await Promise.all([client.readContract({ address: token, abi: erc20Abi, functionName: 'allowance', args: [buyer, approvalCollector] }), walletCapabilities()])
    : ([0n, NO_CAPABILITIES] as const);
  const route = paymentRoute({ token, cash, allowance, atomicBatching: capabilities.atomic });
  if (route === 'eth') return checkout(NO_COLLECTOR, cash);
  if (route === 'points') return checkout(NO_COLLECTOR);
  if (route === 'allowance') return checkout(viaApproval);

  await preflight(client, escrow, buyer, cart, viaApproval);
  if (route === 'batch') {
    const batched = await batchedCheckout(client, { escrow, buyer, cart, cash, approvalCollector, label, capabilities }, onStep);
    if (batched) return batched;
  }
  const signed = await signedPayment(client, token, cash, () => onStep('signing'));
  if (signed) return checkout(signed);

  onStep('approving');
  await write(`${label} (approve)`, { address: token, abi: erc20Abi, functionName: 'approve', args: [approvalCollector, cash] });
  return checkout(viaApproval);
}

/**
 * approve + checkout as one atomic batch (one confirmation). Null when the wallet, for all it claimed, cannot
 * batch: the caller pays another way and this wallet is not offered a batch again. A batch that reverted is
 * simulated once more, so a line that sold out meanwhile is named instead of a bare "reverted".
 */
async function batchedCheckout(
  client: PublicClient,
  input: { escrow: Address; buyer: Address; cart: Cart; cash: bigint; approvalCollector: Address; label: string; capabilities: WalletCapabilities },
  onStep: (step: PayStep) => void,
): Promise<PlacedCart | null> {
  const { escrow, buyer, cart, cash, approvalCollector, label } = input;
  // ERC-7677: a wallet that takes a paymaster service gets ours (gas in the stablecoin) and its approval, last.
  const paymaster = await walletPaymaster(input.capabilities);
  const calls = [...approveAndCheckoutCalls({ cart, cash, escrow, approvalCollector }), ...(paymaster?.calls ?? [])];
  onStep('batching');
  try {
    const { logs, receipt } = await sendCallsAtomically(label, calls, () => onStep('sending'), paymaster?.capabilities);
    return { orderIds: placedOrderIdsIn(logs, escrow, `the batch ending in ${receipt.transactionHash}`), receipt };
  } catch (error) {
    if (isBatchUnsupported(error)) {
      forgetBatching();
      return null;
    }
    if (error instanceof WriteError && error.kind === 'reverted') await preflight(client, escrow, buyer, cart, { collector: approvalCollector, data: '0x' });
    throw error;
  }
}

/**
 * The whole checkout as ONE user operation of the smart account (gas paid in the stablecoin): approve +
 * checkout for a token cart, the checkout with its value for ETH, the checkout alone for points. Simulated
 * first, so a line the escrow would refuse is named before anything is signed. Null when the bundler does not
 * answer and the wallet can pay gas itself: the caller pays the usual way.
 */
async function userOperationCheckout(
  client: PublicClient,
  input: { smart: NonNullable<Awaited<ReturnType<typeof smartAccount>>>; escrow: Address; buyer: Address; cart: Cart; cash: bigint; isEth: boolean; approvalCollector: Address; label: string },
  onStep: (step: PayStep) => void,
): Promise<PlacedCart | null> {
  const { smart, escrow, buyer, cart, cash, isEth, approvalCollector, label } = input;
  const checkoutCall = (payment: Payment, value?: bigint) => ({
    to: escrow,
    data: encodeFunctionData({ abi: CHECKOUT_ABI, functionName: 'checkout', args: [cart, payment] }),
    ...(value ? { value } : {}),
  });
  let calls;
  if (isEth || cash === 0n) {
    const value = isEth ? cash : 0n;
    await client.simulateContract({ address: escrow, abi: CHECKOUT_ABI, functionName: 'checkout', args: [cart, NO_COLLECTOR], value, account: buyer });
    calls = [checkoutCall(NO_COLLECTOR, value)];
  } else {
    await preflight(client, escrow, buyer, cart, { collector: approvalCollector, data: '0x' });
    calls = approveAndCheckoutCalls({ cart, cash, escrow, approvalCollector });
  }
  onStep('batching');
  const sent = await userOperationOrDirect(label, smart, calls, () => onStep('sending'));
  if (!sent) return null;
  return { orderIds: placedOrderIdsIn(sent.logs, escrow, `the user operation ${sent.userOpHash}`), receipt: sent.receipt };
}
