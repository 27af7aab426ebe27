// npm run seed -- [--rpc http://127.0.0.1:8545] [--ipfs http://127.0.0.1:8080]
// Seeds the demo data into an already running local chain (deployments/local.json) and IPFS node (its
// /api/v0/add). `npm start` does this by itself on the first run; this is for a chain started by hand.
import { readDeployment } from '../deploy.ts';
import { seed } from './seed.ts';

function arg(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

async function main(): Promise<void> {
  const deployment = readDeployment('local');
  const rpcUrl = arg('rpc', deployment.rpcUrl);
  const ipfs = arg('ipfs', 'http://127.0.0.1:8080');
  const summary = await seed({
    rpcUrl,
    deployment,
    log: console.log,
    content: {
      async add(bytes) {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(bytes)]), 'file');
        const response = await fetch(`${ipfs}/api/v0/add?cid-version=1`, { method: 'POST', body: form }).catch((error) => {
          throw new Error(`cannot reach the IPFS API at ${ipfs} (${error.message}); start it (npm start) or pass --ipfs <url>`);
        });
        if (!response.ok) throw new Error(`IPFS add failed: ${response.status} ${await response.text()}`);
        return (JSON.parse((await response.text()).trim().split('\n').at(-1)!) as { Hash: string }).Hash;
      },
    },
  });
  console.log(JSON.stringify(summary, null, 2));
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
