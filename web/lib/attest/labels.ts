// Translated names of the platform's attestation schemas and statuses, shared by the attestation components.
import { m } from '../paraglide/messages.js';
import type { AttestationStatus } from './status.ts';
import type { SchemaName } from './schemas.ts';

export function schemaLabel(schema: string): string {
  const labels: Record<SchemaName, () => string> = {
    verifiedMerchant: m.attest_schema_verified_merchant,
    verifiedBuyer: m.attest_schema_verified_buyer,
    adult: m.attest_schema_adult,
  };
  return labels[schema as SchemaName]?.() ?? schema;
}

export function statusLabel(status: AttestationStatus): string {
  return { valid: m.attest_status_valid, expired: m.attest_status_expired, revoked: m.attest_status_revoked }[status]();
}

export function fieldLabel(field: string): string {
  const labels: Record<string, () => string> = {
    businessName: m.attest_field_business_name,
    registrationCountry: m.attest_field_registration_country,
    kycPassed: m.attest_field_kyc_passed,
    isAdult: m.attest_field_is_adult,
  };
  return labels[field]?.() ?? field;
}
