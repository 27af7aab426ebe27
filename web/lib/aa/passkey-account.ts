// The passkey account: an ERC-4337 v0.8 smart account (contracts/src/aa/PasskeyAccount.sol, OpenZeppelin 5.7's
// Account + SignerWebAuthn + ERC7821) owned by one WebAuthn credential. Its address follows from the passkey's
// P-256 public key (a deterministic clone made by PasskeyAccountFactory), so it exists counterfactually from
// the moment the passkey is created; the first user operation deploys it through its initCode.
// Plain TypeScript (no Svelte): the site and the Node-side platform test share it.
import {
  type Address,
  type Hex,
  type PublicClient,
  BaseError,
  concat,
  decodeAbiParameters,
  decodeFunctionData,
  encodeAbiParameters,
  encodeFunctionData,
  getCreate2Address,
  keccak256,
  pad,
  size,
  slice,
  toHex,
} from 'viem';
import {
  type SmartAccount,
  type WebAuthnAccount,
  entryPoint08Abi,
  entryPoint08Address,
  getUserOperationHash,
  toSmartAccount,
} from 'viem/account-abstraction';
import { passkeyAccountAbi, passkeyAccountFactoryAbi } from '../contracts/generated/abi.ts';
import { sequentialNonce } from './nonce.ts';

/**
 * PasskeyAccount's implementation and its factory, created through the deterministic deployer with salt 0
 * (scripts/platform/aa.ts): the same addresses on every chain where they were created.
 */
export const PASSKEY_ACCOUNT_IMPLEMENTATION: Address = '0x5Da6a5c70E8f3Cd873c1748733dA75A8C232ddcf';
export const PASSKEY_ACCOUNT_FACTORY: Address = '0xd9ce84A88f2e902F4c4D61Ad9997c2EBa155532A';

/** ERC-7821 mode: a batch (call type 0x01), reverting on the first failure, no op data. */
export const ERC7821_BATCH_MODE: Hex = pad('0x01', { dir: 'right', size: 32 });

const CALLS = [
  {
    type: 'tuple[]',
    components: [
      { name: 'target', type: 'address' },
      { name: 'value', type: 'uint256' },
      { name: 'data', type: 'bytes' },
    ],
  },
] as const;

/** OpenZeppelin's WebAuthn.WebAuthnAuth, ABI-encoded flat (WebAuthn.tryDecodeAuth reads it from offset 0). */
const WEBAUTHN_AUTH = [
  { name: 'r', type: 'bytes32' },
  { name: 's', type: 'bytes32' },
  { name: 'challengeIndex', type: 'uint256' },
  { name: 'typeIndex', type: 'uint256' },
  { name: 'authenticatorData', type: 'bytes' },
  { name: 'clientDataJSON', type: 'string' },
] as const;

/** The WebAuthn metadata of one assertion, as viem's `toWebAuthnAccount().sign` returns it. */
export interface WebAuthnAssertion {
  authenticatorData: Hex;
  clientDataJSON: string;
  /** Where `"challenge"` and `"type"` start in clientDataJSON (found in it when not given). */
  challengeIndex?: number;
  typeIndex?: number;
}

/** What the site keeps of a passkey (nothing secret: the private key never leaves the authenticator). */
export interface StoredPasskey {
  /** The credential id (base64url), as WebAuthn returns it. */
  id: string;
  /** The uncompressed P-256 public key without its 0x04 prefix: x || y, 64 bytes. */
  publicKey: Hex;
}

/** The x and y coordinates of a 64-byte P-256 public key. */
export function publicKeyCoordinates(publicKey: Hex): { x: Hex; y: Hex } {
  const key = size(publicKey) === 65 ? slice(publicKey, 1) : publicKey;
  if (size(key) !== 64) throw new BaseError(`a P-256 public key is 64 bytes (x || y), got ${size(key)}`);
  return { x: slice(key, 0, 32), y: slice(key, 32, 64) };
}

/** ERC-1167 minimal proxy creation code, as OpenZeppelin's Clones writes it. */
function cloneInitCode(implementation: Address): Hex {
  return concat(['0x3d602d80600a3d3981f3363d3d373d3d3d363d73', implementation, '0x5af43d82803e903d91602b57fd5bf3']);
}

/** The account's address, computed offline exactly as PasskeyAccountFactory.accountAddress does. */
export function passkeyAccountAddress(
  publicKey: Hex,
  opts: { salt?: bigint; factory?: Address; implementation?: Address } = {},
): Address {
  const { x, y } = publicKeyCoordinates(publicKey);
  const salt = keccak256(encodeAbiParameters([{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint256' }], [x, y, opts.salt ?? 0n]));
  return getCreate2Address({
    from: opts.factory ?? PASSKEY_ACCOUNT_FACTORY,
    salt,
    bytecode: cloneInitCode(opts.implementation ?? PASSKEY_ACCOUNT_IMPLEMENTATION),
  });
}

/** A P-256 signature (r || s, low s) and its WebAuthn assertion as the account's `validateUserOp` reads them. */
export function encodeWebAuthnSignature(signature: Hex, assertion: WebAuthnAssertion): Hex {
  if (size(signature) < 64) throw new BaseError('a P-256 signature is r || s (64 bytes)');
  return encodeAbiParameters(WEBAUTHN_AUTH, [
    slice(signature, 0, 32),
    slice(signature, 32, 64),
    BigInt(assertion.challengeIndex ?? assertion.clientDataJSON.indexOf('"challenge"')),
    BigInt(assertion.typeIndex ?? assertion.clientDataJSON.indexOf('"type"')),
    assertion.authenticatorData,
    assertion.clientDataJSON,
  ]);
}

/** The batch `calls` as the account's ERC-7821 `execute(mode, executionData)`. */
export function encodeBatch(calls: readonly { to: Address; data?: Hex; value?: bigint }[]): Hex {
  return encodeFunctionData({
    abi: passkeyAccountAbi,
    functionName: 'execute',
    args: [ERC7821_BATCH_MODE, encodeAbiParameters(CALLS, [calls.map((c) => ({ target: c.to, value: c.value ?? 0n, data: c.data ?? '0x' }))])],
  });
}

/**
 * A stub of the size a real assertion has (37-byte authenticator data, a client data JSON with a long origin) so
 * the bundler prices the calldata right; it fails validation without reverting, as ERC-4337 estimation wants.
 */
const STUB_SIGNATURE = encodeWebAuthnSignature(concat([pad('0x01', { size: 32 }), pad('0x01', { size: 32 })]), {
  authenticatorData: pad('0x05', { size: 37, dir: 'right' }),
  clientDataJSON: `{"type":"webauthn.get","challenge":"${'A'.repeat(43)}","origin":"https://${'x'.repeat(64)}.example","crossOrigin":false}`,
  challengeIndex: 23,
  typeIndex: 1,
});

/**
 * Verification gas when the stub signature stands in: the stub stops at the challenge check, the real assertion
 * runs P-256 verification (the RIP-7212 precompile on Base, ~300k gas in OpenZeppelin's Solidity fallback
 * elsewhere) and, in the first operation, the clone's creation.
 */
export const PASSKEY_VERIFICATION_GAS = 600_000n;

/** The passkey account of `owner` as a viem SmartAccount on EntryPoint v0.8, nonces under key 0 (./nonce.ts). */
export async function toPasskeySmartAccount(opts: {
  client: PublicClient;
  owner: WebAuthnAccount;
  salt?: bigint;
  factory?: Address;
}): Promise<SmartAccount> {
  const { client, owner } = opts;
  const salt = opts.salt ?? 0n;
  const factory = opts.factory ?? PASSKEY_ACCOUNT_FACTORY;
  const { x, y } = publicKeyCoordinates(owner.publicKey);
  const address = passkeyAccountAddress(owner.publicKey, { salt, factory });
  const entryPoint = { abi: entryPoint08Abi, address: entryPoint08Address, version: '0.8' } as const;
  return toSmartAccount({
    client,
    entryPoint,
    extend: { owner },
    async decodeCalls(data) {
      const { functionName, args } = decodeFunctionData({ abi: passkeyAccountAbi, data });
      if (functionName !== 'execute') throw new BaseError(`unable to decode calls for "${functionName}"`);
      const [calls] = decodeAbiParameters(CALLS, (args as readonly [Hex, Hex])[1]);
      return calls.map((c) => ({ to: c.target, value: c.value, data: c.data }));
    },
    async encodeCalls(calls) {
      return encodeBatch(calls);
    },
    async getAddress() {
      return address;
    },
    async getNonce() {
      return sequentialNonce(client, address);
    },
    async getFactoryArgs() {
      return { factory, factoryData: encodeFunctionData({ abi: passkeyAccountFactoryAbi, functionName: 'createAccount', args: [x, y, salt] }) };
    },
    async getStubSignature() {
      return STUB_SIGNATURE;
    },
    async signMessage() {
      throw new BaseError('the passkey account signs user operations only (it has no ERC-1271 signature check)');
    },
    async signTypedData() {
      throw new BaseError('the passkey account signs user operations only (it has no ERC-1271 signature check)');
    },
    async signUserOperation(parameters) {
      const { chainId = client.chain!.id, ...userOperation } = parameters;
      const hash = getUserOperationHash({
        chainId,
        entryPointAddress: entryPoint.address,
        entryPointVersion: entryPoint.version,
        userOperation: { ...userOperation, sender: address },
      });
      const { signature, webauthn } = await owner.sign({ hash });
      return encodeWebAuthnSignature(signature, webauthn);
    },
    userOperation: {
      async estimateGas(userOperation) {
        const estimated = userOperation.verificationGasLimit ?? 0n;
        return { verificationGasLimit: estimated > PASSKEY_VERIFICATION_GAS ? estimated : PASSKEY_VERIFICATION_GAS };
      },
    },
  });
}

/** True when `error` (or anything it wraps) is the browser's NotAllowedError: the user closed or refused the prompt. */
export function isPasskeyPromptDismissed(error: unknown): boolean {
  for (let e = error as { name?: string; cause?: unknown } | undefined, depth = 0; e && depth < 8; e = e.cause as typeof e, depth++) {
    if (e.name === 'NotAllowedError' || e.name === 'AbortError') return true;
  }
  return false;
}

/** Random bytes as hex, for WebAuthn challenges that sign nothing (creation, the account picker). */
export function randomChallenge(): Hex {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}
