// npm run verify:site -- <cid> [--network <name>]
// Rebuilds the site from this checkout exactly as publish:ipfs does and says whether its root CID is the
// one given: how anyone checks that a published site is this source. Exit 0 on a match, 1 otherwise.
import { join } from 'node:path';
import { CID } from 'multiformats/cid';
import { buildAndPack, parseNetworkArg, root } from './site-build.ts';

async function main(): Promise<number> {
  const { network, rest } = parseNetworkArg(process.argv.slice(2));
  if (rest.length !== 1) throw new Error('usage: npm run verify:site -- <cid> [--network <name>]');
  let expected: CID;
  try {
    expected = CID.parse(rest[0]);
  } catch {
    throw new Error(`"${rest[0]}" is not a CID`);
  }
  console.log(`rebuilding the site for "${network}" to compare with ${expected}...`);
  const build = await buildAndPack({ network, carPath: join(root, 'dist', `verify-${network}.car`), quiet: true });
  // Compare as CIDv1: a v0 CID of the same DAG names the same content.
  if (build.root.toV1().equals(expected.toV1())) {
    console.log(`MATCH: commit ${build.commit} builds ${build.root} for "${network}".`);
    return 0;
  }
  console.log(
    `NO MATCH: commit ${build.commit} builds ${build.root} for "${network}", not ${expected}.\n` +
      '  Check out the commit the site was published from, and the network it was built for (--network).',
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`verify:site failed: ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  },
);
