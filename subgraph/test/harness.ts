// Integration test harness: a throwaway anvil with the real v2 contracts (scripts/deploy.ts: escrow, catalog,
// points, collectors, EasGate, TestUsdc, EAS), the subgraph built for that deployment, and the local graph node
// (subgraph/node) indexing it through the compiled wasm.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Abi,
  type Address,
  type Hex,
  type TransactionReceipt,
  createPublicClient,
  createWalletClient,
  getAddress,
  http,
  toHex,
} from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { parse as parseYaml } from 'yaml';
import { type Deployment, deploy } from '../../scripts/deploy.ts';
import { type GraphNode, startGraphNode } from '../node/index.ts';
import { type Anvil, gql, rpc, startAnvil, waitFor } from '../node/test/chain.ts';
import { renderSubgraph } from '../scripts/render.mjs';

const subgraphRoot = join(import.meta.dirname, '..');
const repoRoot = join(subgraphRoot, '..');
const MNEMONIC = 'test test test test test test test test test test test junk';

/** anvil's public development accounts (well-known keys, never used outside local chains). */
export function devAccount(index: number) {
  const account = mnemonicToAccount(MNEMONIC, { addressIndex: index });
  return { account, address: account.address, privateKey: toHex(account.getHdKey().privateKey!) };
}

export function artifactAbi(file: string, name = file): Abi {
  return JSON.parse(readFileSync(join(repoRoot, 'contracts/out', `${file}.sol`, `${name}.json`), 'utf8')).abi;
}

/**
 * The manifest to index `deployment` with: the one `npm run build:subgraph` produced, or the copy an earlier
 * test built into subgraph/test/.build, when it was rendered for the same addresses (a fresh anvil gives the
 * deploy script the same addresses every time, so the suites of one run share one build); otherwise a build of
 * its own rendered for this deployment into subgraph/test/.build.
 */
export function manifestFor(deployment: Deployment, log: (line: string) => void): string {
  const outDir = join(subgraphRoot, 'test/.build');
  const candidates = [
    { dir: subgraphRoot, what: 'subgraph/build (npm run build:subgraph)', fresh: () => true },
    // A copy from an earlier run is used only if no source changed since it was built.
    { dir: outDir, what: 'subgraph/test/.build (built by an earlier test)', fresh: () => builtAfterSources(outDir) },
  ];
  for (const { dir, what, fresh } of candidates) {
    if (builtFor(dir, deployment) && fresh()) {
      log(`using ${what}, rendered for these addresses`);
      return join(dir, 'build/subgraph.yaml');
    }
  }
  const scratch = mkdtempSync(join(tmpdir(), 'chainmart-deployment-'));
  try {
    const deploymentFile = join(scratch, 'local.json');
    writeFileSync(deploymentFile, JSON.stringify(deployment));
    const started = performance.now();
    const rendered = renderSubgraph({ network: 'local', deploymentFile, outDir });
    const graph = join(repoRoot, 'node_modules/.bin/graph');
    execFileSync(graph, ['codegen'], { cwd: rendered.dir, stdio: 'pipe' });
    execFileSync(graph, ['build'], { cwd: rendered.dir, stdio: 'pipe' });
    log(`subgraph/build is not rendered for this deployment: built a copy in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return join(rendered.dir, 'build/subgraph.yaml');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether `dir` holds a compiled subgraph rendered for `deployment`: manifest addresses and compiled-in constants. */
function builtFor(dir: string, deployment: Deployment): boolean {
  const built = join(dir, 'build/subgraph.yaml');
  const network = join(dir, 'src/common/network.ts');
  if (!existsSync(built) || !existsSync(network)) return false;
  const sources = (parseYaml(readFileSync(built, 'utf8')) as { dataSources: { name: string; source: { address: string; startBlock: number } }[] }).dataSources;
  const matches = (['ChainMartCatalog', 'ChainMartEscrow', 'ChainMartPoints', 'EAS'] as const).every((name) => {
    const source = sources.find((s) => s.name === name)?.source;
    const expected = deployment.contracts[name];
    return source && getAddress(source.address) === getAddress(expected.address) && source.startBlock === expected.startBlock;
  });
  const rendered = readFileSync(network, 'utf8');
  return matches && [deployment.contracts.SettlementToken.address, ...Object.values(deployment.schemas)].every((value) => rendered.includes(value.toLowerCase()));
}

/** Whether the copy in `dir` was built after the last change to the subgraph's sources, schema, manifest and ABIs. */
function builtAfterSources(dir: string): boolean {
  const generated = join(subgraphRoot, 'src/common/network.ts');
  const newest = (path: string): number => {
    if (path === generated) return 0;
    const stat = statSync(path);
    return stat.isDirectory() ? Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry)))) : stat.mtimeMs;
  };
  const sources = Math.max(...['src', 'schema.graphql', 'subgraph.template.yaml', 'abis'].map((path) => newest(join(subgraphRoot, path))));
  return statSync(join(dir, 'build/subgraph.yaml')).mtimeMs > sources;
}

export interface Harness {
  anvil: Anvil;
  node: GraphNode;
  deployment: Deployment;
  escrow: Address;
  catalog: Address;
  points: Address;
  /** TestUsdc, the settlement token. */
  stablecoin: Address;
  /** Sends a transaction from a dev account and waits until the graph node has indexed its block. */
  send(from: number, to: Address, abi: Abi, functionName: string, args: unknown[], value?: bigint): Promise<TransactionReceipt>;
  read<T>(address: Address, abi: Abi, functionName: string, args?: unknown[]): Promise<T>;
  /** Moves the chain's clock forward and mines a block. */
  increaseTime(seconds: number): Promise<void>;
  /** A GraphQL query against the graph node; GraphQL errors throw. */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

export async function startHarness(log: (line: string) => void = () => {}): Promise<Harness> {
  const anvil = await startAnvil(['--accounts', '10']);
  let node: GraphNode | undefined;
  try {
    const deployer = devAccount(0);
    const deployment = await deploy({ rpcUrl: anvil.rpcUrl, privateKey: deployer.privateKey, network: 'local', write: false });
    const manifest = manifestFor(deployment, log);
    node = await startGraphNode({ subgraph: manifest, rpcUrl: anvil.rpcUrl, port: 0, pollMs: 20, log: () => {} });
    const running = node;
    const transport = http(anvil.rpcUrl);
    const publicClient = createPublicClient({ chain: foundry, transport });
    const wallets = new Map<number, ReturnType<typeof createWalletClient>>();
    const wallet = (index: number) => {
      if (!wallets.has(index)) wallets.set(index, createWalletClient({ account: devAccount(index).account, chain: foundry, transport }));
      return wallets.get(index)!;
    };
    const synced = async (block: bigint) => {
      await waitFor(async () => (await running.indexedBlock()) >= Number(block) || running.indexingError() !== null, 20_000, `the graph node to index block ${block}`);
      if (running.indexingError()) throw new Error(`indexing failed: ${running.indexingError()}`);
    };
    return {
      anvil,
      node: running,
      deployment,
      escrow: deployment.contracts.ChainMartEscrow.address,
      catalog: deployment.contracts.ChainMartCatalog.address,
      points: deployment.contracts.ChainMartPoints.address,
      stablecoin: deployment.contracts.SettlementToken.address,
      async send(from, to, abi, functionName, args, value) {
        const hash = await wallet(from).writeContract({ address: to, abi, functionName, args, value, account: devAccount(from).account, chain: foundry } as never);
        const receipt = await publicClient.waitForTransactionReceipt({ hash });
        if (receipt.status !== 'success') throw new Error(`${functionName} reverted (${hash})`);
        await synced(receipt.blockNumber);
        return receipt;
      },
      read: <T>(address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
        publicClient.readContract({ address, abi, functionName, args }) as Promise<T>,
      async increaseTime(seconds) {
        await rpc(anvil.rpcUrl, 'evm_increaseTime', [seconds]);
        await rpc(anvil.rpcUrl, 'evm_mine');
      },
      async query(query, variables) {
        const result = await gql(running.url, query, variables);
        if (result.errors) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}\nquery: ${query}`);
        return result.data as never;
      },
      async stop() {
        await running.stop();
        await anvil.stop();
      },
    };
  } catch (error) {
    await node?.stop();
    await anvil.stop();
    throw error;
  }
}

/** Hex as graph-node returns Bytes: lowercase. */
export const lower = (value: string): Hex => value.toLowerCase() as Hex;
