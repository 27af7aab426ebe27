// Deploys ChainMart (the escrow, which deploys its catalog and points; the token collectors; the EAS gate; and,
// where the network config says so, the USDC-like TestUsdc and EAS itself) and writes the ONE deployment file
// the subgraph and the web app read: deployments/<network>.json. The Permit2 collector uses the chain's Permit2; on
// the local chain, if Permit2 is missing, its audited runtime from the @uniswap/v4-periphery package is put there.
//
//   npm run deploy -- --network local                      (anvil; uses anvil's first development key)
//   DEPLOYER_PRIVATE_KEY=0x... npm run deploy -- --network base-sepolia [--rpc https://...]
//
// Optional environment: OWNER (may change the fee and fee recipient only; default: the deployer),
// FEE_RECIPIENT (default: the owner).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type Abi,
  type Address,
  type Hex,
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeAbiParameters,
  getAddress,
  encodePacked,
  http,
  keccak256,
  zeroAddress,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export const root = join(import.meta.dirname, '..');

/** Anvil's first development account: public knowledge, for local chains only. */
export const ANVIL_KEY_0: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

export interface NetworkConfig {
  chainId: number;
  name: string;
  rpcUrls: string[];
  subgraphUrl: string | null;
  ipfsGateway: string;
  /** ERC-4337 bundler and ERC-7677 paymaster (null: none chosen for this network yet). */
  bundlerUrl?: string | null;
  paymasterUrl?: string | null;
  /** PasskeyAccountFactory (the deterministic deployer's address on every chain; null until created there). */
  passkeyAccountFactory?: string | null;
  explorer: string | null;
  feeBps: number;
  settlementToken: string;
  /** "deploy" to deploy EAS from its npm package (local chains), or the chain's EAS addresses. */
  eas: 'deploy' | { eas: string; schemaRegistry: string };
  /** The chain's Permit2, if not at its canonical address. */
  permit2?: string;
  trustedAttesters: string[];
}

/** The platform's attestation schemas (EAS schema strings), registered on every network by the deploy. */
export const ATTESTATION_SCHEMAS = {
  verifiedMerchant: 'string businessName,string registrationCountry',
  verifiedBuyer: 'bool kycPassed',
  adult: 'bool isAdult',
} as const;

export type SchemaName = keyof typeof ATTESTATION_SCHEMAS;

export interface DeployedContract {
  address: Address;
  startBlock: number;
}

export interface Deployment {
  network: string;
  chainId: number;
  rpcUrl: string;
  contracts: {
    /** Orders, checkout, disputes, reviews, payouts. */
    ChainMartEscrow: DeployedContract;
    /** Merchants, listings, stock, provenance (deployed by the escrow). */
    ChainMartCatalog: DeployedContract;
    /** Cross-brand points (deployed by the escrow). */
    ChainMartPoints: DeployedContract;
    SettlementToken: DeployedContract;
    ApprovalCollector: DeployedContract;
    PermitCollector: DeployedContract;
    Erc3009Collector: DeployedContract;
    Permit2Collector: DeployedContract;
    /** Uniswap's Permit2 (not ours: startBlock 0). */
    Permit2: DeployedContract;
    EasGate: DeployedContract;
    EAS: DeployedContract;
    SchemaRegistry: DeployedContract;
  };
  /** EAS schema uids of `ATTESTATION_SCHEMAS`. */
  schemas: Record<SchemaName, Hex>;
}

export function readNetworks(): Record<string, NetworkConfig> {
  return JSON.parse(readFileSync(join(root, 'deployments/networks.json'), 'utf8'));
}

export function deploymentPath(network: string): string {
  return join(root, 'deployments', `${network}.json`);
}

export function readDeployment(network: string): Deployment {
  const path = deploymentPath(network);
  if (!existsSync(path)) throw new Error(`no deployment for "${network}": run npm run deploy -- --network ${network}`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

const EAS_ARTIFACTS = join(root, 'node_modules/@ethereum-attestation-service/eas-contracts/artifacts/contracts');

function easArtifact(name: 'EAS' | 'SchemaRegistry'): { abi: Abi; bytecode: Hex } {
  const json = JSON.parse(readFileSync(join(EAS_ARTIFACTS, `${name}.sol/${name}.json`), 'utf8'));
  return { abi: json.abi, bytecode: json.bytecode };
}

function artifact(file: string, name: string): { abi: Abi; bytecode: Hex } {
  const path = join(root, 'contracts/out', file, `${name}.json`);
  if (!existsSync(path)) {
    execFileSync('forge', ['build'], { cwd: join(root, 'contracts'), stdio: 'inherit' });
  }
  const json = JSON.parse(readFileSync(path, 'utf8'));
  return { abi: json.abi, bytecode: json.bytecode.object };
}

/** Permit2's address on every chain that has it (deployed with the same CREATE2 salt everywhere). */
export const CANONICAL_PERMIT2: Address = '0x000000000022D473030F116dDEE9F6B43aC78BA3';
/** Anvil's chain id: the only chain where the deploy may put code in place (anvil_setCode). */
const LOCAL_CHAIN_ID = 31337;
const PERMIT2_PACKAGE_RUNTIME = join(root, 'node_modules/@uniswap/v4-periphery/lib/permit2/test/utils/DeployPermit2.sol');
/** Where the runtime in Permit2's package was deployed when it was captured, on chain 31337. */
const PERMIT2_PACKAGE_ORIGIN: Address = '0xF62849F9A0B5Bf2913b396098F7c7019b51A820a';

function permit2DomainSeparator(chainId: number, verifyingContract: Address): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint256' }, { type: 'address' }],
      [
        keccak256(Buffer.from('EIP712Domain(string name,uint256 chainId,address verifyingContract)')),
        keccak256(Buffer.from('Permit2')),
        BigInt(chainId),
        verifyingContract,
      ],
    ),
  );
}

/**
 * Permit2's audited runtime as @uniswap/v4-periphery ships it (the `hex"..."` literal its DeployPermit2 helper etches),
 * as Permit2's constructor would have left it at `at` on chain `chainId`. The package's copy was captured from a test
 * deployment at PERMIT2_PACKAGE_ORIGIN on chain 31337, so its cached domain separator (an immutable, used as is while
 * the chain id matches) names that address and signatures made per Permit2's docs would not verify: the separator for
 * `at` is written in its place (the only PUSH32 of it). Every other byte is the package's.
 */
export function permit2Runtime(chainId: number, at: Address): Hex {
  const literal = /hex"([0-9a-f]+)"/.exec(readFileSync(PERMIT2_PACKAGE_RUNTIME, 'utf8'))?.[1];
  if (!literal) throw new Error(`no runtime bytecode literal in ${PERMIT2_PACKAGE_RUNTIME}`);
  const push32 = (word: Hex) => `7f${word.slice(2)}`;
  const stale = push32(permit2DomainSeparator(LOCAL_CHAIN_ID, PERMIT2_PACKAGE_ORIGIN));
  const occurrences = literal.split(stale).length - 1;
  if (occurrences !== 1) {
    throw new Error(`Permit2's packaged runtime holds its cached domain separator ${occurrences} times, expected once`);
  }
  return `0x${literal.replace(stale, push32(permit2DomainSeparator(chainId, at)))}`;
}

/** EAS schema uid: keccak256(abi.encodePacked(schema, resolver, revocable)), resolver none, revocable. */
export function schemaUid(schema: string): Hex {
  return keccak256(encodePacked(['string', 'address', 'bool'], [schema, zeroAddress, true]));
}

export async function deploy(opts: {
  rpcUrl: string;
  privateKey: Hex;
  network: string;
  owner?: Address;
  feeRecipient?: Address;
  write?: boolean;
}): Promise<Deployment> {
  const networks = readNetworks();
  const config = networks[opts.network];
  if (!config) throw new Error(`unknown network "${opts.network}"; known: ${Object.keys(networks).join(', ')}`);
  const account = privateKeyToAccount(opts.privateKey);
  const transport = http(opts.rpcUrl);
  const publicClient = createPublicClient({ transport });
  const chainId = await publicClient.getChainId();
  if (chainId !== config.chainId) {
    throw new Error(`RPC ${opts.rpcUrl} is chain ${chainId}, but network "${opts.network}" is chain ${config.chainId}`);
  }
  const chain = {
    id: chainId,
    name: config.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [opts.rpcUrl] } },
  } as const;
  const wallet = createWalletClient({ account, chain, transport });

  async function deployContract(file: string, name: string, args: unknown[] = []): Promise<DeployedContract> {
    return deployBytecode(name, artifact(file, name), args);
  }

  async function deployBytecode(
    name: string,
    { abi, bytecode }: { abi: Abi; bytecode: Hex },
    args: unknown[],
  ): Promise<DeployedContract> {
    const hash = await wallet.deployContract({ abi, bytecode, args });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`deploying ${name} failed: ${hash}`);
    return { address: getAddress(receipt.contractAddress), startBlock: Number(receipt.blockNumber) };
  }

  // Before anything is deployed: a public chain without Permit2 stops here.
  const permit2 = await ensurePermit2(config.permit2 ? getAddress(config.permit2) : CANONICAL_PERMIT2);
  const settlement =
    config.settlementToken === 'deploy-test-stablecoin'
      ? await deployContract('TestUsdc.sol', 'TestUsdc')
      : { address: getAddress(config.settlementToken), startBlock: 0 };
  const owner = opts.owner ?? account.address;

  let eas: DeployedContract;
  let schemaRegistry: DeployedContract;
  if (config.eas === 'deploy') {
    schemaRegistry = await deployBytecode('SchemaRegistry', easArtifact('SchemaRegistry'), []);
    eas = await deployBytecode('EAS', easArtifact('EAS'), [schemaRegistry.address]);
  } else {
    eas = { address: getAddress(config.eas.eas), startBlock: 0 };
    schemaRegistry = { address: getAddress(config.eas.schemaRegistry), startBlock: 0 };
  }

  const escrow = await deployContract('ChainMartEscrow.sol', 'ChainMartEscrow', [
    owner,
    opts.feeRecipient ?? owner,
    config.feeBps,
    settlement.address,
  ]);
  const { abi: escrowAbi } = artifact('ChainMartEscrow.sol', 'ChainMartEscrow');
  const read = async (functionName: 'catalog' | 'points') =>
    getAddress((await publicClient.readContract({ address: escrow.address, abi: escrowAbi, functionName })) as Address);
  const catalog = { address: await read('catalog'), startBlock: escrow.startBlock };
  const points = { address: await read('points'), startBlock: escrow.startBlock };
  const approvalCollector = await deployContract('ApprovalCollector.sol', 'ApprovalCollector', [escrow.address]);
  const permitCollector = await deployContract('PermitCollector.sol', 'PermitCollector', [escrow.address]);
  const erc3009Collector = await deployContract('Erc3009Collector.sol', 'Erc3009Collector', [escrow.address]);
  const gate = await deployContract('EasGate.sol', 'EasGate', [catalog.address, eas.address]);
  const permit2Collector = await deployContract('Permit2Collector.sol', 'Permit2Collector', [
    escrow.address,
    permit2.address,
  ]);
  const schemas = await registerSchemas(schemaRegistry.address);

  /** The chain's Permit2; put in place from the package on the local chain, required everywhere else. */
  async function ensurePermit2(address: Address): Promise<DeployedContract> {
    const code = await publicClient.getCode({ address });
    if (!code || code === '0x') {
      if (chainId !== LOCAL_CHAIN_ID) {
        throw new Error(`no Permit2 at ${address} on chain ${chainId}: refusing to deploy the Permit2 collector`);
      }
      const testClient = createTestClient({ mode: 'anvil', transport });
      await testClient.setCode({ address, bytecode: permit2Runtime(chainId, address) });
    }
    return { address, startBlock: 0 };
  }

  async function registerSchemas(registry: Address): Promise<Record<SchemaName, Hex>> {
    const { abi: registryAbi } = easArtifact('SchemaRegistry');
    const uids = {} as Record<SchemaName, Hex>;
    for (const [name, schema] of Object.entries(ATTESTATION_SCHEMAS) as [SchemaName, string][]) {
      const uid = schemaUid(schema);
      const existing = (await publicClient.readContract({
        address: registry,
        abi: registryAbi,
        functionName: 'getSchema',
        args: [uid],
      })) as { uid: Hex };
      if (existing.uid !== uid) {
        const hash = await wallet.writeContract({
          address: registry,
          abi: registryAbi,
          functionName: 'register',
          args: [schema, zeroAddress, true],
        });
        const receipt = await publicClient.waitForTransactionReceipt({ hash });
        if (receipt.status !== 'success') throw new Error(`registering schema ${name} failed: ${hash}`);
      }
      uids[name] = uid;
    }
    return uids;
  }

  const deployment: Deployment = {
    network: opts.network,
    chainId,
    rpcUrl: opts.rpcUrl,
    contracts: {
      ChainMartEscrow: escrow,
      ChainMartCatalog: catalog,
      ChainMartPoints: points,
      SettlementToken: settlement,
      ApprovalCollector: approvalCollector,
      PermitCollector: permitCollector,
      Erc3009Collector: erc3009Collector,
      Permit2Collector: permit2Collector,
      Permit2: permit2,
      EasGate: gate,
      EAS: eas,
      SchemaRegistry: schemaRegistry,
    },
    schemas,
  };
  if (opts.write !== false) {
    writeFileSync(deploymentPath(opts.network), `${JSON.stringify(deployment, null, 2)}\n`);
  }
  return deployment;
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main() {
  const network = argValue('network') ?? 'local';
  const config = readNetworks()[network];
  if (!config) throw new Error(`unknown network "${network}"`);
  const rpcUrl = argValue('rpc') ?? process.env.RPC_URL ?? config.rpcUrls[0];
  let privateKey = process.env.DEPLOYER_PRIVATE_KEY as Hex | undefined;
  if (!privateKey) {
    if (network !== 'local') throw new Error('set DEPLOYER_PRIVATE_KEY to deploy to a public network');
    privateKey = ANVIL_KEY_0;
  }
  const deployment = await deploy({
    rpcUrl,
    privateKey,
    network,
    owner: process.env.OWNER as Address | undefined,
    feeRecipient: process.env.FEE_RECIPIENT as Address | undefined,
  });
  console.log(`deployed to ${network} (chain ${deployment.chainId}):`);
  for (const [name, c] of Object.entries(deployment.contracts)) {
    console.log(`  ${name.padEnd(17)} ${c.address}  (block ${c.startBlock})`);
  }
  console.log(`wrote ${deploymentPath(network)}`);
  const render = join(root, 'subgraph/scripts/render.mjs');
  if (existsSync(render)) {
    execFileSync('node', [render, network], { stdio: 'inherit' });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(`deploy failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
