import { describe, expect, it } from 'vitest';
import { parseQuery, queryText, rebuildCommand, siteCid } from './query.ts';

const cidV1 = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
const cidV0 = 'QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG';

describe('parseQuery', () => {
  it('recognizes each kind', () => {
    expect(parseQuery('12')).toEqual({ kind: 'order', id: 12n });
    expect(parseQuery(' #12 ', 'listing')).toEqual({ kind: 'listing', id: 12n });
    expect(parseQuery('listing:3')).toEqual({ kind: 'listing', id: 3n });
    expect(parseQuery('Order 4')).toEqual({ kind: 'order', id: 4n });
    expect(parseQuery('0x70997970c51812dc3a010c7d01b50e0d17dc79c8')).toEqual({ kind: 'merchant', address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' });
    const hash = `0x${'AB'.repeat(32)}`;
    expect(parseQuery(hash)).toEqual({ kind: 'tx', hash: hash.toLowerCase() });
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'abc', '0x123', '-1', '1.5', `0x${'a'.repeat(63)}`, '123456789012345678901']) expect(parseQuery(bad)).toBeNull();
  });

  it('round-trips through the URL text', () => {
    for (const text of ['order:5', 'listing:9', `0x${'ab'.repeat(32)}`]) expect(queryText(parseQuery(text)!)).toBe(text);
  });
});

describe('siteCid', () => {
  it('reads path and subdomain gateways', () => {
    expect(siteCid({ hostname: 'ipfs.io', pathname: `/ipfs/${cidV1}/verify/` })).toBe(cidV1);
    expect(siteCid({ hostname: '127.0.0.1', pathname: `/ipfs/${cidV0}/` })).toBe(cidV0);
    expect(siteCid({ hostname: `${cidV1}.ipfs.dweb.link`, pathname: '/verify/' })).toBe(cidV1);
  });

  it('is null when not served from IPFS or the segment is not a CID', () => {
    expect(siteCid({ hostname: 'localhost', pathname: '/verify/' })).toBeNull();
    expect(siteCid({ hostname: 'x', pathname: '/ipfs/not-a-cid/' })).toBeNull();
    expect(siteCid({ hostname: 'www.ipfs.tech', pathname: '/' })).toBeNull();
  });
});

describe('rebuildCommand', () => {
  it('checks out the commit and verifies the CID for the network', () => {
    expect(rebuildCommand('abc123', cidV1, 'sepolia')).toBe(`git checkout abc123 && npm ci && npm run verify:site -- ${cidV1} --network sepolia`);
    expect(rebuildCommand(null, null, 'local')).toBe('git checkout <commit> && npm ci && npm run verify:site -- <cid> --network local');
  });
});
