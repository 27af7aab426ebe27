// The platform's EAS schemas as the site encodes and decodes them. The uids come from the network config
// (settings.site.schemas, written by scripts/deploy.ts, which registers the same schema strings); the unit test
// checks these strings against the deploy script's and the uids against EAS's uid formula.
import { type Hex, decodeAbiParameters, encodeAbiParameters, encodePacked, keccak256, parseAbiParameters, zeroAddress } from 'viem';

import { SCHEMA_NAMES, type SchemaName } from './schema-names.ts';

export { SCHEMA_NAMES, isSchemaName, type SchemaName } from './schema-names.ts';

export type FieldType = 'string' | 'bool';
export interface SchemaField {
  name: string;
  type: FieldType;
}

/** EAS schema strings; changing one changes its uid, so it must change in scripts/deploy.ts too. */
export const SCHEMA_STRINGS: Record<SchemaName, string> = {
  verifiedMerchant: 'string businessName,string registrationCountry',
  verifiedBuyer: 'bool kycPassed',
  adult: 'bool isAdult',
};

/** Longest text a string field accepts (the attestation is public and costs gas per byte). */
export const MAX_TEXT_LENGTH = 120;

export type FieldValues = Record<string, string | boolean>;

export function schemaFields(schema: SchemaName): SchemaField[] {
  return SCHEMA_STRINGS[schema].split(',').map((part) => {
    const [type, name] = part.trim().split(/\s+/);
    return { type: type as FieldType, name };
  });
}

/** EAS's schema uid: keccak256(abi.encodePacked(schema, resolver, revocable)); the platform's have no resolver. */
export function schemaUid(schema: string, resolver: Hex = zeroAddress, revocable = true): Hex {
  return keccak256(encodePacked(['string', 'address', 'bool'], [schema, resolver, revocable]));
}

/** The schema's name for a uid of the network config, or null for a schema the platform does not use. */
export function schemaNameOf(uid: string, uids: Record<SchemaName, Hex>): SchemaName | null {
  return SCHEMA_NAMES.find((name) => uids[name].toLowerCase() === uid.toLowerCase()) ?? null;
}

export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: 'missing' | 'too-long',
  ) {
    super(`${field}: ${reason}`);
    this.name = 'FieldError';
  }
}

/** ABI-encodes the values as the schema's data; text is trimmed, must be present and at most MAX_TEXT_LENGTH. */
export function encodeSchemaData(schema: SchemaName, values: FieldValues): Hex {
  const fields = schemaFields(schema);
  const encoded = fields.map((field) => {
    const value = values[field.name];
    if (field.type === 'bool') return value === true;
    const text = typeof value === 'string' ? value.trim() : '';
    if (!text) throw new FieldError(field.name, 'missing');
    if (text.length > MAX_TEXT_LENGTH) throw new FieldError(field.name, 'too-long');
    return text;
  });
  return encodeAbiParameters(parseAbiParameters(SCHEMA_STRINGS[schema]), encoded);
}

/** Decodes attestation data of the schema; null when it does not decode (EAS does not check data). */
export function decodeSchemaData(schema: SchemaName, data: Hex): FieldValues | null {
  try {
    const values = decodeAbiParameters(parseAbiParameters(SCHEMA_STRINGS[schema]), data);
    return Object.fromEntries(schemaFields(schema).map((field, i) => [field.name, values[i] as string | boolean]));
  } catch {
    return null;
  }
}
