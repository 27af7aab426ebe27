// tsx subgraph/node/cli.ts --subgraph subgraph/build/subgraph.yaml --rpc http://127.0.0.1:8545 --port 8000 --data .data/indexer [--name chainmart]
import { parseArgs } from 'node:util';
import { startGraphNode } from './index.ts';

const usage = 'usage: tsx subgraph/node/cli.ts --subgraph <build/subgraph.yaml> --rpc <url> [--port 8000] [--host 127.0.0.1] [--data <dir>] [--name chainmart]';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        subgraph: { type: 'string', default: 'subgraph/build/subgraph.yaml' },
        rpc: { type: 'string', default: 'http://127.0.0.1:8545' },
        port: { type: 'string', default: '8000' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: '.data/indexer' },
        name: { type: 'string', default: 'chainmart' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, not ${values.port}\n${usage}`);
    process.exit(2);
  }
  const node = await startGraphNode({ subgraph: values.subgraph, rpcUrl: values.rpc, port, host: values.host, dataDir: values.data, name: values.name });
  console.log(`graph node ready: ${node.url}`);
  let last = -1;
  const progress = setInterval(async () => {
    const block = await node.indexedBlock();
    if (block !== last) console.log(`indexed up to block ${block} (${node.eventsProcessed()} events this run)`);
    last = block;
  }, 5000);
  const shutdown = async (signal: string) => {
    console.log(`${signal}: stopping the graph node`);
    clearInterval(progress);
    await node.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(`graph node failed to start: ${(error as Error).message}`);
  process.exit(1);
});
