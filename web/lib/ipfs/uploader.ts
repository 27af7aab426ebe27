// Which uploader a merchant's file goes through, and the upload itself, checked against the bytes.
//   helia    — the network's own IPFS node takes uploads (`ipfsApi`: the local platform), unless the user
//              chose Storacha in Settings;
//   storacha — the merchant is logged in to Storacha in this browser: the file goes into their space;
//   login    — neither: the page offers the Storacha login, and pasting a CID published elsewhere.
// Whatever the uploader answers, the CID is recomputed from the bytes here (cid.ts) before it is used.
import { checkedCid } from './cid.ts';
import type { StorachaClient, StorachaService } from './storacha.ts';
import { CidMismatchError, NoUploaderError, StorachaLoginNeeded } from './errors.ts';
import { storachaError } from './storacha-errors.ts';
import { uploadBlob } from './upload.ts';

export type UploaderKind = 'helia' | 'storacha' | 'login';

export interface UploaderInputs {
  ipfsApi: string | null;
  preferStoracha: boolean;
  /** The Storacha account this browser logged in with and the space it uploads to, if any. */
  storacha: { email: string; space: string } | null;
}

export function chooseUploader({ ipfsApi, preferStoracha, storacha }: UploaderInputs): UploaderKind {
  if (ipfsApi && !preferStoracha) return 'helia';
  return storacha ? 'storacha' : 'login';
}

/** The Storacha module and one client per service, loaded on first use (the client is ~100 KB gzip). */
const clients = new Map<string, Promise<StorachaClient>>();

export function loadStoracha(): Promise<typeof import('./storacha.ts')> {
  return import('./storacha.ts');
}

export function storachaClient(service: StorachaService | null): Promise<StorachaClient> {
  const key = service ? `${service.url} ${service.did}` : '';
  let client = clients.get(key);
  if (!client) {
    client = loadStoracha().then((module) => module.connect(service));
    client.catch(() => clients.delete(key));
    clients.set(key, client);
  }
  return client;
}

export interface PublishTarget {
  kind: UploaderKind;
  ipfsApi: string | null;
  storachaService: StorachaService | null;
}

/** Uploads one file with the chosen uploader and returns its CID, checked against the file's bytes. */
export async function publishFile(target: PublishTarget, file: Blob, name: string, options: { fetch?: typeof fetch } = {}): Promise<string> {
  if (target.kind === 'helia' && target.ipfsApi) {
    const reported = await uploadBlob(target.ipfsApi, file, { name, fetch: options.fetch });
    return checkedCid(reported, new Uint8Array(await file.arrayBuffer()));
  }
  if (target.kind === 'storacha') {
    try {
      const [module, client] = await Promise.all([loadStoracha(), storachaClient(target.storachaService)]);
      return await module.uploadChecked(client, file);
    } catch (error) {
      if (error instanceof CidMismatchError || error instanceof StorachaLoginNeeded) throw error;
      // The client's own failures (service unreachable, refused invocation) are English: sorted into kinds
      // the page can say in its language, the English kept as detail.
      throw storachaError(error);
    }
  }
  throw new NoUploaderError();
}

export function publishJson(target: PublishTarget, document: unknown, name: string): Promise<string> {
  return publishFile(target, new Blob([JSON.stringify(document)], { type: 'application/json' }), name);
}
