// The platform's EAS schema names, apart from their ABI encoding (schemas.ts): the pages that only show badges
// (a listing, a shop) need the names, not viem's ABI coder.
export type SchemaName = 'verifiedMerchant' | 'verifiedBuyer' | 'adult';

export const SCHEMA_NAMES: readonly SchemaName[] = ['verifiedMerchant', 'verifiedBuyer', 'adult'];

export function isSchemaName(value: unknown): value is SchemaName {
  return typeof value === 'string' && (SCHEMA_NAMES as readonly string[]).includes(value);
}
