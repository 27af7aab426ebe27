// EAS reads and writes for the platform's attestations, with viem and the generated easAbi. The subgraph
// indexes who attested what (events only); expiration time and data exist only on chain, so the site reads
// them here with EAS.getAttestation for the attestations it shows.
import { type Address, type Hex, type PublicClient, type TransactionReceipt, parseEventLogs, zeroHash } from 'viem';
import { easAbi } from '../contracts/generated/abi.ts';
import type { OnChainAttestation } from './status.ts';

export { type AttestationStatus, type OnChainAttestation, statusOf } from './status.ts';

export interface AttestInput {
  schemaUid: Hex;
  recipient: Address;
  /** ABI-encoded schema data (encodeSchemaData). */
  data: Hex;
  /** Unix seconds; 0n for no expiration. */
  expirationTime: bigint;
}

/** Arguments of EAS.attest: revocable (the platform's schemas are), no reference, no value. */
export function attestArgs(input: AttestInput) {
  return [
    {
      schema: input.schemaUid,
      data: { recipient: input.recipient, expirationTime: input.expirationTime, revocable: true, refUID: zeroHash, data: input.data, value: 0n },
    },
  ] as const;
}

/** Arguments of EAS.revoke. */
export function revokeArgs(schemaUid: Hex, uid: Hex) {
  return [{ schema: schemaUid, data: { uid, value: 0n } }] as const;
}

/** The uid of the attestation a receipt created (EAS's Attested event), or null. */
export function attestedUid(receipt: Pick<TransactionReceipt, 'logs'>, eas: Address): Hex | null {
  const events = parseEventLogs({ abi: easAbi, eventName: 'Attested', logs: receipt.logs });
  return events.find((e) => e.address.toLowerCase() === eas.toLowerCase())?.args.uid ?? null;
}

export async function getAttestation(client: PublicClient, eas: Address, uid: Hex): Promise<OnChainAttestation | null> {
  const attestation = (await client.readContract({ address: eas, abi: easAbi, functionName: 'getAttestation', args: [uid] })) as OnChainAttestation;
  return attestation.uid === zeroHash ? null : attestation;
}

/** Several attestations by uid, read in parallel; missing ones are left out of the map. */
export async function getAttestations(client: PublicClient, eas: Address, uids: readonly Hex[]): Promise<Map<string, OnChainAttestation>> {
  const unique = [...new Set(uids.map((uid) => uid.toLowerCase() as Hex))];
  const found = await Promise.all(unique.map((uid) => getAttestation(client, eas, uid)));
  return new Map(found.filter((a): a is OnChainAttestation => a !== null).map((a) => [a.uid.toLowerCase(), a]));
}

/** The chain's current time, for expiration checks. */
export async function chainTime(client: PublicClient): Promise<bigint> {
  return (await client.getBlock({ blockTag: 'latest' })).timestamp;
}

export interface ChainState {
  onChain: Map<string, OnChainAttestation>;
  now: bigint;
}

/** The attestations' on-chain structs and the chain's time, to judge expiration. */
export async function readChainState(client: PublicClient, eas: Address, uids: readonly Hex[]): Promise<ChainState> {
  const [onChain, now] = await Promise.all([getAttestations(client, eas, uids), chainTime(client)]);
  return { onChain, now };
}
