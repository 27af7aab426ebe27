// Renders subgraph/subgraph.yaml for a network from subgraph/config/<network>.json and the deployment file
// scripts/deploy.ts writes (deployments/<network>.json), and extracts the ABIs from forge's build output
// into subgraph/abis/ (generated). Event handler signatures come from the ABI, so they cannot drift.
//   node subgraph/scripts/render.mjs [network] [--placeholder]
// --placeholder renders zero addresses when no deployment exists (a compile check only; it says so).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const network = args.find((a) => !a.startsWith('--')) ?? 'local';
const placeholder = args.includes('--placeholder');

const configPath = join(here, 'config', `${network}.json`);
if (!existsSync(configPath)) fail(`no subgraph config for network "${network}" (${configPath})`);
const config = JSON.parse(readFileSync(configPath, 'utf8'));

const deploymentPath = join(here, config.deployment);
let contracts;
if (existsSync(deploymentPath)) {
  contracts = JSON.parse(readFileSync(deploymentPath, 'utf8')).contracts;
} else if (placeholder) {
  console.warn(`render: no ${config.deployment}; rendering zero addresses (compile check only, not deployable)`);
  const zero = { address: '0x0000000000000000000000000000000000000000', startBlock: 0 };
  contracts = { ChainMart: zero, ChainMartPoints: zero };
} else {
  fail(`no deployment for "${network}": run npm run deploy -- --network ${network} (or pass --placeholder)`);
}

mkdirSync(join(here, 'abis'), { recursive: true });
const abis = {};
for (const name of ['ChainMart', 'ChainMartPoints']) {
  const artifact = join(here, '..', 'contracts/out', `${name}.sol`, `${name}.json`);
  if (!existsSync(artifact)) fail(`missing ${artifact}: run npm run build:contracts first`);
  abis[name] = JSON.parse(readFileSync(artifact, 'utf8')).abi;
  writeFileSync(join(here, 'abis', `${name}.json`), JSON.stringify(abis[name], null, 2));
}

function canonicalType(input) {
  if (!input.type.startsWith('tuple')) return input.type;
  return `(${input.components.map(canonicalType).join(',')})${input.type.slice('tuple'.length)}`;
}

// Events that carry nothing the site shows (EIP-712 domain, ownership of the fee settings).
const IGNORED_EVENTS = new Set(['EIP712DomainChanged', 'OwnershipTransferStarted', 'OwnershipTransferred']);
const eventHandlers = abis.ChainMart.filter((item) => item.type === 'event' && !IGNORED_EVENTS.has(item.name))
  .map((event) => {
    const params = event.inputs.map((i) => `${i.indexed ? 'indexed ' : ''}${canonicalType(i)}`).join(',');
    return `        - event: ${event.name}(${params})\n          handler: handle${event.name}`;
  })
  .join('\n');

let yaml = readFileSync(join(here, 'subgraph.template.yaml'), 'utf8')
  .replace('{{eventHandlers}}', eventHandlers)
  .replaceAll('{{graphNetwork}}', config.graphNetwork);
for (const name of ['ChainMart', 'ChainMartPoints']) {
  yaml = yaml
    .replaceAll(`{{${name}.address}}`, contracts[name].address)
    .replaceAll(`{{${name}.startBlock}}`, String(contracts[name].startBlock));
}
writeFileSync(join(here, 'subgraph.yaml'), yaml);
console.log(`rendered subgraph/subgraph.yaml for ${network} (${config.graphNetwork})`);

function fail(message) {
  console.error(`render: ${message}`);
  process.exit(1);
}
