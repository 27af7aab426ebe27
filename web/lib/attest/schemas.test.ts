import { describe, expect, it } from 'vitest';
import { zeroHash } from 'viem';
import { ATTESTATION_SCHEMAS, schemaUid as deployedSchemaUid } from '../../../scripts/deploy.ts';
import { FieldError, MAX_TEXT_LENGTH, SCHEMA_NAMES, SCHEMA_STRINGS, decodeSchemaData, encodeSchemaData, schemaFields, schemaNameOf, schemaUid } from './schemas.ts';

describe('schemas', () => {
  it('are the strings scripts/deploy.ts registers, with the same uids', () => {
    expect(SCHEMA_STRINGS).toEqual(ATTESTATION_SCHEMAS);
    expect([...SCHEMA_NAMES].sort()).toEqual(Object.keys(ATTESTATION_SCHEMAS).sort());
    for (const name of SCHEMA_NAMES) expect(schemaUid(SCHEMA_STRINGS[name])).toBe(deployedSchemaUid(ATTESTATION_SCHEMAS[name]));
  });

  it('matches the uid EAS computes (known value for the local deployment)', () => {
    expect(schemaUid('bool isAdult')).toBe('0xa2a5654046ec38be3be407c8fa85875306bf11ebf1513f860863c09d37e84449');
  });

  it('lists fields in order', () => {
    expect(schemaFields('verifiedMerchant')).toEqual([
      { name: 'businessName', type: 'string' },
      { name: 'registrationCountry', type: 'string' },
    ]);
    expect(schemaFields('adult')).toEqual([{ name: 'isAdult', type: 'bool' }]);
  });

  it('finds a schema name by uid, case-insensitively; null for other schemas', () => {
    const uids = { verifiedMerchant: '0xaa', verifiedBuyer: '0xbb', adult: '0xCC' } as const;
    expect(schemaNameOf('0xcc', uids)).toBe('adult');
    expect(schemaNameOf(zeroHash, uids)).toBeNull();
  });

  it('encodes and decodes the data round trip, trimming text', () => {
    const data = encodeSchemaData('verifiedMerchant', { businessName: '  杭州茶业 ', registrationCountry: 'CN' });
    expect(decodeSchemaData('verifiedMerchant', data)).toEqual({ businessName: '杭州茶业', registrationCountry: 'CN' });
    expect(decodeSchemaData('verifiedBuyer', encodeSchemaData('verifiedBuyer', { kycPassed: true }))).toEqual({ kycPassed: true });
    expect(decodeSchemaData('adult', encodeSchemaData('adult', {}))).toEqual({ isAdult: false });
  });

  it('refuses missing and too long text', () => {
    expect(() => encodeSchemaData('verifiedMerchant', { businessName: ' ', registrationCountry: 'CN' })).toThrow(FieldError);
    try {
      encodeSchemaData('verifiedMerchant', { businessName: 'x', registrationCountry: 'y'.repeat(MAX_TEXT_LENGTH + 1) });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ field: 'registrationCountry', reason: 'too-long' });
    }
  });

  it('decodes data that does not fit the schema as null', () => {
    expect(decodeSchemaData('verifiedMerchant', '0x1234')).toBeNull();
  });
});
