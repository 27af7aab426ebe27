// The CID a file gets, computed here from its bytes, to check what an upload service reports before the CID
// goes on chain. One UnixFS profile serves both uploaders: CIDv1, raw leaves, 1 MiB chunks, balanced DAGs of
// width 1024, a file of one chunk reduced to its raw block. That is what the local Helia node's `addBytes`
// uses (@helia/unixfs's defaults) and what @storacha/client encodes with (@storacha/upload-client's
// unixfs.js: @ipld/unixfs with withMaxChunkSize(1 MiB) and withWidth(1024)); cid.test.ts checks the second
// implementation gives the same root for sizes on both sides of every chunk boundary we allow.
// The importer is a separate implementation (ipfs-unixfs-importer): a bug or a lie on the uploader's side
// does not repeat itself here. Loaded on demand, so no page pays for it until a file is uploaded.
import type { CID } from 'multiformats/cid';
import { CidMismatchError } from './errors.ts';

export { CidMismatchError };

export async function fileCid(bytes: Uint8Array): Promise<string> {
  const [{ importer }, { fixedSize }, { balanced }] = await Promise.all([
    import('ipfs-unixfs-importer'),
    import('ipfs-unixfs-importer/chunker'),
    import('ipfs-unixfs-importer/layout'),
  ]);
  // Only the root is wanted: blocks are hashed and dropped.
  const discard = { put: async (cid: CID) => cid };
  let root: CID | undefined;
  for await (const entry of importer([{ content: bytes }], discard as never, {
    cidVersion: 1,
    rawLeaves: true,
    reduceSingleLeafToSelf: true,
    chunker: fixedSize({ chunkSize: 1_048_576 }),
    layout: balanced({ maxChildrenPerNode: 1024 }),
  })) {
    root = entry.cid;
  }
  if (!root) throw new Error('the UnixFS importer gave no root');
  return root.toV1().toString();
}


/** Throws CidMismatchError unless `reported` is the CID of `bytes`; returns it otherwise. */
export async function checkedCid(reported: string, bytes: Uint8Array): Promise<string> {
  const computed = await fileCid(bytes);
  if (reported !== computed) throw new CidMismatchError(reported, computed);
  return computed;
}
