// How a checkout is paid, decided before the wallet is asked anything, and the calls of the one-confirmation
// way: a wallet that batches atomically (EIP-5792) gets `approve(ApprovalCollector, cash)` and
// `checkout(cart, ApprovalCollector)` as one list of calls; every other wallet signs a permit or an ERC-3009
// authorization (or approves first, see pay.ts).
import { type Address, encodeFunctionData, erc20Abi } from 'viem';
import type { Call } from '../tx/calls.ts';
import { CHECKOUT_ABI } from './abi.ts';
import type { Cart } from './purchase.ts';
import { ZERO_ADDRESS } from './purchase.ts';

export type PaymentRoute =
  /** ETH: the cash is the transaction's value. */
  | 'eth'
  /** Paid fully in points: nothing to collect. */
  | 'points'
  /** The ApprovalCollector's allowance already covers the cash: one checkout. */
  | 'allowance'
  /** approve + checkout in one atomic wallet_sendCalls. */
  | 'batch'
  /** A permit or ERC-3009 signature, then the checkout (approve + checkout when the token has neither). */
  | 'signature';

export function paymentRoute(input: { token: Address; cash: bigint; allowance: bigint; atomicBatching: boolean }): PaymentRoute {
  if (input.token.toLowerCase() === ZERO_ADDRESS) return 'eth';
  if (input.cash === 0n) return 'points';
  if (input.allowance >= input.cash) return 'allowance';
  return input.atomicBatching ? 'batch' : 'signature';
}

/** The batch: approve exactly the cash to the ApprovalCollector, then the checkout that it collects. */
export function approveAndCheckoutCalls(input: { cart: Cart; cash: bigint; escrow: Address; approvalCollector: Address }): Call[] {
  const { cart, cash, escrow, approvalCollector } = input;
  return [
    { to: cart.token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [approvalCollector, cash] }) },
    { to: escrow, data: encodeFunctionData({ abi: CHECKOUT_ABI, functionName: 'checkout', args: [cart, { collector: approvalCollector, data: '0x' }] }) },
  ];
}
