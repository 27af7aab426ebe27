import { describe, expect, it } from 'vitest';
import { type Address, type Hex, type PublicClient, encodeAbiParameters, getAddress, keccak256, zeroHash } from 'viem';
import type { OnChainAttestation } from '../attest/eas.ts';
import type { SubgraphAttestation } from '../attest/subgraph.ts';
import { type AttestationRequirement, gateProof, judgeGate, readGateRequirement } from './gate.ts';

const GATE = getAddress('0xdc64a140aa3e981100a9beca4e685f962f0cf6c9');
const ADULT: Hex = `0x${'aa'.repeat(32)}`;
const OTHER_SCHEMA: Hex = `0x${'bb'.repeat(32)}`;
const SCHEMAS = { verifiedMerchant: `0x${'01'.repeat(32)}`, verifiedBuyer: `0x${'02'.repeat(32)}`, adult: ADULT } as const;
const BUYER = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
const ACCEPTED = getAddress('0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc');
const STRANGER = getAddress('0x90f79bf6eb2c4f870365e785982e1f101e93b906');
/** The platform's bool schemas: `isAdult = true` admits, `false` does not. */
const TRUE_DATA = encodeAbiParameters([{ type: 'bool' }], [true]);
const FALSE_DATA = encodeAbiParameters([{ type: 'bool' }], [false]);
const ADMITS = keccak256(TRUE_DATA);

describe('readGateRequirement', () => {
  const client = (answer: readonly [Hex, Hex, readonly Address[]]) =>
    ({
      readContract: async ({ functionName, args, address }: { functionName: string; args: [bigint]; address: string }) => {
        expect([functionName, args, address]).toEqual(['requirementOf', [7n], GATE]);
        return answer;
      },
    }) as unknown as PublicClient;

  it('reads the schema, the admitting data hash and the attesters of the listing from the platform gate', async () => {
    const requirement = await readGateRequirement(client([ADULT, ADMITS, [ACCEPTED.toLowerCase() as Address]]), { gate: GATE.toLowerCase(), listingId: 7n, easGate: GATE, schemas: SCHEMAS });
    expect(requirement).toEqual({ kind: 'attestation', schemaUid: ADULT, schema: 'adult', dataHash: ADMITS, attesters: [ACCEPTED] });
  });

  it('a schema the platform does not use has no name; an unset requirement refuses everyone', async () => {
    expect(await readGateRequirement(client([OTHER_SCHEMA, ADMITS, [ACCEPTED]]), { gate: GATE, listingId: 7n, easGate: GATE, schemas: SCHEMAS })).toMatchObject({ schema: null });
    expect(await readGateRequirement(client([zeroHash, zeroHash, []]), { gate: GATE, listingId: 7n, easGate: GATE, schemas: SCHEMAS })).toEqual({ kind: 'no-requirement' });
  });

  it('another gate contract is unknown, without reading it', async () => {
    const other = '0x0000000000000000000000000000000000000abc';
    const never = { readContract: () => expect.unreachable() } as unknown as PublicClient;
    expect(await readGateRequirement(never, { gate: other, listingId: 7n, easGate: GATE, schemas: SCHEMAS })).toEqual({ kind: 'unknown-gate', gate: getAddress(other) });
  });
});

describe('gateProof', () => {
  it('is abi.encode(uid): the uid itself, 32 bytes', () => {
    const uid: Hex = `0x${'12'.repeat(32)}`;
    expect(gateProof(uid)).toBe(uid);
  });
});

describe('judgeGate', () => {
  const requirement: AttestationRequirement = { kind: 'attestation', schemaUid: ADULT, schema: 'adult', dataHash: ADMITS, attesters: [ACCEPTED] };
  let next = 1;
  function held(attester: Address, chain: Partial<OnChainAttestation> = {}, row: Partial<SubgraphAttestation> = {}) {
    const uid: Hex = `0x${(next++).toString(16).padStart(64, '0')}`;
    const subgraph: SubgraphAttestation = { id: uid, schema: 'adult', attester: attester.toLowerCase(), recipient: { id: BUYER.toLowerCase() }, time: '1', revoked: false, revokedAt: null, ...row };
    const onChain: OnChainAttestation = { uid, schema: ADULT, time: 1n, expirationTime: 0n, revocationTime: 0n, refUID: zeroHash, recipient: BUYER, attester, revocable: true, data: TRUE_DATA, ...chain };
    return { subgraph, onChain };
  }
  const judge = (list: ReturnType<typeof held>[], now = 100n) =>
    judgeGate(requirement, BUYER, list.map((a) => a.subgraph), new Map(list.map((a) => [a.onChain.uid.toLowerCase(), a.onChain])), now);

  it('allows with a valid attestation from an accepted attester; the proof is its uid', () => {
    const a = held(ACCEPTED);
    expect(judge([a])).toEqual({ kind: 'allowed', proof: a.onChain.uid, attestation: { uid: a.onChain.uid, attester: ACCEPTED, status: 'valid', dataMatches: true, expiresAt: null, revokedAt: null } });
  });

  it('does not admit with an attestation whose data says otherwise (isAdult = false), and says so', () => {
    const saysFalse = held(ACCEPTED, { data: FALSE_DATA });
    expect(judge([saysFalse])).toEqual({ kind: 'data-mismatch', attestation: { uid: saysFalse.onChain.uid, attester: ACCEPTED, status: 'valid', dataMatches: false, expiresAt: null, revokedAt: null } });
    expect(judge([held(ACCEPTED, { data: '0x' })])).toMatchObject({ kind: 'data-mismatch' });
    const saysTrue = held(ACCEPTED, { expirationTime: 200n });
    expect(judge([saysFalse, saysTrue])).toMatchObject({ kind: 'allowed', proof: saysTrue.onChain.uid });
    // A valid "no" explains the refusal better than an expired "yes".
    expect(judge([held(ACCEPTED, { expirationTime: 50n }), saysFalse])).toMatchObject({ kind: 'data-mismatch', attestation: { uid: saysFalse.onChain.uid } });
  });

  it('prefers valid over revoked or expired, and the one that lasts longest', () => {
    const revoked = held(ACCEPTED, { revocationTime: 50n });
    const soon = held(ACCEPTED, { expirationTime: 200n });
    const later = held(ACCEPTED, { expirationTime: 300n });
    expect(judge([revoked, soon, later])).toMatchObject({ kind: 'allowed', proof: later.onChain.uid });
    const forever = held(ACCEPTED);
    expect(judge([soon, forever, later])).toMatchObject({ kind: 'allowed', proof: forever.onChain.uid });
  });

  it('revoked and expired block, expired at the expiration second as the gate does; revocation from the chain, not the subgraph', () => {
    const revoked = held(ACCEPTED, { revocationTime: 50n });
    expect(judge([revoked])).toMatchObject({ kind: 'revoked', attestation: { revokedAt: 50n } });
    const expiring = held(ACCEPTED, { expirationTime: 100n });
    expect(judge([expiring], 100n)).toMatchObject({ kind: 'expired', attestation: { expiresAt: 100n } });
    expect(judge([expiring], 99n)).toMatchObject({ kind: 'allowed' });
    expect(judge([revoked, expiring], 100n)).toMatchObject({ kind: 'expired' });
    const staleSubgraph = held(ACCEPTED, { revocationTime: 60n }, { revoked: false });
    expect(judge([staleSubgraph])).toMatchObject({ kind: 'revoked' });
  });

  it('names the attesters of valid attestations the listing does not accept', () => {
    expect(judge([held(STRANGER), held(STRANGER)])).toEqual({ kind: 'untrusted-attester', attesters: [STRANGER] });
    expect(judge([held(STRANGER, { revocationTime: 5n })])).toEqual({ kind: 'none' });
  });

  it('ignores other schemas, what the chain does not confirm, and other recipients', () => {
    expect(judge([held(ACCEPTED, {}, { schema: 'verifiedBuyer' })])).toEqual({ kind: 'none' });
    expect(judge([held(ACCEPTED, { schema: OTHER_SCHEMA })])).toEqual({ kind: 'none' });
    expect(judge([held(ACCEPTED, { recipient: STRANGER })])).toEqual({ kind: 'none' });
    const missing = held(ACCEPTED);
    expect(judgeGate(requirement, BUYER, [missing.subgraph], new Map(), 1n)).toEqual({ kind: 'none' });
    expect(judge([])).toEqual({ kind: 'none' });
  });
});
