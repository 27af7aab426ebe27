// Reading merchant content from IPFS. Everything here is untrusted: a merchant publishes whatever it wants.
// So: only ipfs:// URIs with a valid CID, a hard size limit while streaming, bytes checked against the CID
// when the CID names them directly (raw leaves), JSON parsed defensively, then validated against the
// document's schema with every string length-capped. The site renders the result as text, never as HTML.
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import * as v from 'valibot';

export const MAX_DOCUMENT_BYTES = 256 * 1024;
const RAW_CODEC = 0x55;

export class ContentError extends Error {
  constructor(
    message: string,
    readonly kind: 'uri' | 'unreachable' | 'too-large' | 'mismatch' | 'json' | 'schema',
  ) {
    super(message);
    this.name = 'ContentError';
  }
}

export interface IpfsRef {
  cid: CID;
  path: string;
}

export function parseIpfsUri(uri: string): IpfsRef {
  const match = /^ipfs:\/\/([a-zA-Z0-9]+)(\/[^?#]*)?$/.exec(uri.trim());
  if (!match) throw new ContentError(`not an ipfs:// URI: ${uri.slice(0, 80)}`, 'uri');
  try {
    return { cid: CID.parse(match[1]), path: match[2] ?? '' };
  } catch {
    throw new ContentError(`not a CID: ${match[1].slice(0, 80)}`, 'uri');
  }
}

/** A gateway URL for an ipfs:// URI: path style, `<gateway>/ipfs/<cid><path>`. */
export function gatewayUrl(uri: string, gateway: string): string | null {
  try {
    const { cid, path } = parseIpfsUri(uri);
    return `${gateway.replace(/\/+$/, '')}/ipfs/${cid.toV1().toString()}${path}`;
  } catch {
    return null;
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new ContentError(`document of ${declared} bytes exceeds the ${maxBytes}-byte limit`, 'too-large');
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer()).slice(0, maxBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ContentError(`document exceeds the ${maxBytes}-byte limit`, 'too-large');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** Fetches the bytes behind an ipfs:// URI through a gateway; raw-leaf CIDs are verified against the bytes. */
export async function fetchIpfsBytes(
  uri: string,
  gateway: string,
  options: { maxBytes?: number; timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<Uint8Array> {
  const { cid, path } = parseIpfsUri(uri);
  const url = gatewayUrl(uri, gateway)!;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
  } catch {
    throw new ContentError(`the IPFS gateway ${gateway} is unreachable`, 'unreachable');
  }
  if (!response.ok) throw new ContentError(`the IPFS gateway answered HTTP ${response.status} for ${cid}`, 'unreachable');
  const bytes = await readLimited(response, options.maxBytes ?? MAX_DOCUMENT_BYTES);
  if (cid.code === RAW_CODEC && !path && cid.multihash.code === sha256.code) {
    const digest = await sha256.digest(bytes);
    if (!equalBytes(digest.digest, cid.multihash.digest)) {
      throw new ContentError(`the gateway returned bytes that do not match ${cid}`, 'mismatch');
    }
  }
  return bytes;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export async function fetchIpfsJson<T>(
  uri: string,
  gateway: string,
  schema: v.GenericSchema<unknown, T>,
  options: { maxBytes?: number; timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<T> {
  const bytes = await fetchIpfsBytes(uri, gateway, options);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  } catch {
    throw new ContentError('the document is not valid JSON', 'json');
  }
  const result = v.safeParse(schema, json);
  if (!result.success) {
    const issue = result.issues[0];
    const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    throw new ContentError(`the document does not match its schema${where ? ` at ${where}` : ''}: ${issue.message}`, 'schema');
  }
  return result.output;
}
