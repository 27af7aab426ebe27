import { type Hex, type PublicClient, decodeAbiParameters, keccak256, recoverTypedDataAddress, serializeSignature, toBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import {
  erc3009PaymentData,
  permitPaymentData,
  permitTypedData,
  randomNonce,
  readErc3009Support,
  readPermitSupport,
  receiveAuthorizationTypedData,
} from './permit.ts';

const owner = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const permitCollector = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
const erc3009Collector = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0';
const RECEIVE_TYPEHASH = keccak256(toBytes('ReceiveWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)'));

/** A client whose contract reads answer from a table (a missing function reverts). */
function fakeClient(answers: Record<string, unknown>): PublicClient {
  return {
    readContract: async ({ functionName }: { functionName: string }) => {
      if (!(functionName in answers)) throw new Error(`execution reverted: ${functionName}`);
      return answers[functionName];
    },
  } as unknown as PublicClient;
}

describe('readPermitSupport', () => {
  it('reads the ERC-5267 domain and the nonce', async () => {
    const support = await readPermitSupport(
      fakeClient({ nonces: 4n, DOMAIN_SEPARATOR: '0x11', eip712Domain: ['0x0f', 'Test USD', '1', 31337n, token, '0x00', []] }),
      token,
      owner.address,
      31337,
    );
    expect(support).toEqual({ domain: { name: 'Test USD', version: '1', chainId: 31337, verifyingContract: token }, nonce: 4n });
  });

  it('falls back to name() and version "1" without ERC-5267', async () => {
    const support = await readPermitSupport(fakeClient({ nonces: 0n, DOMAIN_SEPARATOR: '0x11', name: 'Old USD' }), token, owner.address, 5);
    expect(support?.domain).toEqual({ name: 'Old USD', version: '1', chainId: 5, verifyingContract: token });
  });

  it('says no permit when the token has no nonces or domain separator', async () => {
    expect(await readPermitSupport(fakeClient({ name: 'Plain' }), token, owner.address, 1)).toBeNull();
  });
});

describe('readErc3009Support', () => {
  it('is the token domain when the token has ReceiveWithAuthorization', async () => {
    const domain = await readErc3009Support(fakeClient({ RECEIVE_WITH_AUTHORIZATION_TYPEHASH: RECEIVE_TYPEHASH, eip712Domain: ['0x0f', 'Test USD', '2', 31337n, token, '0x00', []] }), token, 31337);
    expect(domain).toEqual({ name: 'Test USD', version: '2', chainId: 31337, verifyingContract: token });
  });

  it('is null for a token without it, or with another type under that name', async () => {
    expect(await readErc3009Support(fakeClient({ name: 'Plain' }), token, 1)).toBeNull();
    expect(await readErc3009Support(fakeClient({ RECEIVE_WITH_AUTHORIZATION_TYPEHASH: `0x${'00'.repeat(32)}`, name: 'Odd' }), token, 1)).toBeNull();
  });
});

describe('permit payment', () => {
  it('is an EIP-2612 Permit to the PermitCollector, encoded as (value, deadline, v, r, s)', async () => {
    const typed = permitTypedData({
      domain: { name: 'Test USD', version: '1', chainId: 31337, verifyingContract: token },
      owner: owner.address,
      spender: permitCollector,
      value: 12_000_000n,
      nonce: 0n,
      deadline: 1_900_000_000n,
    });
    const signature = await owner.signTypedData(typed);
    expect(await recoverTypedDataAddress({ ...typed, signature })).toBe(owner.address);
    const data = permitPaymentData(12_000_000n, 1_900_000_000n, signature);
    const [value, deadline, v, r, s] = decodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }, { type: 'uint8' }, { type: 'bytes32' }, { type: 'bytes32' }], data);
    expect([value, deadline]).toEqual([12_000_000n, 1_900_000_000n]);
    expect([27, 28]).toContain(v);
    expect(r).toBe(signature.slice(0, 66));
    expect(s).toBe(`0x${signature.slice(66, 130)}`);
    expect(serializeSignature({ r, s, v: BigInt(v) })).toBe(signature);
  });
});

describe('ERC-3009 payment', () => {
  it('is a ReceiveWithAuthorization to the Erc3009Collector, encoded as (validAfter, validBefore, nonce, signature)', async () => {
    const nonce = randomNonce();
    expect(nonce).toMatch(/^0x[0-9a-f]{64}$/);
    expect(randomNonce()).not.toBe(nonce);
    const auth = { from: owner.address, to: erc3009Collector, value: 5_000_000n, validAfter: 0n, validBefore: 1_900_000_000n, nonce } as const;
    const typed = receiveAuthorizationTypedData({ name: 'Test USD', version: '2', chainId: 31337, verifyingContract: token }, auth);
    expect(typed.primaryType).toBe('ReceiveWithAuthorization');
    const signature = await owner.signTypedData(typed);
    expect(await recoverTypedDataAddress({ ...typed, signature })).toBe(owner.address);
    const data = erc3009PaymentData(auth, signature);
    const decoded = decodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }, { type: 'bytes32' }, { type: 'bytes' }], data);
    expect(decoded).toEqual([0n, 1_900_000_000n, nonce, signature as Hex]);
  });
});
