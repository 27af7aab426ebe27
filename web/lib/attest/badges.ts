// Which badges to show for an address: its attestations from the subgraph, kept only when the attester is
// trusted, with revocation from the subgraph and expiration from EAS on chain (the events carry none).
import type { Hex } from 'viem';
import { type AttestationStatus, type OnChainAttestation, statusOf } from './status.ts';
import { type SchemaName, isSchemaName } from './schema-names.ts';
import { isTrusted } from './trust.ts';
import type { SubgraphAttestation } from './subgraph.ts';

export interface Badge {
  schema: SchemaName;
  /** The best status among the trusted attesters' attestations of this schema. */
  status: AttestationStatus;
  /** Trusted attesters behind the badge: those whose attestation has the badge's status. */
  attesters: string[];
  /** Latest expiration among them (unix seconds), null when none expires or it is unknown. */
  expiresAt: bigint | null;
  uids: Hex[];
}

const RANK: Record<AttestationStatus, number> = { valid: 0, expired: 1, revoked: 2 };

/** The trusted attestations only; these are the ones worth an on-chain read. */
export function trustedAttestations<T extends Pick<SubgraphAttestation, 'attester'>>(attestations: readonly T[], trusted: readonly string[]): T[] {
  return attestations.filter((a) => isTrusted(trusted, a.attester));
}

/**
 * One badge per schema, in the order of `schemas`. `onChain` holds what EAS.getAttestation returned (by
 * lowercase uid); an attestation missing there is judged by the subgraph alone (revoked or not).
 */
export function badgesFor(
  attestations: readonly SubgraphAttestation[],
  trusted: readonly string[],
  onChain: ReadonlyMap<string, Pick<OnChainAttestation, 'revocationTime' | 'expirationTime'>>,
  now: bigint,
  schemas: readonly SchemaName[],
): Badge[] {
  const badges = new Map<SchemaName, Badge>();
  for (const attestation of trustedAttestations(attestations, trusted)) {
    if (!isSchemaName(attestation.schema)) continue;
    const chain = onChain.get(attestation.id.toLowerCase());
    const status: AttestationStatus = chain ? statusOf(chain, now) : attestation.revoked ? 'revoked' : 'valid';
    const expiresAt = chain && chain.expirationTime > 0n ? chain.expirationTime : null;
    const badge = badges.get(attestation.schema);
    if (!badge || RANK[status] < RANK[badge.status]) {
      badges.set(attestation.schema, { schema: attestation.schema, status, attesters: [attestation.attester], expiresAt, uids: [attestation.id as Hex] });
    } else if (RANK[status] === RANK[badge.status]) {
      if (!badge.attesters.includes(attestation.attester)) badge.attesters.push(attestation.attester);
      badge.uids.push(attestation.id as Hex);
      if (badge.expiresAt !== null) badge.expiresAt = expiresAt === null ? null : expiresAt > badge.expiresAt ? expiresAt : badge.expiresAt;
    }
  }
  return schemas.map((schema) => badges.get(schema)).filter((b): b is Badge => b !== undefined);
}
