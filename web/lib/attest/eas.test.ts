import { describe, expect, it } from 'vitest';
import { type Hex, type PublicClient, encodeAbiParameters, encodeEventTopics, getAddress, zeroHash } from 'viem';
import { easAbi } from '../contracts/generated/abi.ts';
import { attestArgs, attestedUid, getAttestation, getAttestations, revokeArgs, statusOf } from './eas.ts';

const EAS = getAddress('0xcf7ed3acca5a467e9e704c703e8d87f634fb0fc9');
const SCHEMA: Hex = `0x${'ab'.repeat(32)}`;
const UID: Hex = `0x${'12'.repeat(32)}`;
const RECIPIENT = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
const ATTESTER = getAddress('0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc');

describe('EAS arguments', () => {
  it('attest: revocable, no reference, no value, the given expiration', () => {
    expect(attestArgs({ schemaUid: SCHEMA, recipient: RECIPIENT, data: '0x01', expirationTime: 99n })).toEqual([
      { schema: SCHEMA, data: { recipient: RECIPIENT, expirationTime: 99n, revocable: true, refUID: zeroHash, data: '0x01', value: 0n } },
    ]);
  });

  it('revoke: schema and uid, no value', () => {
    expect(revokeArgs(SCHEMA, UID)).toEqual([{ schema: SCHEMA, data: { uid: UID, value: 0n } }]);
  });
});

describe('attestedUid', () => {
  const log = (address: string) => ({
    address,
    topics: encodeEventTopics({ abi: easAbi, eventName: 'Attested', args: { recipient: RECIPIENT, attester: ATTESTER, schemaUID: SCHEMA } }),
    data: encodeAbiParameters([{ type: 'bytes32' }], [UID]),
    blockNumber: 1n,
    blockHash: zeroHash,
    logIndex: 0,
    transactionHash: zeroHash,
    transactionIndex: 0,
    removed: false,
  });

  it('reads the uid from the Attested event of the EAS contract', () => {
    expect(attestedUid({ logs: [log(EAS.toLowerCase())] as never }, EAS)).toBe(UID);
  });

  it('ignores the same event from another contract', () => {
    expect(attestedUid({ logs: [log('0x0000000000000000000000000000000000000001')] as never }, EAS)).toBeNull();
  });
});

describe('getAttestation', () => {
  const stored = { uid: UID, schema: SCHEMA, time: 5n, expirationTime: 0n, revocationTime: 0n, refUID: zeroHash, recipient: RECIPIENT, attester: ATTESTER, revocable: true, data: '0x' };
  const client = (answers: Record<string, unknown>) =>
    ({
      readContract: async ({ functionName, args, address }: { functionName: string; args: [Hex]; address: string }) => {
        expect(functionName).toBe('getAttestation');
        expect(address).toBe(EAS);
        return answers[args[0]] ?? { ...stored, uid: zeroHash };
      },
    }) as unknown as PublicClient;

  it('returns the struct, or null for an unknown uid (EAS answers an empty struct)', async () => {
    expect(await getAttestation(client({ [UID]: stored }), EAS, UID)).toEqual(stored);
    expect(await getAttestation(client({}), EAS, UID)).toBeNull();
  });

  it('reads several once each, keyed by lowercase uid', async () => {
    const upper = UID.toUpperCase().replace('0X', '0x') as Hex;
    const found = await getAttestations(client({ [UID]: stored }), EAS, [UID, upper, `0x${'99'.repeat(32)}`]);
    expect([...found.keys()]).toEqual([UID]);
  });
});

describe('statusOf', () => {
  it('revoked wins; expired at and after the expiration time (as EasGate); otherwise valid', () => {
    expect(statusOf({ revocationTime: 10n, expirationTime: 5n }, 20n)).toBe('revoked');
    expect(statusOf({ revocationTime: 0n, expirationTime: 20n }, 20n)).toBe('expired');
    expect(statusOf({ revocationTime: 0n, expirationTime: 21n }, 20n)).toBe('valid');
    expect(statusOf({ revocationTime: 0n, expirationTime: 0n }, 10n ** 12n)).toBe('valid');
  });
});
