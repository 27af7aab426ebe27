// EIP-2612 permits for the listing's token: the domain is read from the token itself (name, version, nonce),
// so one signature and one transaction pay for an order. Tokens without permit fall back to approve + buy.
import { type Address, type Hex, type PublicClient, type TypedDataDefinition, parseAbi, parseSignature } from 'viem';

const PERMIT_ABI = parseAbi([
  'function name() view returns (string)',
  'function version() view returns (string)',
  'function nonces(address owner) view returns (uint256)',
  'function DOMAIN_SEPARATOR() view returns (bytes32)',
  'function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)',
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

/** How long a permit stays valid: long enough for a slow wallet, short enough not to linger. */
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

/**
 * The token's permit domain and the owner's next nonce, or null when the token has no EIP-2612 permit.
 * ERC-5267 `eip712Domain()` is the source of truth when present; otherwise name() and version() (default "1").
 */
export async function readPermitSupport(client: PublicClient, token: Address, owner: Address, chainId: number): Promise<PermitSupport | null> {
  const read = <T>(functionName: 'name' | 'version' | 'DOMAIN_SEPARATOR' | 'eip712Domain', args: readonly unknown[] = []) =>
    client.readContract({ address: token, abi: PERMIT_ABI, functionName, args } as never) as Promise<T>;
  let nonce: bigint;
  try {
    [nonce] = await Promise.all([
      client.readContract({ address: token, abi: PERMIT_ABI, functionName: 'nonces', args: [owner] }),
      read<Hex>('DOMAIN_SEPARATOR'),
    ]);
  } catch {
    return null;
  }
  try {
    const [, name, version, domainChainId, verifyingContract] = await read<readonly [Hex, string, string, bigint, Address]>('eip712Domain');
    return { domain: { name, version, chainId: Number(domainChainId), verifyingContract }, nonce };
  } catch {
    const name = await read<string>('name');
    const version = await read<string>('version').catch(() => '1');
    return { domain: { name, version, chainId, verifyingContract: token }, nonce };
  }
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

/** The `Permit` struct of IChainMart from a 65-byte signature. */
export function permitStruct(value: bigint, deadline: bigint, signature: Hex) {
  const { r, s, v, yParity } = parseSignature(signature);
  return { value, deadline, v: Number(v ?? BigInt(yParity + 27)), r, s };
}
