import { describe, expect, it } from 'vitest';
import { isTrusted, parseAttester, parseStoredTrust, serializeTrust, withAttester, withoutAttester } from './trust.ts';

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

describe('trusted attesters', () => {
  it('parses typed addresses to checksummed form; refuses anything else', () => {
    expect(parseAttester(`  ${A.toLowerCase()} `)).toBe(A);
    expect(parseAttester('0x1234')).toBeNull();
    expect(parseAttester('vitalik.eth')).toBeNull();
    expect(parseAttester('')).toBeNull();
  });

  it('uses the network defaults until the user stored a list, even an empty one', () => {
    expect(parseStoredTrust(null, [B.toLowerCase()])).toEqual([B]);
    expect(parseStoredTrust(serializeTrust([A]), [B])).toEqual([A]);
    expect(parseStoredTrust('[]', [B])).toEqual([]);
  });

  it('falls back to the defaults on corrupt storage and drops invalid or duplicate entries', () => {
    expect(parseStoredTrust('{not json', [A])).toEqual([A]);
    expect(parseStoredTrust('{"a":1}', [A])).toEqual([A]);
    expect(parseStoredTrust(JSON.stringify([A, 'nope', A.toLowerCase(), B]), [])).toEqual([A, B]);
    expect(parseStoredTrust(null, ['bad', A])).toEqual([A]);
  });

  it('adds once, removes case-insensitively, matches case-insensitively', () => {
    const list = withAttester(withAttester([A], B), B);
    expect(list).toEqual([A, B]);
    expect(withoutAttester(list, A.toLowerCase())).toEqual([B]);
    expect(isTrusted(list, B.toLowerCase())).toBe(true);
    expect(isTrusted([B], A)).toBe(false);
  });
});
