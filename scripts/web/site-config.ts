// The network configuration baked into a build of the site: deployments/networks.json (chain, default
// endpoints) + deployments/<network>.json (addresses, start block, schema uids). One source of truth: the
// deploy writes those files, nobody copies addresses by hand. Local builds point at the ports `npm start`
// runs on through PUBLIC_* variables (scripts/platform/site-env.ts).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readDeployment, readNetworks } from '../deploy.ts';
import type { SiteConfig } from '../../web/lib/config/site.ts';

const root = join(import.meta.dirname, '../..');

function sourceCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function siteConfig(env: NodeJS.ProcessEnv = process.env): SiteConfig {
  const network = env.PUBLIC_CHAINMART_NETWORK ?? env.CHAINMART_NETWORK ?? 'local';
  const networks = readNetworks();
  const chain = networks[network];
  if (!chain) throw new Error(`unknown network "${network}"; known: ${Object.keys(networks).join(', ')}`);
  const deployment = readDeployment(network);
  if (deployment.chainId !== chain.chainId) {
    throw new Error(`deployments/${network}.json is for chain ${deployment.chainId}, networks.json says ${chain.chainId}`);
  }
  const c = deployment.contracts;
  const local = network === 'local';
  return {
    network,
    chainId: chain.chainId,
    chainName: chain.name,
    rpcUrls: env.PUBLIC_RPC_URL ? [env.PUBLIC_RPC_URL] : chain.rpcUrls,
    subgraphUrl: env.PUBLIC_SUBGRAPH_URL ?? chain.subgraphUrl,
    ipfsGateway: env.PUBLIC_IPFS_GATEWAY ?? chain.ipfsGateway,
    ipfsApi: env.PUBLIC_IPFS_API ?? (local ? chain.ipfsGateway : null),
    storachaService: env.PUBLIC_STORACHA_URL && env.PUBLIC_STORACHA_DID ? { url: env.PUBLIC_STORACHA_URL, did: env.PUBLIC_STORACHA_DID } : null,
    explorer: chain.explorer,
    bundlerUrl: env.PUBLIC_BUNDLER_URL ?? chain.bundlerUrl ?? null,
    paymasterUrl: env.PUBLIC_PAYMASTER_URL ?? chain.paymasterUrl ?? null,
    passkeyAccountFactory: (chain.passkeyAccountFactory ?? null) as SiteConfig['passkeyAccountFactory'],
    contracts: {
      escrow: c.ChainMartEscrow.address,
      catalog: c.ChainMartCatalog.address,
      points: c.ChainMartPoints.address,
      settlementToken: c.SettlementToken.address,
      approvalCollector: c.ApprovalCollector.address,
      permitCollector: c.PermitCollector.address,
      erc3009Collector: c.Erc3009Collector.address,
      easGate: c.EasGate.address,
      eas: c.EAS.address,
      schemaRegistry: c.SchemaRegistry.address,
    },
    startBlock: Math.min(...Object.values(c).map((contract) => contract.startBlock)),
    settlementToken: chain.settlementToken === 'deploy-test-stablecoin' ? { symbol: 'tUSD', decimals: 6 } : { symbol: 'USDC', decimals: 6 },
    schemas: deployment.schemas,
    trustedAttesters: chain.trustedAttesters as SiteConfig['trustedAttesters'],
    build: { commit: sourceCommit(), time: Number(env.SOURCE_DATE_EPOCH ?? 0) },
  };
}
