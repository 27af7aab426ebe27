import { describe, expect, it } from 'vitest';
import { type Address, type Hex, decodeFunctionData, encodeFunctionData, getAddress, zeroAddress, zeroHash } from 'viem';
import { chainMartCatalogAbi, easGateAbi } from '../contracts/generated/abi.ts';
import { type ListingGate, TRUE_DATA_HASH, gateOf, gateWrites, parseAttesters, readListingGate } from './gate.ts';

const schemas: Record<'verifiedMerchant' | 'verifiedBuyer' | 'adult', Hex> = {
  verifiedMerchant: `0x${'01'.repeat(32)}`,
  verifiedBuyer: `0x${'02'.repeat(32)}`,
  adult: `0x${'03'.repeat(32)}`,
};
const addresses = { catalog: getAddress('0x00000000000000000000000000000000000000ca'), easGate: getAddress('0x00000000000000000000000000000000000000ea'), schemas };
const A = getAddress('0x000000000000000000000000000000000000a11c');
const B = getAddress('0x000000000000000000000000000000000000b0b0');

describe('TRUE_DATA_HASH', () => {
  it('is keccak256(abi.encode(true)): 31 zero bytes then 0x01, hashed', () => {
    expect(TRUE_DATA_HASH).toBe('0xb10e2d527612073b26eecdfd717e6a320cf44b4afac2b0732d9fcbe2b7fa0cf6');
  });
});

describe('gateOf', () => {
  it('recognizes the platform schemas required to be true', () => {
    expect(gateOf(schemas.adult, TRUE_DATA_HASH, [A.toLowerCase() as Address], schemas)).toEqual({ kind: 'required', schema: 'adult', attesters: [A] });
    expect(gateOf(schemas.verifiedBuyer, TRUE_DATA_HASH, [A, B], schemas)).toMatchObject({ kind: 'required', schema: 'verifiedBuyer' });
  });

  it('shows anything else as custom, and an empty requirement as missing', () => {
    expect(gateOf(schemas.adult, zeroHash.replace(/0$/, '1') as Hex, [A], schemas)).toMatchObject({ kind: 'custom', schemaUid: schemas.adult });
    expect(gateOf(schemas.verifiedMerchant, TRUE_DATA_HASH, [A], schemas)).toMatchObject({ kind: 'custom' });
    expect(gateOf(zeroHash, zeroHash, [], schemas)).toEqual({ kind: 'missing' });
  });
});

describe('readListingGate', () => {
  function client(gate: Address, requirement?: readonly [Hex, Hex, Address[]]) {
    const calls: { address: Address; functionName: string; args: readonly unknown[] }[] = [];
    return {
      calls,
      readContract: (async (request: { address: Address; abi: unknown; functionName: string; args: readonly unknown[] }) => {
        calls.push(request);
        if (request.functionName === 'gateOf' && request.abi === chainMartCatalogAbi) return gate;
        if (request.functionName === 'requirementOf' && request.abi === easGateAbi) return requirement;
        throw new Error(`unexpected ${request.functionName}`);
      }) as never,
    };
  }

  it('reads gateOf from the catalog and the requirement from EasGate', async () => {
    const c = client(addresses.easGate.toLowerCase() as Address, [schemas.adult, TRUE_DATA_HASH, [A]]);
    expect(await readListingGate(c, addresses, 5n)).toEqual({ kind: 'required', schema: 'adult', attesters: [A] });
    expect(c.calls.map((call) => [call.address, call.functionName, call.args])).toEqual([
      [addresses.catalog, 'gateOf', [5n]],
      [addresses.easGate, 'requirementOf', [5n]],
    ]);
  });

  it('no gate, or a gate the site does not know', async () => {
    expect(await readListingGate(client(zeroAddress), addresses, 5n)).toEqual({ kind: 'none' });
    expect(await readListingGate(client(B), addresses, 5n)).toEqual({ kind: 'other-gate', gate: B });
  });
});

describe('parseAttesters', () => {
  it('reads addresses split by lines, commas or spaces, dropping duplicates', () => {
    expect(parseAttesters(`${A}\n${B.toLowerCase()}, ${A.toLowerCase()}`)).toEqual({ ok: true, attesters: [A, B] });
  });

  it('says what is wrong', () => {
    expect(parseAttesters('  ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseAttesters(`${A} 0x1234`)).toEqual({ ok: false, reason: 'invalid', entry: '0x1234' });
    expect(parseAttesters(zeroAddress)).toEqual({ ok: false, reason: 'zero', entry: zeroAddress });
    const nine = Array.from({ length: 9 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, '0')}`).join('\n');
    expect(parseAttesters(nine)).toEqual({ ok: false, reason: 'too-many' });
  });
});

describe('gateWrites', () => {
  const both = [...chainMartCatalogAbi, ...easGateAbi];
  const decode = (w: { request: { abi: readonly unknown[]; functionName: string; args: readonly unknown[] } }) => decodeFunctionData({ abi: both, data: encodeFunctionData(w.request as never) });

  it('a new requirement: setRequirement(listingId, schema, keccak256(abi.encode(true)), attesters) first, then setListingGate', () => {
    const writes = gateWrites(5n, { kind: 'none' }, { kind: 'required', schema: 'verifiedBuyer', attesters: [A, B] }, addresses);
    expect(writes.map((w) => [w.step, w.request.address])).toEqual([
      ['requirement', addresses.easGate],
      ['gate', addresses.catalog],
    ]);
    const requirement = decode(writes[0]);
    expect(requirement.functionName).toBe('setRequirement');
    expect(requirement.args).toEqual([5n, schemas.verifiedBuyer, TRUE_DATA_HASH, [A, B]]);
    const gate = decode(writes[1]);
    expect(gate.functionName).toBe('setListingGate');
    expect(gate.args).toEqual([5n, addresses.easGate]);
  });

  it('on EasGate already: only the requirement, and nothing if it is unchanged', () => {
    const current: ListingGate = { kind: 'required', schema: 'adult', attesters: [A] };
    expect(gateWrites(5n, current, { kind: 'required', schema: 'adult', attesters: [A.toLowerCase() as Address] }, addresses)).toEqual([]);
    expect(gateWrites(5n, current, { kind: 'required', schema: 'adult', attesters: [A, B] }, addresses).map((w) => w.step)).toEqual(['requirement']);
    expect(gateWrites(5n, current, { kind: 'required', schema: 'verifiedBuyer', attesters: [A] }, addresses).map((w) => w.step)).toEqual(['requirement']);
    expect(gateWrites(5n, { kind: 'missing' }, { kind: 'required', schema: 'adult', attesters: [A] }, addresses).map((w) => w.step)).toEqual(['requirement']);
  });

  it('removing the requirement points the listing at no gate', () => {
    const writes = gateWrites(5n, { kind: 'required', schema: 'adult', attesters: [A] }, { kind: 'none' }, addresses);
    expect(writes).toHaveLength(1);
    expect(decode(writes[0]).args).toEqual([5n, zeroAddress]);
    expect(gateWrites(5n, { kind: 'none' }, { kind: 'none' }, addresses)).toEqual([]);
  });
});
