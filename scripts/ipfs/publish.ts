// npm run publish:ipfs -- [--network <name>] [--out <file.car>]
// Builds the site for a network from a clean tree, packs it into a CAR (UnixFS, CIDv1), prints the root CID
// and gateway URLs, and uploads the CAR to Storacha when credentials are in the environment:
//   STORACHA_KEY    the agent's private key (`storacha key create`, the line starting with "Mg...")
//   STORACHA_PROOF  a delegation from your space to that agent, base64 (`storacha delegation create <agent did>
//                   --can space/blob/add --can space/index/add --can upload/add --can filecoin/offer --base64`)
// Without them it stops after writing the CAR, and says so. See README "Publishing the site".
import { join, relative } from 'node:path';
import { readNetworks } from '../deploy.ts';
import { type SiteBuild, buildAndPack, gatewayUrls, parseNetworkArg, root } from './site-build.ts';

async function upload(build: SiteBuild, key: string, proof: string): Promise<string> {
  const Client = await import('@storacha/client');
  const { StoreMemory } = await import('@storacha/client/stores/memory');
  const Proof = await import('@storacha/client/proof');
  const { Signer } = await import('@storacha/client/principal/ed25519');
  const client = await Client.create({ principal: Signer.parse(key), store: new StoreMemory() });
  const space = await client.addSpace(await Proof.parse(proof));
  await client.setCurrentSpace(space.did());
  const uploaded = await client.uploadCAR(new Blob([new Uint8Array(build.car)]));
  if (uploaded.toString() !== build.root.toString()) {
    throw new Error(`Storacha stored root ${uploaded}, but the CAR's root is ${build.root}`);
  }
  return space.did();
}

/** A local build goes into the running local IPFS node (npm start), so its gateway serves it right away. */
async function importIntoLocalNode(build: SiteBuild): Promise<void> {
  const api = process.env.IPFS_API ?? readNetworks().local.ipfsGateway;
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(build.car)]), 'site.car');
  try {
    const response = await fetch(`${api}/api/v0/dag/import`, { method: 'POST', body: form });
    if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
    console.log(`\nimported into the local IPFS node: ${api}/ipfs/${build.root}/`);
  } catch (error) {
    console.log(`\n(the local IPFS node at ${api} did not take the CAR: ${error instanceof Error ? error.message : error}; is npm start running?)`);
  }
}

async function main(): Promise<void> {
  const { network, rest } = parseNetworkArg(process.argv.slice(2));
  let carPath = join(root, 'dist', `site-${network}.car`);
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--out' && rest[i + 1]) carPath = join(process.cwd(), rest[++i]);
    else throw new Error(`unknown argument ${rest[i]}; usage: npm run publish:ipfs -- [--network <name>] [--out <file.car>]`);
  }
  console.log(`building the site for "${network}" from a clean tree...`);
  const build = await buildAndPack({ network, carPath });
  console.log(`
root CID   ${build.root}
CAR        ${relative(process.cwd(), build.carPath)} (${build.files} files, ${(build.car.length / 1024).toFixed(0)} KiB)
commit     ${build.commit} (SOURCE_DATE_EPOCH=${build.sourceDateEpoch})
gateways   ${gatewayUrls(build.root.toString(), network).join('\n           ')}
verify     npm run verify:site -- ${build.root} --network ${network}`);
  if (network === 'local') await importIntoLocalNode(build);
  const key = process.env.STORACHA_KEY;
  const proof = process.env.STORACHA_PROOF;
  if (!key || !proof) {
    console.log(
      `\nNo Storacha credentials (STORACHA_KEY and STORACHA_PROOF are not both set): the CAR is written and nothing was uploaded.\n` +
        `Set them (see README, "Publishing the site") to upload, or pin ${relative(process.cwd(), build.carPath)} with any IPFS pinning service.`,
    );
    return;
  }
  console.log('\nuploading to Storacha...');
  const space = await upload(build, key, proof);
  console.log(`uploaded ${build.root} to space ${space}`);
}

main().catch((error: unknown) => {
  console.error(`publish:ipfs failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
