// This browser's Storacha login as the site sees it: the account's email and the space uploads go to, kept
// in localStorage so a page knows which uploader to offer without loading the client. The keys and
// delegations themselves live in the client's IndexedDB store (storacha.ts), never here.
import { settings } from '../config/settings.svelte.ts';
import { chooseUploader, loadStoracha, storachaClient, type PublishTarget, type UploaderKind } from './uploader.ts';

const KEY = 'chainmart:storacha';

export interface StorachaRecord {
  email: string;
  space: string;
  spaceName: string;
}

function load(): StorachaRecord | null {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (stored && typeof stored.email === 'string' && typeof stored.space === 'string' && stored.space.startsWith('did:key:')) {
      return { email: stored.email, space: stored.space, spaceName: typeof stored.spaceName === 'string' ? stored.spaceName : '' };
    }
  } catch {
    // unreadable: logged out
  }
  return null;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

class StorachaSession {
  record = $state<StorachaRecord | null>(typeof localStorage === 'undefined' ? null : load());
  /** idle, waiting for the email link to be clicked, or setting up the space. */
  status = $state<'idle' | 'waiting' | 'space'>('idle');
  spaces = $state<{ did: string; name: string }[]>([]);
  #abort: AbortController | null = null;

  get kind(): UploaderKind {
    return chooseUploader({ ipfsApi: settings.site.ipfsApi, preferStoracha: settings.overrides.preferStoracha === true, storacha: this.record });
  }

  get target(): PublishTarget {
    return { kind: this.kind, ipfsApi: settings.site.ipfsApi, storachaService: settings.current.storachaService };
  }

  /** Emails a login link, waits for the click, then picks (or creates) the space. Throws on failure. */
  async login(email: string): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.status = 'waiting';
    try {
      const service = settings.current.storachaService;
      const [module, client] = await Promise.all([loadStoracha(), storachaClient(service)]);
      const account = await module.login(client, email.trim(), abort.signal);
      this.status = 'space';
      const space = await module.useSpace(client, { name: 'ChainMart', email: account, customService: service !== null });
      this.spaces = module.listSpaces(client);
      this.#save({ email: account, space: space.did, spaceName: space.name });
    } finally {
      if (this.#abort === abort) this.#abort = null;
      this.status = 'idle';
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }

  async refreshSpaces(): Promise<void> {
    if (!this.record) return;
    const [module, client] = await Promise.all([loadStoracha(), storachaClient(settings.current.storachaService)]);
    this.spaces = module.listSpaces(client);
  }

  async chooseSpace(did: string): Promise<void> {
    if (!this.record) return;
    const service = settings.current.storachaService;
    const [module, client] = await Promise.all([loadStoracha(), storachaClient(service)]);
    const space = await module.useSpace(client, { did, name: 'ChainMart', email: this.record.email, customService: service !== null });
    this.#save({ ...this.record, space: space.did, spaceName: space.name });
  }

  /** Forgets the login on this page (the client's store keeps the delegations until the browser data is cleared). */
  signOut(): void {
    this.record = null;
    localStorage.removeItem(KEY);
  }

  #save(record: StorachaRecord) {
    this.record = record;
    localStorage.setItem(KEY, JSON.stringify(record));
  }
}

export const storacha = new StorachaSession();
