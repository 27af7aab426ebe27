import { type PublicClient, recoverTypedDataAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { permitStruct, permitTypedData, readPermitSupport } from './permit.ts';

const owner = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const market = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';

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

describe('permit signature', () => {
  it('is an EIP-2612 Permit the owner signed, split into v, r, s', async () => {
    const typed = permitTypedData({
      domain: { name: 'Test USD', version: '1', chainId: 31337, verifyingContract: token },
      owner: owner.address,
      spender: market,
      value: 12_000_000n,
      nonce: 0n,
      deadline: 1_900_000_000n,
    });
    const signature = await owner.signTypedData(typed);
    expect(await recoverTypedDataAddress({ ...typed, signature })).toBe(owner.address);
    const permit = permitStruct(12_000_000n, 1_900_000_000n, signature);
    expect([27, 28]).toContain(permit.v);
    expect(permit.r).toBe(signature.slice(0, 66));
    expect(permit.s).toBe(`0x${signature.slice(66, 130)}`);
    expect(permit.value).toBe(12_000_000n);
  });
});
