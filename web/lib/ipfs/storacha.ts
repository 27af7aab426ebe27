// Uploads to the merchant's own Storacha space with @storacha/client, from the browser. Imported only with a
// dynamic `import()` (see uploader.ts) when the uploader is Storacha: no page ships the client otherwise.
//
// The client keeps its agent key and every delegation (the account's, the space's) in this browser's
// IndexedDB (the client's default store); nothing of it leaves the browser but signed invocations. A login
// is `client.login(email)`: the service emails a link, and the promise resolves once it was clicked.
// Uploads are encoded into a CAR here (the client builds the UnixFS DAG locally and sends only blobs), and
// the root it reports is checked against the CID an independent importer computes from the same bytes
// (cid.ts) before anyone may put it on chain.
import { create, type Client } from '@storacha/client';
import { accessServiceConnection, filecoinServiceConnection, gatewayServiceConnection, uploadServiceConnection } from '@storacha/client/service';
import { checkedCid } from './cid.ts';
import { StorachaLoginNeeded } from './errors.ts';

export interface StorachaService {
  /** Where invocations are POSTed (UCAN over HTTP); receipts are read from `<url>/receipt/`. */
  url: string;
  /** The service's principal: `did:web:up.storacha.network` for Storacha's own. */
  did: string;
}

export interface SpaceInfo {
  did: string;
  name: string;
}

export type StorachaClient = Client;

type Did = `did:${string}:${string}`;

/**
 * A client for Storacha's service (no `service`) or another deployment of the same logic. `store` is for
 * tests outside a browser; in the browser the client's default IndexedDB store is used.
 */
export async function connect(service: StorachaService | null, options: { store?: NonNullable<Parameters<typeof create>[0]>['store'] } = {}): Promise<Client> {
  const { store } = options;
  if (!service) return create(store ? { store } : {});
  const url = new URL(service.url);
  const id = { did: () => service.did as Did };
  return create({
    ...(store ? { store } : {}),
    serviceConf: {
      access: accessServiceConnection({ id, url }),
      upload: uploadServiceConnection({ id, url }),
      filecoin: filecoinServiceConnection({ id, url }),
      gateway: gatewayServiceConnection({ id, url }),
    } as never,
    receiptsEndpoint: new URL('receipt/', url.href.endsWith('/') ? url : `${url.href}/`),
  });
}

/** The account this browser is logged in as, if any (delegations found in its store). */
export function loggedInAccount(client: Client, email?: string): string | null {
  const accounts = Object.values(client.accounts());
  const match = accounts.find((account) => !email || account.toEmail() === email) ?? null;
  return match ? match.toEmail() : null;
}

/** Sends the login email and resolves once its link was clicked (or rejects when `signal` aborts). */
export async function login(client: Client, email: string, signal?: AbortSignal): Promise<string> {
  const account = await client.login(email as `${string}@${string}`, { signal });
  return account.toEmail();
}

export function listSpaces(client: Client): SpaceInfo[] {
  return client.spaces().map((space) => ({ did: space.did(), name: space.name || space.did().slice(-8) }));
}

/**
 * The space uploads go to: `did` if given and known, else the current one, else the first this browser
 * knows, else a new one named `name`, provisioned with the logged-in account. Storacha's own gateway is
 * authorized to serve a new space (a custom service has no known gateway, so it is skipped there).
 */
export async function useSpace(client: Client, options: { did?: string; name: string; email: string; customService: boolean }): Promise<SpaceInfo> {
  const spaces = client.spaces();
  const chosen = spaces.find((space) => space.did() === options.did) ?? (client.currentSpace() ? null : spaces[0]) ?? null;
  if (chosen) await client.setCurrentSpace(chosen.did());
  const current = client.currentSpace();
  if (current) return { did: current.did(), name: current.name || current.did().slice(-8) };
  const account = Object.values(client.accounts()).find((a) => a.toEmail() === options.email);
  if (!account) throw new StorachaLoginNeeded();
  const space = await client.createSpace(options.name, { account, skipGatewayAuthorization: options.customService });
  await client.setCurrentSpace(space.did());
  return { did: space.did(), name: options.name };
}


/** Uploads one file into the current space; returns its CID once checked against the bytes. */
export async function uploadChecked(client: Client, file: Blob): Promise<string> {
  if (!client.currentSpace()) throw new StorachaLoginNeeded();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const root = await client.uploadFile(new Blob([bytes]));
  return checkedCid(root.toString(), bytes);
}
