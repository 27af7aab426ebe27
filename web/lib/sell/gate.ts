// A listing's purchase requirement, as its merchant edits it. The platform's gate is EasGate: a buyer must hold a
// live EAS attestation of the listing's schema, from one of the attesters the merchant accepts, whose data hashes
// to the requirement's `dataHash`. The platform's requirement schemas hold one bool (`bool kycPassed`, `bool
// isAdult`), so the data that admits a buyer is abi.encode(true). A requirement takes effect once the catalog
// points the listing at the gate (`setListingGate`); the requirement is written first, so a listing never points
// at a gate without one (that would refuse every buyer).
import { type Address, type Hex, type PublicClient, encodeAbiParameters, getAddress, isAddress, keccak256, zeroAddress, zeroHash } from 'viem';
import { chainMartCatalogAbi, easGateAbi } from '../contracts/generated/abi.ts';
import type { SchemaName } from '../attest/schemas.ts';

/** The schemas a listing can require: the platform's buyer schemas, each `bool <field>` that must be true. */
export const GATE_SCHEMAS = ['verifiedBuyer', 'adult'] as const satisfies readonly SchemaName[];
export type GateSchema = (typeof GATE_SCHEMAS)[number];

/** EasGate's limit on accepted attesters per listing. */
export const MAX_ATTESTERS = 8;

/** keccak256(abi.encode(true)): the data hash of an attestation that says yes. */
export const TRUE_DATA_HASH: Hex = keccak256(encodeAbiParameters([{ type: 'bool' }], [true]));

export interface GateAddresses {
  catalog: Address;
  easGate: Address;
  schemas: Record<SchemaName, Hex>;
}

export type ListingGate =
  | { kind: 'none' }
  /** EasGate with one of the platform's bool schemas, requiring it to be true. */
  | { kind: 'required'; schema: GateSchema; attesters: Address[] }
  /** EasGate with a schema or data the site does not know: shown as is, replaced only on purpose. */
  | { kind: 'custom'; schemaUid: Hex; dataHash: Hex; attesters: Address[] }
  /** EasGate without a requirement: every purchase is refused. */
  | { kind: 'missing' }
  /** Another gate contract (set outside the site). */
  | { kind: 'other-gate'; gate: Address };

/** The listing's gate: the catalog's `gateOf`, and EasGate's `requirementOf` when it is the platform's gate. */
export async function readListingGate(client: Pick<PublicClient, 'readContract'>, addresses: GateAddresses, listingId: bigint): Promise<ListingGate> {
  const gate = await client.readContract({ address: addresses.catalog, abi: chainMartCatalogAbi, functionName: 'gateOf', args: [listingId] });
  if (gate === zeroAddress) return { kind: 'none' };
  if (getAddress(gate) !== getAddress(addresses.easGate)) return { kind: 'other-gate', gate: getAddress(gate) };
  const [schemaUid, dataHash, attesters] = await client.readContract({ address: addresses.easGate, abi: easGateAbi, functionName: 'requirementOf', args: [listingId] });
  return gateOf(schemaUid, dataHash, attesters, addresses.schemas);
}

export function gateOf(schemaUid: Hex, dataHash: Hex, attesters: readonly Address[], schemas: Record<SchemaName, Hex>): ListingGate {
  if (schemaUid === zeroHash || attesters.length === 0) return { kind: 'missing' };
  const accepted = attesters.map((a) => getAddress(a));
  const schema = GATE_SCHEMAS.find((name) => schemas[name].toLowerCase() === schemaUid.toLowerCase());
  if (schema && dataHash.toLowerCase() === TRUE_DATA_HASH) return { kind: 'required', schema, attesters: accepted };
  return { kind: 'custom', schemaUid, dataHash, attesters: accepted };
}

export type AttestersInput = { ok: true; attesters: Address[] } | { ok: false; reason: 'empty' | 'invalid' | 'zero' | 'too-many'; entry?: string };

/** Attester addresses typed one per line or separated by commas or spaces; duplicates (any case) dropped. */
export function parseAttesters(text: string): AttestersInput {
  const entries = text.split(/[\s,;]+/).filter(Boolean);
  if (entries.length === 0) return { ok: false, reason: 'empty' };
  const attesters: Address[] = [];
  for (const entry of entries) {
    if (!isAddress(entry, { strict: false })) return { ok: false, reason: 'invalid', entry };
    const address = getAddress(entry);
    if (address === zeroAddress) return { ok: false, reason: 'zero', entry };
    if (!attesters.includes(address)) attesters.push(address);
  }
  if (attesters.length > MAX_ATTESTERS) return { ok: false, reason: 'too-many' };
  return { ok: true, attesters };
}

export type GateChoice = { kind: 'none' } | { kind: 'required'; schema: GateSchema; attesters: Address[] };

/** The writes that take the listing from `current` to `choice`, in order (none if nothing changes). */
export function gateWrites(listingId: bigint, current: ListingGate, choice: GateChoice, addresses: GateAddresses) {
  const pointAt = (gate: Address) => ({ address: addresses.catalog, abi: chainMartCatalogAbi, functionName: 'setListingGate' as const, args: [listingId, gate] as const });
  if (choice.kind === 'none') return current.kind === 'none' ? [] : [{ step: 'gate' as const, request: pointAt(zeroAddress) }];
  const same =
    current.kind === 'required' &&
    current.schema === choice.schema &&
    current.attesters.length === choice.attesters.length &&
    current.attesters.every((a, i) => a === getAddress(choice.attesters[i]));
  const requirement = {
    address: addresses.easGate,
    abi: easGateAbi,
    functionName: 'setRequirement' as const,
    args: [listingId, addresses.schemas[choice.schema], TRUE_DATA_HASH, choice.attesters] as const,
  };
  const onEasGate = current.kind === 'required' || current.kind === 'custom' || current.kind === 'missing';
  return [...(same ? [] : [{ step: 'requirement' as const, request: requirement }]), ...(onEasGate ? [] : [{ step: 'gate' as const, request: pointAt(addresses.easGate) }])];
}
