// Issuing and revoking from the connected wallet: write() checks the network, simulates, sends, tracks the
// transaction and waits for the receipt and the indexer.
import type { Address, Hex } from 'viem';
import { easAbi } from '../contracts/generated/abi.ts';
import { settings } from '../config/settings.svelte.ts';
import { write } from '../tx/write.ts';
import { attestArgs, attestedUid, revokeArgs } from './eas.ts';
import { type FieldValues, type SchemaName, encodeSchemaData } from './schemas.ts';

export interface IssueInput {
  schema: SchemaName;
  recipient: Address;
  values: FieldValues;
  /** Unix seconds; 0n for no expiration. */
  expirationTime: bigint;
}

/** Attests and returns the new attestation's uid. Throws FieldError before any wallet prompt on bad fields. */
export async function issueAttestation(label: string, input: IssueInput): Promise<Hex | null> {
  const eas = settings.site.contracts.eas;
  const data = encodeSchemaData(input.schema, input.values);
  const args = attestArgs({ schemaUid: settings.site.schemas[input.schema], recipient: input.recipient, data, expirationTime: input.expirationTime });
  const receipt = await write(label, { address: eas, abi: easAbi, functionName: 'attest', args });
  return attestedUid(receipt, eas);
}

export async function revokeAttestation(label: string, schema: SchemaName, uid: Hex): Promise<void> {
  await write(label, { address: settings.site.contracts.eas, abi: easAbi, functionName: 'revoke', args: revokeArgs(settings.site.schemas[schema], uid) });
}
