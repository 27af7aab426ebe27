// The deployment id graph-node reports in `_meta { deployment }`: the IPFS hash of the manifest `graph deploy`
// uploads. graph-cli (compiler/index.js, uploadSubgraphToIPFS) adds the schema, every ABI and every mapping
// to IPFS, replaces each `file:` path with `{ '/': '/ipfs/<cid>' }`, dumps the manifest with js-yaml
// (`noRefs`, `sortKeys`) and adds that. Files are added with kubo's defaults: CIDv0, dag-pb leaves, 256 KiB
// chunks, balanced layout, which @helia/unixfs reproduces with `cidVersion: 0, rawLeaves: false`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { unixfs } from '@helia/unixfs';
import { parse as parseYaml } from 'yaml';

type Blocks = Parameters<typeof unixfs>[0]['blockstore'];

/** The CID kubo's `ipfs add` gives these bytes (the blocks are kept only while hashing). */
export async function ipfsAddCid(bytes: Uint8Array): Promise<string> {
  const blocks = new Map<string, Uint8Array>();
  const blockstore = {
    put: async (cid: { toString(): string }, block: Uint8Array) => {
      blocks.set(cid.toString(), block);
      return cid;
    },
    get: async (cid: { toString(): string }) => blocks.get(cid.toString()),
    has: async (cid: { toString(): string }) => blocks.has(cid.toString()),
  } as unknown as Blocks;
  const cid = await unixfs({ blockstore }).addBytes(bytes, { cidVersion: 0, rawLeaves: false });
  return cid.toString();
}

/** js-yaml as graph-cli depends on it (its own copy), so the dump is byte for byte graph-cli's. */
function graphCliYaml(): { dump(value: unknown, options: Record<string, unknown>): string } {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('@graphprotocol/graph-cli/package.json'))('js-yaml');
}

interface ManifestFiles {
  schema?: { file?: unknown };
  dataSources?: { mapping?: { file?: unknown; abis?: { file?: unknown }[] } }[];
}

/** The deployment id (`Qm…`) graph-cli would upload the built manifest (build/subgraph.yaml) as. */
export async function deploymentId(manifestFile: string): Promise<string> {
  const dir = dirname(resolve(manifestFile));
  const manifest = parseYaml(readFileSync(manifestFile, 'utf8')) as ManifestFiles;
  const cache = new Map<string, string>();
  const link = async (file: unknown) => {
    const path = resolve(dir, String(file));
    if (!cache.has(path)) cache.set(path, await ipfsAddCid(readFileSync(path)));
    return { '/': `/ipfs/${cache.get(path)}` };
  };
  // In graph-cli's order: schema, ABIs, then mappings (the order only matters for its upload cache).
  if (manifest.schema?.file) manifest.schema.file = await link(manifest.schema.file);
  for (const ds of manifest.dataSources ?? []) for (const abi of ds.mapping?.abis ?? []) abi.file = await link(abi.file);
  for (const ds of manifest.dataSources ?? []) if (ds.mapping?.file) ds.mapping.file = await link(ds.mapping.file);
  const text = graphCliYaml().dump(manifest, { noRefs: true, sortKeys: true });
  return ipfsAddCid(Buffer.from(text, 'utf8'));
}
