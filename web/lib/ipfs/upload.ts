// Publishing a small JSON document (a review comment, a dispute statement) through a kubo-compatible API:
// `POST <api>/api/v0/add?cid-version=1` with a multipart file; the answer is newline-delimited JSON whose
// last line names the file's CID. Only the local platform has such an API (settings.site.ipfsApi); elsewhere
// the user publishes the document themselves and pastes its CID (`parseCidInput`).
import { CID } from 'multiformats/cid';

export class UploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadError';
  }
}

export interface UploadOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  name?: string;
}

export function uploadJson(api: string, document: unknown, options: UploadOptions = {}): Promise<string> {
  return uploadBlob(api, new Blob([JSON.stringify(document)], { type: 'application/json' }), { name: 'document.json', ...options });
}

/** Adds one file (an image, an evidence document) and returns its CIDv1. */
export async function uploadBlob(api: string, file: Blob, options: UploadOptions = {}): Promise<string> {
  const form = new FormData();
  form.append('file', file, options.name ?? 'file');
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(`${api.replace(/\/+$/, '')}/api/v0/add?cid-version=1`, {
      method: 'POST',
      body: form,
      signal: options.signal ?? AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new UploadError(`the IPFS node at ${api} is unreachable (${error instanceof Error ? error.message : String(error)})`);
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = text.slice(0, 200);
    try {
      detail = JSON.parse(text).Message ?? detail;
    } catch {
      // not JSON: keep the text
    }
    throw new UploadError(`the IPFS node refused the upload (HTTP ${response.status}): ${detail}`);
  }
  const lines = text.split('\n').filter((l) => l.trim());
  let hash: unknown;
  try {
    hash = JSON.parse(lines[lines.length - 1] ?? '').Hash;
  } catch {
    throw new UploadError('the IPFS node answered something other than kubo add output');
  }
  const cid = typeof hash === 'string' ? parseCidInput(hash) : null;
  if (!cid) throw new UploadError('the IPFS node answered without a valid CID');
  return cid;
}

/** A CID the user pasted (bare or `ipfs://…`), normalized to its CIDv1 text, or null if it is not one. */
export function parseCidInput(text: string): string | null {
  const bare = text.trim().replace(/^ipfs:\/\//, '').replace(/^\/ipfs\//, '');
  if (!/^[a-zA-Z0-9]{10,100}$/.test(bare)) return null;
  try {
    return CID.parse(bare).toV1().toString();
  } catch {
    return null;
  }
}
