// EAS attestations of the platform's schemas. The events carry recipient, attester, uid and schema only;
// expiration time and data stay on chain (EAS.getAttestation), as the mappings never use eth_call.
import { Attested, Revoked } from '../generated/EAS/EAS';
import { Attestation } from '../generated/schema';
import { getAccount } from './common/helpers';
import { SCHEMA_NAMES, SCHEMA_UIDS } from './common/network';

export function handleAttested(event: Attested): void {
  const known = SCHEMA_UIDS.indexOf(event.params.schemaUID.toHexString());
  if (known < 0) return;
  const attestation = new Attestation(event.params.uid);
  attestation.schema = SCHEMA_NAMES[known];
  attestation.schemaUID = event.params.schemaUID;
  attestation.recipient = getAccount(event.params.recipient).id;
  attestation.attester = event.params.attester;
  attestation.time = event.block.timestamp;
  attestation.blockNumber = event.block.number;
  attestation.transactionHash = event.transaction.hash;
  attestation.revoked = false;
  attestation.save();
}

export function handleRevoked(event: Revoked): void {
  const attestation = Attestation.load(event.params.uid);
  if (attestation == null) return;
  attestation.revoked = true;
  attestation.revokedAt = event.block.timestamp;
  attestation.revocationTransactionHash = event.transaction.hash;
  attestation.save();
}
