// npm run build:subgraph [-- --network <name>]
// Renders the subgraph for a network (local by default) and compiles it: graph codegen, then graph build
// (subgraph/build/: the manifest and one wasm per data source). Offline. For local without a deployment file,
// it renders zero addresses as a compile check and says so; other networks need their deployment file.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RenderError, renderSubgraph } from './render.mjs';

const subgraphRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const graph = join(subgraphRoot, '../node_modules/.bin/graph');
const { values } = parseArgs({ options: { network: { type: 'string', default: 'local' } } });
const started = performance.now();

try {
  const rendered = renderSubgraph({ network: values.network, placeholder: values.network === 'local' });
  for (const note of rendered.notes) console.warn(`build:subgraph: ${note}`);
  const escrow = rendered.contracts.ChainMartEscrow;
  console.log(`build:subgraph: ${values.network}, ChainMartEscrow ${escrow.address} from block ${escrow.startBlock}`);
} catch (error) {
  if (!(error instanceof RenderError)) throw error;
  console.error(`build:subgraph: ${error.message}`);
  process.exit(1);
}
for (const step of ['codegen', 'build']) {
  const run = spawnSync(graph, [step], { cwd: subgraphRoot, encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(`${run.stdout}${run.stderr}\nbuild:subgraph: graph ${step} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
}
console.log(`build:subgraph: subgraph/build/subgraph.yaml in ${((performance.now() - started) / 1000).toFixed(1)} s`);
