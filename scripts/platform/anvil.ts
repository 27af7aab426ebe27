// Anvil, started as its binary (not through npx, whose wrapper processes would outlive a kill), with its
// state in a file: a second start resumes the same chain (blocks, receipts, logs), a fresh one starts over.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPublicClient, http } from 'viem';
import { type ManagedProcess, startProcess } from './processes.ts';

export const ANVIL_BINARY = join(import.meta.dirname, '../../node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil');

export interface Anvil {
  url: string;
  process: ManagedProcess;
  /** Whether the chain was restored from the state file. */
  resumed: boolean;
  stop(): Promise<void>;
}

export async function startAnvil(opts: {
  host: string;
  port: number;
  dataDir: string;
  accounts: number;
  /** Genesis timestamp for a new chain (seconds); ignored when resuming. */
  genesisTimestamp?: number;
  /** Record every opcode step, so debug_traceTransaction returns geth-style struct logs (the gas benchmark's breakdown). */
  stepsTracing?: boolean;
}): Promise<Anvil> {
  if (!existsSync(ANVIL_BINARY)) {
    throw new Error(`anvil binary missing at ${ANVIL_BINARY}: run npm ci (it comes with @foundry-rs/anvil)`);
  }
  mkdirSync(opts.dataDir, { recursive: true });
  const stateFile = join(opts.dataDir, 'state.json');
  const resumed = existsSync(stateFile);
  const args = [
    '--host', opts.host,
    '--port', String(opts.port),
    '--accounts', String(opts.accounts),
    '--state', stateFile,
    // Written every few seconds as well as on exit, so even a killed run loses little.
    '--state-interval', '10',
  ];
  if (!resumed && opts.genesisTimestamp !== undefined) args.push('--timestamp', String(opts.genesisTimestamp));
  if (opts.stepsTracing) args.push('--steps-tracing');
  const proc = startProcess('anvil', ANVIL_BINARY, args, { logFile: join(opts.dataDir, 'anvil.log') });
  const url = `http://${opts.host}:${opts.port}`;
  const client = createPublicClient({ transport: http(url, { retryCount: 0, timeout: 1000 }) });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const exit = await Promise.race([proc.exited, new Promise((resolve) => setTimeout(resolve, 100, null))]);
    if (exit !== null) throw new Error(`anvil exited (${exit}) while starting; see ${join(opts.dataDir, 'anvil.log')}`);
    try {
      await client.getChainId();
      break;
    } catch {
      if (Date.now() > deadline) {
        await proc.stop();
        throw new Error(`anvil did not answer on ${url} within 20 s; see ${join(opts.dataDir, 'anvil.log')}`);
      }
    }
  }
  return { url, process: proc, resumed, stop: () => proc.stop(10_000) };
}
