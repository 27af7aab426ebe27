// Test helpers: catalog and escrow logs encoded as an RPC returns them, and a fake client answering
// eth_getLogs / eth_blockNumber from a list of logs (refusing ranges wider than a public RPC would).
import { type Abi, type Address, type Hex, encodeAbiParameters, encodeEventTopics, toHex } from 'viem';
import type { LogClient, RawLog } from '../chain-read/logs.ts';

export function encodeLog(abi: Abi, address: Address, eventName: string, args: Record<string, unknown>, blockNumber: number, logIndex = 0): RawLog {
  const event = abi.find((item) => item.type === 'event' && item.name === eventName) as Extract<Abi[number], { type: 'event' }>;
  const topics = encodeEventTopics({ abi, eventName, args } as never) as Hex[];
  const data = event.inputs.filter((input) => !input.indexed);
  return {
    address,
    blockNumber: toHex(blockNumber),
    logIndex: toHex(logIndex),
    transactionHash: toHex(blockNumber * 1000 + logIndex, { size: 32 }),
    topics,
    data: encodeAbiParameters(data, data.map((input) => args[input.name!]) as never),
  };
}

export interface FakeClient {
  request: LogClient['request'];
  calls: { method: string; fromBlock?: number; toBlock?: number }[];
  head: number;
}

export function fakeLogClient(logs: RawLog[], head: number, maxRange = 10_000): FakeClient {
  const client: FakeClient = {
    head,
    calls: [],
    request: (async ({ method, params }: { method: string; params?: unknown[] }) => {
      if (method === 'eth_blockNumber') {
        client.calls.push({ method });
        return toHex(client.head);
      }
      if (method !== 'eth_getLogs') throw new Error(`unexpected ${method}`);
      const filter = params![0] as { address: Address; fromBlock: Hex; toBlock: Hex; topics?: (Hex | Hex[] | null)[] };
      const from = Number(BigInt(filter.fromBlock));
      const to = Number(BigInt(filter.toBlock));
      client.calls.push({ method, fromBlock: from, toBlock: to });
      if (to - from + 1 > maxRange) throw new Error(`range of ${to - from + 1} blocks exceeds ${maxRange}`);
      return logs.filter((log) => {
        const block = Number(BigInt(log.blockNumber));
        if (block < from || block > to || log.address.toLowerCase() !== filter.address.toLowerCase()) return false;
        return (filter.topics ?? []).every((want, i) => want === null || (Array.isArray(want) ? want.includes(log.topics[i]) : want === log.topics[i]));
      });
    }) as LogClient['request'],
  };
  return client;
}
