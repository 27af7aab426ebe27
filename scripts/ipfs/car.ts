// Packs a directory into a CAR with ipfs-car (UnixFS, CIDv1, raw leaves: the settings w3up/Storacha uses),
// and loads a CAR into a Helia blockstore. The root CID depends only on file names and bytes: no mtimes, no
// modes, entries in byte order of their names, so the same build gives the same CID on any machine.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CarReader } from '@ipld/car';
import type { Blockstore } from 'interface-blockstore';
import { CAREncoderStream, createDirectoryEncoderStream, type Block } from 'ipfs-car';
import { CID } from 'multiformats/cid';
import { verifyBlock } from './verifying-blockstore.ts';

/** Files under `dir` (relative, '/'-separated), sorted by code unit order. Symlinks and empty dirs are errors. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      const stat = statSync(full, { throwIfNoEntry: true });
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile()) out.push(relative(dir, full).split(sep).join('/'));
      else throw new Error(`${full}: only regular files and directories can be packed`);
    }
  };
  walk(dir);
  if (out.length === 0) throw new Error(`${dir} has no files to pack`);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface PackedCar {
  root: CID;
  car: Uint8Array;
  files: number;
  bytes: number;
}

export async function packDirectory(dir: string): Promise<PackedCar> {
  const paths = listFiles(dir);
  let bytes = 0;
  const files = paths.map((path) => {
    const content = readFileSync(join(dir, path));
    bytes += content.length;
    return {
      name: path,
      stream: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new Uint8Array(content));
            controller.close();
          },
        }),
    };
  });
  const blocks: Block[] = [];
  await createDirectoryEncoderStream(files).pipeTo(new WritableStream({ write: (block) => void blocks.push(block) }));
  const root = CID.asCID(blocks.at(-1)?.cid);
  if (!root) throw new Error(`packing ${dir} produced no blocks`);
  const chunks: Uint8Array[] = [];
  await new ReadableStream<Block>({
    start(controller) {
      for (const block of blocks) controller.enqueue(block);
      controller.close();
    },
  })
    .pipeThrough(new CAREncoderStream([root]))
    .pipeTo(new WritableStream({ write: (chunk) => void chunks.push(chunk) }));
  return { root, car: Buffer.concat(chunks), files: paths.length, bytes };
}

export async function writeCar(dir: string, carPath: string): Promise<PackedCar> {
  const packed = await packDirectory(dir);
  writeFileSync(carPath, packed.car);
  return packed;
}

/** Verifies every block of a CAR against its CID and stores it; returns the CAR's roots. */
export async function importCar(blockstore: Pick<Blockstore, 'put'>, car: Uint8Array): Promise<CID[]> {
  const reader = await CarReader.fromBytes(car);
  for await (const { cid, bytes } of reader.blocks()) {
    await verifyBlock(cid, bytes);
    await blockstore.put(cid, bytes);
  }
  return reader.getRoots();
}
