// Loads a built subgraph (build/subgraph.yaml from `graph build`): data sources, their ABIs, compiled
// mappings and event handlers, and the schema. Event handlers are matched to logs by topic0 of the
// manifest's signature (with `indexed` removed) and by which parameters are indexed, as graph-node does.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Abi, type AbiEvent, type AbiParameter, type Hex, getAddress, keccak256, toHex } from 'viem';
import { parse as parseYaml } from 'yaml';
import { type SubgraphSchema, parseSchema } from './schema.ts';

export interface EventHandler {
  /** The manifest's signature, e.g. `Transfer(indexed address,indexed address,uint256)`. */
  signature: string;
  handler: string;
  topic0: Hex;
  abiEvent: AbiEvent;
}

export interface DataSource {
  name: string;
  network: string;
  address: Hex | null;
  startBlock: number;
  apiVersion: string;
  wasm: Uint8Array;
  wasmFile: string;
  handlers: EventHandler[];
}

export interface Subgraph {
  manifestFile: string;
  schemaSource: string;
  schema: SubgraphSchema;
  dataSources: DataSource[];
  /** A content hash of the manifest, schema and mappings: a different build gets a fresh store. */
  deployment: string;
}

interface RawManifest {
  specVersion?: string;
  schema?: { file?: string };
  dataSources?: RawDataSource[];
  templates?: unknown[];
}

interface RawDataSource {
  kind?: string;
  name?: string;
  network?: string;
  source?: { address?: string; abi?: string; startBlock?: number };
  context?: unknown;
  mapping?: {
    kind?: string;
    apiVersion?: string;
    language?: string;
    file?: string;
    abis?: { name: string; file: string }[];
    eventHandlers?: { event: string; handler: string; topic1?: unknown; receipt?: boolean; calls?: unknown }[];
    callHandlers?: unknown[];
    blockHandlers?: unknown[];
  };
}

export function loadSubgraph(manifestFile: string): Subgraph {
  const file = resolve(manifestFile);
  if (!existsSync(file)) throw new Error(`subgraph manifest not found: ${file} (run \`graph build\` first)`);
  const dir = dirname(file);
  const raw = parseYaml(readFileSync(file, 'utf8')) as RawManifest;
  const where = (what: string) => `${file}: ${what}`;
  if (!raw?.schema?.file) throw new Error(where('schema.file is missing'));
  if (raw.templates?.length) throw new Error(where('data source templates are not supported by this graph node'));
  const schemaSource = readFileSync(resolve(dir, raw.schema.file), 'utf8');
  const schema = parseSchema(schemaSource);
  const hash = createHash('sha256').update(readFileSync(file)).update(schemaSource);

  const dataSources = (raw.dataSources ?? []).map((ds, i): DataSource => {
    const at = (what: string) => where(`dataSources[${i}]${ds.name ? ` (${ds.name})` : ''}: ${what}`);
    if (ds.kind !== 'ethereum/contract' && ds.kind !== 'ethereum') throw new Error(at(`kind ${ds.kind} is not supported (only ethereum/contract)`));
    // dataSource.context() answers an empty entity: refuse a context it would silently drop.
    if (ds.context !== undefined) throw new Error(at('data source context is not supported by this graph node'));
    const mapping = ds.mapping;
    if (!mapping?.file) throw new Error(at('mapping.file is missing'));
    if (mapping.language !== 'wasm/assemblyscript') throw new Error(at(`mapping language ${mapping.language} is not supported`));
    if (mapping.callHandlers?.length) throw new Error(at('callHandlers are not supported by this graph node'));
    if (mapping.blockHandlers?.length) throw new Error(at('blockHandlers are not supported by this graph node'));
    const abiName = ds.source?.abi;
    const abiRef = mapping.abis?.find((a) => a.name === abiName);
    if (!abiRef) throw new Error(at(`the source ABI ${abiName} is not listed in mapping.abis`));
    const abiJson = JSON.parse(readFileSync(resolve(dir, abiRef.file), 'utf8'));
    const abi = (Array.isArray(abiJson) ? abiJson : abiJson.abi) as Abi;
    const wasmFile = resolve(dir, mapping.file);
    const wasm = readFileSync(wasmFile);
    hash.update(wasm);
    const handlers = (mapping.eventHandlers ?? []).map((h) => {
      if (h.topic1 !== undefined) throw new Error(at(`${h.event}: topic filters are not supported`));
      if (h.receipt) throw new Error(at(`${h.event}: receipt: true is not supported`));
      if (h.calls) throw new Error(at(`${h.event}: declarative eth_calls are not supported`));
      return matchEvent(abi, h.event.replace(/\s+/g, ' ').replace(/, /g, ','), h.handler, at);
    });
    return {
      name: ds.name ?? `dataSource${i}`,
      network: ds.network ?? '',
      address: ds.source?.address ? getAddress(ds.source.address) : null,
      startBlock: ds.source?.startBlock ?? 0,
      apiVersion: mapping.apiVersion ?? '',
      wasm,
      wasmFile,
      handlers,
    };
  });
  if (!dataSources.length) throw new Error(where('no data sources'));
  return { manifestFile: file, schemaSource, schema, dataSources, deployment: `local-${hash.digest('hex').slice(0, 40)}` };
}

/** Finds the ABI event a manifest signature names, including which parameters are indexed. */
function matchEvent(abi: Abi, signature: string, handler: string, at: (w: string) => string): EventHandler {
  const match = /^(\w+)\((.*)\)$/.exec(signature);
  if (!match) throw new Error(at(`malformed event signature ${signature}`));
  const params = splitTopLevel(match[2]).map((p) => {
    const indexed = p.startsWith('indexed ');
    return { indexed, type: indexed ? p.slice('indexed '.length) : p };
  });
  const canonical = `${match[1]}(${params.map((p) => p.type).join(',')})`;
  const candidates = abi.filter((item): item is AbiEvent => item.type === 'event' && item.name === match[1]);
  const abiEvent = candidates.find(
    (e) =>
      e.inputs.length === params.length &&
      e.inputs.every((input, i) => canonicalType(input) === params[i].type && Boolean(input.indexed) === params[i].indexed),
  );
  if (!abiEvent) {
    const known = candidates.map((e) => `${e.name}(${e.inputs.map((p) => `${p.indexed ? 'indexed ' : ''}${canonicalType(p)}`).join(',')})`).join('; ') || 'none';
    throw new Error(at(`event ${signature} is not in the ABI with these types and indexed flags (ABI has: ${known})`));
  }
  return { signature, handler, topic0: keccak256(toHex(canonical)), abiEvent };
}

export function canonicalType(param: AbiParameter): string {
  if (param.type.startsWith('tuple')) {
    const components = (param as { components: readonly AbiParameter[] }).components.map(canonicalType).join(',');
    return `(${components})${param.type.slice('tuple'.length)}`;
  }
  return param.type;
}

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
