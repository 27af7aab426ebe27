import { describe, expect, it } from 'vitest';
import { badgesFor, trustedAttestations } from './badges.ts';
import type { SubgraphAttestation } from './subgraph.ts';

const TRUSTED = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const OTHER_TRUSTED = '0x90f79bf6eb2c4f870365e785982e1f101e93b906';
const STRANGER = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc';
const ALL = ['verifiedMerchant', 'verifiedBuyer', 'adult'] as const;

let next = 1;
function attestation(schema: string, attester: string, revoked = false): SubgraphAttestation {
  const id = `0x${(next++).toString(16).padStart(64, '0')}`;
  return { id, schema, attester, recipient: { id: '0x01' }, time: '1', revoked, revokedAt: revoked ? '2' : null };
}

describe('badges', () => {
  it('come only from trusted attesters (checksummed list, lowercase subgraph)', () => {
    const list = [attestation('verifiedMerchant', STRANGER), attestation('adult', TRUSTED)];
    const trusted = ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8'];
    expect(trustedAttestations(list, trusted).map((a) => a.schema)).toEqual(['adult']);
    expect(badgesFor(list, trusted, new Map(), 100n, ALL).map((b) => [b.schema, b.status])).toEqual([['adult', 'valid']]);
    expect(badgesFor(list, [], new Map(), 100n, ALL)).toEqual([]);
  });

  it('show revoked and expired as such: revoked from the subgraph, expiration from the chain', () => {
    const revoked = attestation('verifiedMerchant', TRUSTED, true);
    const expiring = attestation('adult', TRUSTED);
    const onChain = new Map([[expiring.id, { revocationTime: 0n, expirationTime: 50n }]]);
    const badges = badgesFor([revoked, expiring], [TRUSTED], onChain, 100n, ALL);
    expect(badges.map((b) => [b.schema, b.status, b.expiresAt])).toEqual([
      ['verifiedMerchant', 'revoked', null],
      ['adult', 'expired', 50n],
    ]);
    expect(badgesFor([expiring], [TRUSTED], onChain, 49n, ALL)[0]).toMatchObject({ status: 'valid', expiresAt: 50n });
  });

  it('one badge per schema: a valid attestation wins over a revoked one; attesters of the same status are listed', () => {
    const list = [attestation('verifiedBuyer', TRUSTED, true), attestation('verifiedBuyer', OTHER_TRUSTED), attestation('verifiedBuyer', TRUSTED)];
    const [badge] = badgesFor(list, [TRUSTED, OTHER_TRUSTED], new Map(), 1n, ALL);
    expect(badge).toMatchObject({ schema: 'verifiedBuyer', status: 'valid', attesters: [OTHER_TRUSTED, TRUSTED], expiresAt: null });
    expect(badge.uids).toHaveLength(2);
  });

  it('ignores schemas the platform does not know', () => {
    expect(badgesFor([attestation('somethingElse', TRUSTED)], [TRUSTED], new Map(), 1n, ALL)).toEqual([]);
  });
});
