// Starts the whole platform once for the browser tests: `npm start -- --fresh` on free ports in a temporary
// data directory (chain, contracts, demo data, graph node, IPFS, the site built for those ports). The URLs go
// to the tests through PLATFORM_FILE; the returned teardown stops everything with Ctrl-C like a user would.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/platform/ports.ts';
import { PLATFORM_FILE, type Platform, root } from './platform.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const deploymentFile = join(root, 'deployments/local.json');
  const developersDeployment = existsSync(deploymentFile) ? readFileSync(deploymentFile, 'utf8') : undefined;
  const work = mkdtempSync(join(tmpdir(), 'chainmart-e2e-'));
  const ports = { anvil: await freePort(), graph: await freePort(), ipfs: await freePort(), site: await freePort(), bundler: await freePort(), paymaster: await freePort() };
  const args = ['start', '--', '--fresh'];
  for (const [name, port] of Object.entries(ports)) args.push(`--${name}-port`, String(port));
  const child = spawn('npm', args, { cwd: root, detached: true, env: { ...process.env, CHAINMART_DATA_DIR: join(work, 'data') } });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 420_000; // under load (two cores shared) the start once took over 240 s
  while (!/ChainMart is ready/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      throw new Error(`npm start did not get ready:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const platform: Platform = {
    site: `http://127.0.0.1:${ports.site}/`,
    rpc: `http://127.0.0.1:${ports.anvil}`,
    subgraph: `http://127.0.0.1:${ports.graph}/subgraphs/name/chainmart`,
    ipfs: `http://127.0.0.1:${ports.ipfs}`,
    deployment: JSON.parse(readFileSync(deploymentFile, 'utf8')),
  };
  mkdirSync(join(PLATFORM_FILE, '..'), { recursive: true });
  writeFileSync(PLATFORM_FILE, JSON.stringify(platform, null, 2));

  return async () => {
    const running = () => child.exitCode === null && child.signalCode === null;
    if (child.pid && running()) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid, 'SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      if (running()) process.kill(-child.pid, 'SIGKILL');
    }
    rmSync(work, { recursive: true, force: true });
    if (developersDeployment !== undefined) writeFileSync(deploymentFile, developersDeployment);
  };
}
