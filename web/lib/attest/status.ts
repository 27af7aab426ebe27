// An attestation's state as the chain has it, without viem's clients or the EAS ABI: badges on every listing
// page need only this, and the reads that fill it load on demand (eas.ts).
import type { Address, Hex } from 'viem';

/** EAS's on-chain Attestation struct. Times are unix seconds; 0 means never (expiration) or not (revocation). */
export interface OnChainAttestation {
  uid: Hex;
  schema: Hex;
  time: bigint;
  expirationTime: bigint;
  revocationTime: bigint;
  refUID: Hex;
  recipient: Address;
  attester: Address;
  revocable: boolean;
  data: Hex;
}

export type AttestationStatus = 'valid' | 'expired' | 'revoked';

/** Revocation wins over expiration; `now` is the chain's time (the latest block), not the browser's clock. */
export function statusOf(attestation: { revocationTime: bigint; expirationTime: bigint }, now: bigint): AttestationStatus {
  if (attestation.revocationTime > 0n) return 'revoked';
  if (attestation.expirationTime > 0n && attestation.expirationTime <= now) return 'expired';
  return 'valid';
}
