// Signed payments for the listing's token, so one signature and one transaction pay for a cart. Both kinds are
// signed with the token's own EIP-712 domain (read from the token: ERC-5267, else name and version):
// - EIP-2612 `Permit` to the escrow's PermitCollector, which submits it and pulls the cash;
// - ERC-3009 `ReceiveWithAuthorization` (USDC's gasless transfer) to the Erc3009Collector, which receives it.
// Tokens with neither fall back to approve(ApprovalCollector) + checkout (pay.ts).
import {
  type Address,
  type Hex,
  type PublicClient,
  type TypedDataDefinition,
  bytesToHex,
  encodeAbiParameters,
  keccak256,
  parseAbi,
  parseSignature,
  toBytes,
} from 'viem';

const TOKEN_ABI = parseAbi([
  'function name() view returns (string)',
  'function version() view returns (string)',
  'function nonces(address owner) view returns (uint256)',
  'function DOMAIN_SEPARATOR() view returns (bytes32)',
  'function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)',
  'function RECEIVE_WITH_AUTHORIZATION_TYPEHASH() view returns (bytes32)',
]);

export const PERMIT_TYPES = {
  Permit: [
    { name: 'owner', type: 'address' },
    { name: 'spender', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
} as const;

export const RECEIVE_WITH_AUTHORIZATION_TYPES = {
  ReceiveWithAuthorization: [
    { name: 'from', type: 'address' },
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'validAfter', type: 'uint256' },
    { name: 'validBefore', type: 'uint256' },
    { name: 'nonce', type: 'bytes32' },
  ],
} as const;

const RECEIVE_WITH_AUTHORIZATION_TYPEHASH = keccak256(
  toBytes('ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)'),
);

/** How long a permit or authorization stays valid: long enough for a slow wallet, short enough not to linger. */
export const PERMIT_LIFETIME_SECONDS = 30n * 60n;

export interface PermitDomain {
  name: string;
  version: string;
  chainId: number;
  verifyingContract: Address;
}

export interface PermitSupport {
  domain: PermitDomain;
  nonce: bigint;
}

type Read = <T>(functionName: 'name' | 'version' | 'DOMAIN_SEPARATOR' | 'eip712Domain' | 'RECEIVE_WITH_AUTHORIZATION_TYPEHASH') => Promise<T>;

function reader(client: PublicClient, token: Address): Read {
  return <T>(functionName: string) => client.readContract({ address: token, abi: TOKEN_ABI, functionName, args: [] } as never) as Promise<T>;
}

/** The token's EIP-712 domain: ERC-5267 `eip712Domain()` when present, else name() and version() (default "1"). */
async function readDomain(read: Read, token: Address, chainId: number): Promise<PermitDomain> {
  try {
    const [, name, version, domainChainId, verifyingContract] = await read<readonly [Hex, string, string, bigint, Address]>('eip712Domain');
    return { name, version, chainId: Number(domainChainId), verifyingContract };
  } catch {
    const name = await read<string>('name');
    const version = await read<string>('version').catch(() => '1');
    return { name, version, chainId, verifyingContract: token };
  }
}

/** The token's permit domain and the owner's next nonce, or null when the token has no EIP-2612 permit. */
export async function readPermitSupport(client: PublicClient, token: Address, owner: Address, chainId: number): Promise<PermitSupport | null> {
  const read = reader(client, token);
  let nonce: bigint;
  try {
    [nonce] = await Promise.all([
      client.readContract({ address: token, abi: TOKEN_ABI, functionName: 'nonces', args: [owner] }),
      read<Hex>('DOMAIN_SEPARATOR'),
    ]);
  } catch {
    return null;
  }
  return { domain: await readDomain(read, token, chainId), nonce };
}

/** The token's domain when it implements ERC-3009 `receiveWithAuthorization` (as USDC does), else null. */
export async function readErc3009Support(client: PublicClient, token: Address, chainId: number): Promise<PermitDomain | null> {
  const read = reader(client, token);
  try {
    if ((await read<Hex>('RECEIVE_WITH_AUTHORIZATION_TYPEHASH')) !== RECEIVE_WITH_AUTHORIZATION_TYPEHASH) return null;
  } catch {
    return null;
  }
  return readDomain(read, token, chainId);
}

export function permitTypedData(input: {
  domain: PermitDomain;
  owner: Address;
  spender: Address;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}): TypedDataDefinition<typeof PERMIT_TYPES, 'Permit'> {
  return {
    domain: input.domain,
    types: PERMIT_TYPES,
    primaryType: 'Permit',
    message: { owner: input.owner, spender: input.spender, value: input.value, nonce: input.nonce, deadline: input.deadline },
  };
}

/** PermitCollector's payment data: abi.encode(uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s). */
export function permitPaymentData(value: bigint, deadline: bigint, signature: Hex): Hex {
  const { r, s, v, yParity } = parseSignature(signature);
  return encodeAbiParameters(
    [{ type: 'uint256' }, { type: 'uint256' }, { type: 'uint8' }, { type: 'bytes32' }, { type: 'bytes32' }],
    [value, deadline, Number(v ?? BigInt(yParity + 27)), r, s],
  );
}

export interface ReceiveAuthorization {
  from: Address;
  to: Address;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  nonce: Hex;
}

/** A fresh random 32-byte nonce: ERC-3009 nonces are single-use, not sequential. */
export function randomNonce(): Hex {
  return bytesToHex(crypto.getRandomValues(new Uint8Array(32)));
}

export function receiveAuthorizationTypedData(
  domain: PermitDomain,
  message: ReceiveAuthorization,
): TypedDataDefinition<typeof RECEIVE_WITH_AUTHORIZATION_TYPES, 'ReceiveWithAuthorization'> {
  return { domain, types: RECEIVE_WITH_AUTHORIZATION_TYPES, primaryType: 'ReceiveWithAuthorization', message };
}

/** Erc3009Collector's payment data: abi.encode(uint256 validAfter, uint256 validBefore, bytes32 nonce, bytes signature). */
export function erc3009PaymentData(auth: Pick<ReceiveAuthorization, 'validAfter' | 'validBefore' | 'nonce'>, signature: Hex): Hex {
  return encodeAbiParameters(
    [{ type: 'uint256' }, { type: 'uint256' }, { type: 'bytes32' }, { type: 'bytes' }],
    [auth.validAfter, auth.validBefore, auth.nonce, signature],
  );
}
