// Builds the host-export fixture with `graph codegen` + `graph build` (outputs gitignored, rebuilt only when a
// source changed). Its one handler, `handleRun(Run(uint8 which))`, runs graph-node test case `which`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stampedGraphBuild } from '../stamped-build.ts';

const here = dirname(fileURLToPath(import.meta.url));

export const RUN_ABI = [{ type: 'event', name: 'Run', anonymous: false, inputs: [{ name: 'which', type: 'uint8', indexed: false }] }] as const;

export function buildHostFixture(): string {
  stampedGraphBuild({
    dir: here,
    sources: ['schema.graphql', 'subgraph.yaml', 'src/mapping.ts', 'build.ts'],
    name: 'the host-export fixture',
    prepare: () => {
      mkdirSync(join(here, 'abis'), { recursive: true });
      writeFileSync(join(here, 'abis/HostExports.json'), JSON.stringify(RUN_ABI, null, 2));
    },
  });
  return join(here, 'build/subgraph.yaml');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(buildHostFixture());
