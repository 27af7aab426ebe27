// Renders the subgraph for one network from subgraph/config/<network>.json and the deployment file that
// scripts/deploy.ts writes (deployments/<network>.json):
//   - subgraph.yaml       the manifest (addresses, start blocks, graph network name, event handlers)
//   - src/common/network.ts  the network's known tokens (symbol, decimals, settlement token) and the platform's
//                         EAS schema uids for the mappings, which never use eth_call
//   - abis/*.json         the ABIs of ChainMartCatalog, ChainMartEscrow and ChainMartPoints, extracted from forge's
//                         build output (contracts/out), and, for EAS, from the
//                         npm package the deploy script deploys it from (@ethereum-attestation-service/eas-contracts)
// All three are generated (gitignored). Event handler signatures come from the ABI, so they cannot drift.
//
//   node subgraph/scripts/render.mjs [network] [--placeholder] [--deployment <file>] [--out <dir>]
//
// --placeholder   renders zero addresses when the deployment file does not exist (a compile check only).
// --deployment    reads this deployment file instead of the one named in the config.
// --out           writes a self-contained copy of the subgraph (schema, mappings and the rendered files) into
//                 <dir> instead of rendering in place; the integration tests build their own deployment there.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const subgraphRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(subgraphRoot, '..');
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';
/** The protocol's data sources, each rendered from the deployment's contract of the same name and forge's ABI. */
const DATA_SOURCES = ['ChainMartCatalog', 'ChainMartEscrow', 'ChainMartPoints'];
/** The data sources whose handler list is generated from every event of their ABI (less IGNORED_EVENTS). */
export const GENERATED_HANDLERS = { ChainMartCatalog: '{{catalogEventHandlers}}', ChainMartEscrow: '{{escrowEventHandlers}}' };
/** The contract whose deployment block starts a predeployed EAS's data source. */
const PLATFORM_CONTRACT = 'ChainMartEscrow';
const EAS_ARTIFACT = join(repoRoot, 'node_modules/@ethereum-attestation-service/eas-contracts/artifacts/contracts/EAS.sol/EAS.json');
/** The EAS events the subgraph handles; their signatures are read from the EAS artifact. */
export const EAS_EVENTS = ['Attested', 'Revoked'];
/** Escrow events that carry nothing the site shows: the EIP-712 domain and ownership of the fee settings. */
export const IGNORED_EVENTS = new Set(['EIP712DomainChanged', 'OwnershipTransferStarted', 'OwnershipTransferred']);

export class RenderError extends Error {}

/**
 * Renders the subgraph for `network`. Returns where it wrote and what it used.
 * @param {{ network: string, placeholder?: boolean, deploymentFile?: string, outDir?: string }} opts
 */
export function renderSubgraph({ network, placeholder = false, deploymentFile, outDir }) {
  const configPath = join(subgraphRoot, 'config', `${network}.json`);
  if (!existsSync(configPath)) {
    throw new RenderError(`no subgraph config for network "${network}" (${configPath}); known: local, base-sepolia, base`);
  }
  if (placeholder && network !== 'local') throw new RenderError('--placeholder is for local compile checks only');
  const config = JSON.parse(readFileSync(configPath, 'utf8'));
  for (const key of ['graphNetwork', 'chainId', 'deployment', 'tokens']) {
    if (config[key] === undefined) throw new RenderError(`${configPath} has no "${key}"`);
  }

  const deploymentPath = deploymentFile ? resolve(deploymentFile) : join(subgraphRoot, config.deployment);
  const notes = [];
  let contracts;
  let schemas;
  if (existsSync(deploymentPath)) {
    const deployment = JSON.parse(readFileSync(deploymentPath, 'utf8'));
    if (deployment.chainId !== config.chainId) {
      throw new RenderError(`${deploymentPath} is for chain ${deployment.chainId}, but network "${network}" is chain ${config.chainId}`);
    }
    contracts = deployment.contracts ?? {};
    schemas = deployment.schemas ?? {};
    for (const name of [...DATA_SOURCES, 'EAS']) {
      const c = contracts[name];
      if (!c || !/^0x[0-9a-fA-F]{40}$/.test(c.address ?? '') || !Number.isInteger(c.startBlock)) {
        throw new RenderError(`${deploymentPath} has no valid contracts.${name} { address, startBlock }`);
      }
    }
    if (Object.keys(schemas).length === 0) throw new RenderError(`${deploymentPath} has no "schemas" (EAS schema uids by name)`);
    for (const [name, uid] of Object.entries(schemas)) {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name) || !/^0x[0-9a-fA-F]{64}$/.test(uid ?? '')) {
        throw new RenderError(`${deploymentPath}: schemas.${name} is not a schema uid (bytes32)`);
      }
    }
  } else if (placeholder) {
    notes.push(`no ${deploymentPath}: rendered ZERO addresses and no settlement token (a compile check only, not deployable)`);
    const zero = { address: ZERO_ADDRESS, startBlock: 0 };
    contracts = { ChainMartCatalog: zero, ChainMartEscrow: zero, ChainMartPoints: zero, EAS: zero };
    schemas = {};
  } else {
    throw new RenderError(
      `no deployment for "${network}" (${deploymentPath}): run npm run deploy -- --network ${network} first` +
        (network === 'local' ? ' (or pass --placeholder for a compile check)' : ''),
    );
  }

  const target = outDir ? resolve(outDir) : subgraphRoot;
  if (outDir) {
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    cpSync(join(subgraphRoot, 'src'), join(target, 'src'), { recursive: true });
    cpSync(join(subgraphRoot, 'schema.graphql'), join(target, 'schema.graphql'));
  }

  mkdirSync(join(target, 'abis'), { recursive: true });
  const abis = {};
  for (const name of DATA_SOURCES) {
    const artifact = join(repoRoot, 'contracts/out', `${name}.sol`, `${name}.json`);
    if (!existsSync(artifact)) throw new RenderError(`missing ${artifact}: build the contracts first (cd contracts && npx forge build)`);
    abis[name] = JSON.parse(readFileSync(artifact, 'utf8')).abi;
    writeFileSync(join(target, 'abis', `${name}.json`), `${JSON.stringify(abis[name], null, 2)}\n`);
  }
  if (!existsSync(EAS_ARTIFACT)) throw new RenderError(`missing ${EAS_ARTIFACT}: npm install first`);
  // Only the handled events: the mappings never call EAS, so the generated bindings need nothing else.
  const easEvents = JSON.parse(readFileSync(EAS_ARTIFACT, 'utf8')).abi.filter((item) => item.type === 'event' && EAS_EVENTS.includes(item.name));
  if (easEvents.length !== EAS_EVENTS.length) throw new RenderError(`${EAS_ARTIFACT} lacks one of the events ${EAS_EVENTS.join(', ')}`);
  writeFileSync(join(target, 'abis', 'EAS.json'), `${JSON.stringify(easEvents, null, 2)}\n`);

  // A predeployed EAS (Base: 0x4200...0021) has startBlock 0 in the deployment file: indexing every attestation
  // since genesis would be wasteful, so its data source starts with the platform (whose deploy registered the
  // schemas); attestations of these schemas made before the platform existed are then not indexed.
  const eas = { address: contracts.EAS.address, startBlock: contracts.EAS.startBlock || contracts[PLATFORM_CONTRACT].startBlock };
  if (!contracts.EAS.startBlock && !placeholder) notes.push(`EAS has no deployment block: indexed from ${PLATFORM_CONTRACT}'s block ${eas.startBlock}`);

  const tokens = resolveTokens(config, contracts, configPath, notes);
  writeFileSync(join(target, 'src/common/network.ts'), networkModule(network, config, tokens, schemas));
  writeFileSync(join(target, 'subgraph.yaml'), manifest(config, { ...contracts, EAS: eas }, abis, easEvents));
  return { dir: target, manifest: join(target, 'subgraph.yaml'), contracts, tokens, schemas, notes };
}

/** The config's tokens with addresses: a literal address, or a contract of the deployment (the settlement token). */
function resolveTokens(config, contracts, configPath, notes) {
  const tokens = [];
  for (const entry of config.tokens) {
    if (typeof entry.symbol !== 'string' || !Number.isInteger(entry.decimals)) {
      throw new RenderError(`${configPath}: every token needs a symbol and integer decimals (${JSON.stringify(entry)})`);
    }
    let address = entry.address;
    if (entry.deployment) {
      address = contracts[entry.deployment]?.address;
      if (!address) {
        notes.push(`token ${entry.symbol}: the deployment has no ${entry.deployment}; left out`);
        continue;
      }
    }
    if (!/^0x[0-9a-fA-F]{40}$/.test(address ?? '')) throw new RenderError(`${configPath}: token ${entry.symbol} has no valid address`);
    tokens.push({ address: address.toLowerCase(), symbol: entry.symbol, decimals: entry.decimals, settlement: entry.deployment === 'SettlementToken' });
  }
  return tokens;
}

function networkModule(network, config, tokens, schemas) {
  const settlement = tokens.find((t) => t.settlement)?.address ?? '';
  const list = (values) => `[${values.join(', ')}]`;
  return `// Generated by subgraph/scripts/render.mjs from config/${network}.json and the deployment file: do not edit.
// The mappings read token symbols and decimals from here, never through eth_call.

export const GRAPH_NETWORK = '${config.graphNetwork}';
/** Points are earned and spent only on orders in this token (empty when the deployment is unknown). */
export const SETTLEMENT_TOKEN = '${settlement}';
export const KNOWN_TOKEN_ADDRESSES: string[] = ${list(tokens.map((t) => `'${t.address}'`))};
export const KNOWN_TOKEN_SYMBOLS: string[] = ${list(tokens.map((t) => `'${t.symbol.replace(/'/g, "\\'")}'`))};
export const KNOWN_TOKEN_DECIMALS: i32[] = ${list(tokens.map((t) => String(t.decimals)))};
/** The platform's EAS schemas (deployment's \`schemas\`): only attestations of these are indexed. */
export const SCHEMA_UIDS: string[] = ${list(Object.values(schemas).map((uid) => `'${uid.toLowerCase()}'`))};
export const SCHEMA_NAMES: string[] = ${list(Object.keys(schemas).map((name) => `'${name}'`))};
`;
}

function canonicalType(input) {
  if (!input.type.startsWith('tuple')) return input.type;
  return `(${input.components.map(canonicalType).join(',')})${input.type.slice('tuple'.length)}`;
}

function eventHandlers(events) {
  return events
    .map((event) => {
      const params = event.inputs.map((i) => `${i.indexed ? 'indexed ' : ''}${canonicalType(i)}`).join(',');
      return `        - event: ${event.name}(${params})\n          handler: handle${event.name}`;
    })
    .join('\n');
}

function manifest(config, contracts, abis, easEvents) {
  let yaml = readFileSync(join(subgraphRoot, 'subgraph.template.yaml'), 'utf8');
  for (const [name, placeholder] of Object.entries(GENERATED_HANDLERS)) {
    const events = abis[name].filter((item) => item.type === 'event' && !IGNORED_EVENTS.has(item.name));
    if (events.length === 0) throw new RenderError(`the ${name} ABI has no events`);
    yaml = yaml.replace(placeholder, eventHandlers(events));
  }
  yaml = yaml.replace('{{easEventHandlers}}', eventHandlers(easEvents)).replaceAll('{{graphNetwork}}', config.graphNetwork);
  for (const name of [...DATA_SOURCES, 'EAS']) {
    yaml = yaml
      .replaceAll(`{{${name}.address}}`, contracts[name].address)
      .replaceAll(`{{${name}.startBlock}}`, String(contracts[name].startBlock));
  }
  const leftover = /\{\{[^}]+\}\}/.exec(yaml);
  if (leftover) throw new RenderError(`subgraph.template.yaml: ${leftover[0]} was not rendered`);
  return yaml;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { placeholder: { type: 'boolean', default: false }, deployment: { type: 'string' }, out: { type: 'string' } },
    });
    const network = positionals[0] ?? 'local';
    const result = renderSubgraph({ network, placeholder: values.placeholder, deploymentFile: values.deployment, outDir: values.out });
    for (const note of result.notes) console.warn(`render: ${note}`);
    const where = values.out ? result.manifest : 'subgraph/subgraph.yaml';
    const escrow = result.contracts.ChainMartEscrow;
    console.log(`render: ${where} for ${network}: ChainMartEscrow ${escrow.address} from block ${escrow.startBlock}; tokens ${result.tokens.map((t) => t.symbol).join(', ')}; EAS ${result.contracts.EAS.address}, schemas ${Object.keys(result.schemas).join(', ') || 'none'}`);
  } catch (error) {
    console.error(`render: ${error.message}`);
    process.exit(1);
  }
}
