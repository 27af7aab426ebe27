// Gated listings (IPurchaseGate). The site knows one gate, the platform's EasGate: a listing's requirement is
// an EAS schema, the hash of the attestation data that admits a buyer (for the platform's bool schemas,
// keccak256(abi.encode(true))) and the attesters it accepts; the proof is the uid of an attestation the buyer
// holds. The buyer's attestations come from the subgraph; revocation, expiration and data are judged from EAS
// on chain against the chain's clock, exactly as EasGate.checkPurchase does, so the page can say why a buyer
// cannot buy before anything is signed (an attestation that says `false` does not admit).
import { type Address, type Hex, type PublicClient, encodeAbiParameters, getAddress, keccak256, zeroHash } from 'viem';
import { easGateAbi } from '../contracts/generated/abi.ts';
import { type AttestationStatus, type OnChainAttestation, readChainState, statusOf } from '../attest/eas.ts';
import { type SchemaName, schemaNameOf } from '../attest/schemas.ts';
import { type SubgraphAttestation, attestationsOf } from '../attest/subgraph.ts';

export type GateRequirement =
  /** A gate contract other than the platform's EasGate: the site cannot build its proof. */
  | { kind: 'unknown-gate'; gate: Address }
  /** The EasGate without a requirement for this listing: it refuses every buyer. */
  | { kind: 'no-requirement' }
  /**
   * `schema` is null for a schema that is not one of the platform's (the subgraph does not index it);
   * `dataHash` is keccak256 of the attestation data that admits.
   */
  | { kind: 'attestation'; schemaUid: Hex; schema: SchemaName | null; dataHash: Hex; attesters: Address[] };

export type AttestationRequirement = Extract<GateRequirement, { kind: 'attestation' }>;

/** One of the buyer's attestations of the required schema, as the gate would judge it. */
export interface HeldAttestation {
  uid: Hex;
  attester: Address;
  status: AttestationStatus;
  /** keccak256(data) is the requirement's dataHash: the attestation says what the listing asks. */
  dataMatches: boolean;
  expiresAt: bigint | null;
  revokedAt: bigint | null;
}

export type GateVerdict =
  | { kind: 'allowed'; proof: Hex; attestation: HeldAttestation }
  /** The best attestation from an accepted attester, revoked or expired. */
  | { kind: 'revoked' | 'expired'; attestation: HeldAttestation }
  /** The best attestation from an accepted attester is valid but says something else (e.g. `false`). */
  | { kind: 'data-mismatch'; attestation: HeldAttestation }
  /** Valid attestations of the schema exist, but none from an accepted attester. */
  | { kind: 'untrusted-attester'; attesters: Address[] }
  | { kind: 'none' };

export async function readGateRequirement(
  client: PublicClient,
  input: { gate: string; listingId: bigint; easGate: Address; schemas: Record<SchemaName, Hex> },
): Promise<GateRequirement> {
  const gate = getAddress(input.gate);
  if (gate !== getAddress(input.easGate)) return { kind: 'unknown-gate', gate };
  const [schemaUid, dataHash, attesters] = await client.readContract({ address: gate, abi: easGateAbi, functionName: 'requirementOf', args: [input.listingId] });
  if (schemaUid === zeroHash || attesters.length === 0) return { kind: 'no-requirement' };
  return { kind: 'attestation', schemaUid, schema: schemaNameOf(schemaUid, input.schemas), dataHash, attesters: attesters.map((a) => getAddress(a)) };
}

/** EasGate's proof: abi.encode(uid). */
export function gateProof(uid: Hex): Hex {
  return encodeAbiParameters([{ type: 'bytes32' }], [uid]);
}

/** The buyer's subgraph attestations worth reading on chain: those of the required schema. */
export function candidates(requirement: AttestationRequirement, attestations: readonly SubgraphAttestation[]): SubgraphAttestation[] {
  return requirement.schema === null ? [] : attestations.filter((a) => a.schema === requirement.schema);
}

/** Which attestation best explains the verdict: one that admits, then one that says otherwise, expired, revoked. */
const RANK: Record<AttestationStatus | 'mismatch', number> = { valid: 0, mismatch: 1, expired: 2, revoked: 3 };
const rank = (a: HeldAttestation) => (a.status === 'valid' && !a.dataMatches ? RANK.mismatch : RANK[a.status]);

/**
 * The gate's decision for `buyer`, from the on-chain structs (by lowercase uid) of its candidate attestations.
 * An attestation the chain does not confirm (schema, recipient) is ignored. Among usable ones, a valid
 * attestation whose data admits and that never expires is preferred, then the one expiring last.
 */
export function judgeGate(
  requirement: AttestationRequirement,
  buyer: Address,
  attestations: readonly SubgraphAttestation[],
  onChain: ReadonlyMap<string, OnChainAttestation>,
  now: bigint,
): GateVerdict {
  const accepted = new Set(requirement.attesters.map((a) => a.toLowerCase()));
  const held: HeldAttestation[] = [];
  const others = new Set<Address>();
  for (const row of candidates(requirement, attestations)) {
    const chain = onChain.get(row.id.toLowerCase());
    if (!chain || chain.schema.toLowerCase() !== requirement.schemaUid.toLowerCase() || chain.recipient.toLowerCase() !== buyer.toLowerCase()) continue;
    const status = statusOf(chain, now);
    if (!accepted.has(chain.attester.toLowerCase())) {
      if (status === 'valid') others.add(getAddress(chain.attester));
      continue;
    }
    held.push({
      uid: chain.uid,
      attester: getAddress(chain.attester),
      status,
      dataMatches: keccak256(chain.data).toLowerCase() === requirement.dataHash.toLowerCase(),
      expiresAt: chain.expirationTime > 0n ? chain.expirationTime : null,
      revokedAt: chain.revocationTime > 0n ? chain.revocationTime : null,
    });
  }
  const lasting = (a: HeldAttestation) => (a.expiresAt === null ? 2n ** 64n : a.expiresAt);
  held.sort((a, b) => rank(a) - rank(b) || (lasting(b) > lasting(a) ? 1 : lasting(b) < lasting(a) ? -1 : 0));
  const best = held[0];
  if (best?.status === 'valid') return best.dataMatches ? { kind: 'allowed', proof: gateProof(best.uid), attestation: best } : { kind: 'data-mismatch', attestation: best };
  if (best) return { kind: best.status, attestation: best };
  if (others.size > 0) return { kind: 'untrusted-attester', attesters: [...others] };
  return { kind: 'none' };
}

/** Reads the buyer's attestations (subgraph), their EAS structs and the chain's time, and judges them. */
export async function checkBuyer(
  client: PublicClient,
  input: { subgraphUrl: string; eas: Address; requirement: AttestationRequirement; buyer: Address; signal?: AbortSignal },
): Promise<GateVerdict> {
  if (input.requirement.schema === null) return { kind: 'none' };
  const list = candidates(input.requirement, await attestationsOf(input.subgraphUrl, input.buyer, input.signal));
  if (list.length === 0) return { kind: 'none' };
  const { onChain, now } = await readChainState(client, input.eas, list.map((a) => a.id as Hex));
  return judgeGate(input.requirement, input.buyer, list, onChain, now);
}
