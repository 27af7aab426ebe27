import { describe, expect, it } from 'vitest';
import { encodeFile } from '@storacha/upload-client/unixfs';
import { unixfs } from '@helia/unixfs';
import { MemoryBlockstore } from 'blockstore-core/memory';
import { CidMismatchError, checkedCid, fileCid } from './cid.ts';

function bytes(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(new ArrayBuffer(size));
  let x = seed;
  for (let i = 0; i < size; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

describe('fileCid', () => {
  it('gives the root @storacha/client uploads under, on both sides of the 1 MiB chunk boundary', async () => {
    for (const size of [1, 5_000, 1_048_576, 1_048_577, 2 * 1_048_576 + 7, 5 * 1024 * 1024]) {
      const data = bytes(size, size);
      const storacha = await encodeFile(new Blob([data]));
      expect(await fileCid(data), `size ${size}`).toBe(storacha.cid.toString());
    }
  }, 30_000);

  it('gives the root the local Helia node adds bytes under (scripts/ipfs/node.ts: addBytes, CIDv1, raw leaves)', async () => {
    const fs = unixfs({ blockstore: new MemoryBlockstore() } as never);
    for (const size of [6, 1_048_577, 2 * 1_048_576 + 7]) {
      const data = bytes(size, size + 1);
      const helia = await fs.addBytes(data, { cidVersion: 1, rawLeaves: true });
      expect(await fileCid(data), `size ${size}`).toBe(helia.toString());
    }
  }, 30_000);
});

describe('checkedCid', () => {
  it('passes the right CID and refuses another one', async () => {
    const data = bytes(3000, 1);
    const right = await fileCid(data);
    expect(await checkedCid(right, data)).toBe(right);
    const wrong = await fileCid(bytes(3000, 2));
    await expect(checkedCid(wrong, data)).rejects.toBeInstanceOf(CidMismatchError);
  });
});
