// Builds the subgraph for a network and runs it on the local graph node (subgraph/node, in this process).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startProcess } from './processes.ts';

export interface Indexer {
  url: string;
  indexedBlock(): Promise<number>;
  stop(): Promise<void>;
}

export async function startIndexer(opts: {
  root: string;
  network: string;
  host: string;
  port: number;
  rpcUrl: string;
  dataDir: string;
  logDir: string;
  log: (line: string) => void;
}): Promise<Indexer | null> {
  const nodeEntry = ['index.ts', 'src/index.ts'].map((f) => join(opts.root, 'subgraph/node', f)).find(existsSync);
  if (!nodeEntry) {
    opts.log('graph node: subgraph/node is not in this checkout; the site will have no indexed data');
    return null;
  }
  const render = join(opts.root, 'subgraph/scripts/render.mjs');
  if (existsSync(render)) await run('node', [render, opts.network], 'subgraph-render.log');
  const scripts = JSON.parse(readFileSync(join(opts.root, 'package.json'), 'utf8')).scripts ?? {};
  if (!scripts['build:subgraph']) throw new Error('package.json has no build:subgraph script');
  opts.log('subgraph: building (npm run build:subgraph)');
  await run('npm', ['run', 'build:subgraph'], 'subgraph-build.log');

  const { startGraphNode } = (await import(pathToFileURL(nodeEntry).href)) as {
    startGraphNode: (o: Record<string, unknown>) => Promise<Indexer>;
  };
  const node = await startGraphNode({
    root: join(opts.root, 'subgraph'),
    network: opts.network,
    rpcUrl: opts.rpcUrl,
    host: opts.host,
    port: opts.port,
    dataDir: opts.dataDir,
  });
  opts.log(`graph node: serving ${node.url}`);
  return node;

  async function run(command: string, args: string[], logName: string): Promise<void> {
    const logFile = join(opts.logDir, logName);
    const proc = startProcess(logName, command, args, { cwd: opts.root, logFile });
    const code = await proc.exited;
    if (code !== 0) {
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(`${command} ${args.join(' ')} failed (exit ${code}); last lines of ${logFile}:\n${tail}`);
    }
  }
}
