// How a cart's cash reaches the escrow (`ChainMartEscrow.checkout(cart, payment)`), for the seed and the browser
// tests' Node-side helpers: ETH as msg.value; the settlement token through a collector after a prior approval,
// with an EIP-2612 permit signed for the PermitCollector, or with an ERC-3009 `ReceiveWithAuthorization` to the
// Erc3009Collector. Also the EasGate proof and the data hash of the platform's bool schemas.
import {
  type Address,
  type Hex,
  type LocalAccount,
  type PublicClient,
  encodeAbiParameters,
  keccak256,
  parseSignature,
  zeroAddress,
} from 'viem';
import { testUsdcAbi } from '../../web/lib/contracts/generated/abi.ts';

export type PaymentMethod = 'approval' | 'permit' | 'erc3009' | 'eth';

/** `IChainMartEscrow.CartLine`: what to buy and the terms the buyer was shown. */
export interface CartLine {
  listingId: bigint;
  quantity: number;
  unitPrice: bigint;
  shipWithin: number;
  arbiter: Address;
  rewardBps: number;
  autoReleaseWindow: number;
  points: bigint;
  shippingInfo: Hex;
  proof: Hex;
}

/** `IChainMartEscrow.Payment`. */
export interface Payment {
  collector: Address;
  data: Hex;
}

/** The EIP-712 domain of a token (its `eip712Domain()`), which permits and ERC-3009 authorizations are signed in. */
export interface TokenDomain {
  name: string;
  version: string;
  chainId: number;
  verifyingContract: Address;
}

/** What the buyer pays in cash: Σ(unitPrice × quantity − points). */
export function cashDue(lines: readonly Pick<CartLine, 'unitPrice' | 'quantity' | 'points'>[]): bigint {
  return lines.reduce((sum, line) => sum + line.unitPrice * BigInt(line.quantity) - line.points, 0n);
}

/** ETH (`msg.value` = the cash due) and a cart paid fully in points both name no collector. */
export const NO_COLLECTOR: Payment = { collector: zeroAddress, data: '0x' };

/** The buyer approved the ApprovalCollector for at least the cash due beforehand. */
export function approvalPayment(approvalCollector: Address): Payment {
  return { collector: approvalCollector, data: '0x' };
}

export async function readTokenDomain(client: PublicClient, token: Address): Promise<TokenDomain> {
  const [, name, version, chainId, verifyingContract] = await client.readContract({
    address: token,
    abi: testUsdcAbi,
    functionName: 'eip712Domain',
  });
  return { name, version, chainId: Number(chainId), verifyingContract };
}

/** An EIP-2612 permit for the PermitCollector; `nonce` is the token's `nonces(owner)` when it will be used. */
export async function permitPayment(opts: {
  account: LocalAccount;
  domain: TokenDomain;
  permitCollector: Address;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}): Promise<Payment> {
  const signature = await opts.account.signTypedData({
    domain: opts.domain,
    types: {
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Permit',
    message: {
      owner: opts.account.address,
      spender: opts.permitCollector,
      value: opts.value,
      nonce: opts.nonce,
      deadline: opts.deadline,
    },
  });
  const { r, s, v, yParity } = parseSignature(signature);
  return {
    collector: opts.permitCollector,
    data: encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'uint256' }, { type: 'uint8' }, { type: 'bytes32' }, { type: 'bytes32' }],
      [opts.value, opts.deadline, Number(v ?? BigInt(yParity + 27)), r, s],
    ),
  };
}

/** An ERC-3009 `ReceiveWithAuthorization` of exactly the cash due to the Erc3009Collector. */
export async function erc3009Payment(opts: {
  account: LocalAccount;
  domain: TokenDomain;
  erc3009Collector: Address;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  nonce: Hex;
}): Promise<Payment> {
  const signature = await opts.account.signTypedData({
    domain: opts.domain,
    types: {
      ReceiveWithAuthorization: [
        { name: 'from', type: 'address' },
        { name: 'to', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'validAfter', type: 'uint256' },
        { name: 'validBefore', type: 'uint256' },
        { name: 'nonce', type: 'bytes32' },
      ],
    },
    primaryType: 'ReceiveWithAuthorization',
    message: {
      from: opts.account.address,
      to: opts.erc3009Collector,
      value: opts.value,
      validAfter: opts.validAfter,
      validBefore: opts.validBefore,
      nonce: opts.nonce,
    },
  });
  return {
    collector: opts.erc3009Collector,
    data: encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'uint256' }, { type: 'bytes32' }, { type: 'bytes' }],
      [opts.validAfter, opts.validBefore, opts.nonce, signature],
    ),
  };
}

/** The EasGate proof for a line: the buyer's attestation uid. */
export function attestationProof(uid: Hex): Hex {
  return encodeAbiParameters([{ type: 'bytes32' }], [uid]);
}

/** Attestation data of a one-bool schema (`bool kycPassed`, `bool isAdult`). */
export function boolAttestationData(value: boolean): Hex {
  return encodeAbiParameters([{ type: 'bool' }], [value]);
}

/** The EasGate requirement's `dataHash` that admits buyers whose bool attestation says `true`. */
export const TRUE_DATA_HASH: Hex = keccak256(boolAttestationData(true));
