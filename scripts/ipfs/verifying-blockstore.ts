// A file-system blockstore that re-hashes every block it reads and refuses one whose bytes do not match its
// CID. Helia verifies blocks fetched from the network but trusts its own store; a local gateway that serves
// "content addressed and checked by CID" must not trust files on disk either.
import { FsBlockstore } from 'blockstore-fs';
import type { CID } from 'multiformats/cid';
import { equals } from 'multiformats/bytes';
import { identity } from 'multiformats/hashes/identity';
import { sha256, sha512 } from 'multiformats/hashes/sha2';

const HASHERS = new Map<number, (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>>([
  [sha256.code, async (bytes) => (await sha256.digest(bytes)).digest],
  [sha512.code, async (bytes) => (await sha512.digest(bytes)).digest],
  [identity.code, (bytes) => identity.digest(bytes).digest],
]);

export class BlockVerificationError extends Error {
  constructor(readonly cid: CID) {
    super(`block ${cid} failed verification: its bytes on disk do not hash to its CID`);
    this.name = 'BlockVerificationError';
  }
}

export async function verifyBlock(cid: CID, bytes: Uint8Array): Promise<void> {
  const hash = HASHERS.get(cid.multihash.code);
  if (!hash) throw new Error(`block ${cid}: unsupported multihash 0x${cid.multihash.code.toString(16)}`);
  if (!equals(await hash(bytes), cid.multihash.digest)) throw new BlockVerificationError(cid);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export class VerifyingFsBlockstore extends FsBlockstore {
  override async *get(key: CID, options?: Parameters<FsBlockstore['get']>[1]): AsyncGenerator<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of super.get(key, options)) chunks.push(chunk);
    const bytes = concat(chunks);
    await verifyBlock(key, bytes);
    yield bytes;
  }
}
