import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAbiParameters, decodeFunctionData, slice } from 'viem';
import { passkeyAccountAbi } from '../contracts/generated/abi.ts';
import {
  ERC7821_BATCH_MODE,
  PASSKEY_ACCOUNT_FACTORY,
  encodeBatch,
  encodeWebAuthnSignature,
  isPasskeyPromptDismissed,
  passkeyAccountAddress,
  publicKeyCoordinates,
} from './passkey-account.ts';

const key = `0x${'11'.repeat(32)}${'22'.repeat(32)}` as const;

describe('passkey account encoding', () => {
  it('splits a public key with or without its 0x04 prefix, and refuses other sizes', () => {
    expect(publicKeyCoordinates(key)).toEqual({ x: `0x${'11'.repeat(32)}`, y: `0x${'22'.repeat(32)}` });
    expect(publicKeyCoordinates(`0x04${key.slice(2)}`)).toEqual(publicKeyCoordinates(key));
    expect(() => publicKeyCoordinates('0x1234')).toThrow(/64 bytes/);
  });

  it('gives one address per key and salt', () => {
    expect(passkeyAccountAddress(key)).not.toBe(passkeyAccountAddress(key, { salt: 1n }));
    expect(passkeyAccountAddress(key)).toBe(passkeyAccountAddress(key, { salt: 0n }));
  });

  it('encodes a batch as ERC-7821 execute(batch mode, Call[])', () => {
    const data = encodeBatch([{ to: '0x00000000000000000000000000000000000000A1', data: '0xabcd' }, { to: '0x00000000000000000000000000000000000000b2', value: 5n }]);
    const { functionName, args } = decodeFunctionData({ abi: passkeyAccountAbi, data });
    expect(functionName).toBe('execute');
    expect(args![0]).toBe(ERC7821_BATCH_MODE);
    const [calls] = decodeAbiParameters([{ type: 'tuple[]', components: [{ type: 'address', name: 'target' }, { type: 'uint256', name: 'value' }, { type: 'bytes', name: 'data' }] }], args![1] as `0x${string}`);
    expect(calls.map((c) => [c.value, c.data])).toEqual([[0n, '0xabcd'], [5n, '0x']]);
  });

  it("encodes the assertion as OpenZeppelin's flat WebAuthnAuth, r and s first", () => {
    const signature = `0x${'aa'.repeat(32)}${'bb'.repeat(32)}` as const;
    const encoded = encodeWebAuthnSignature(signature, { authenticatorData: '0x0102', clientDataJSON: '{"type":"webauthn.get"}', challengeIndex: 23, typeIndex: 1 });
    expect(slice(encoded, 0, 64)).toBe(signature);
    const decoded = decodeAbiParameters(
      [{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint256' }, { type: 'uint256' }, { type: 'bytes' }, { type: 'string' }],
      encoded,
    );
    expect(decoded.slice(2)).toEqual([23n, 1n, '0x0102', '{"type":"webauthn.get"}']);
  });

  it('recognises a dismissed prompt however deeply it is wrapped', () => {
    const dismissed = Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    expect(isPasskeyPromptDismissed(new Error('sign failed', { cause: new Error('inner', { cause: dismissed }) }))).toBe(true);
    expect(isPasskeyPromptDismissed(new Error('other'))).toBe(false);
  });

  it('is the factory local networks.json names', () => {
    const networks = JSON.parse(readFileSync(join(import.meta.dirname, '../../../deployments/networks.json'), 'utf8'));
    expect(networks.local.passkeyAccountFactory).toBe(PASSKEY_ACCOUNT_FACTORY);
  });
});
