// Keeping the built-in wallet unlocked for the browser session, so a reload, a typed URL or a new tab does not
// ask for the passphrase again.
//
// The choice: the unlocked key sits in this tab's sessionStorage (gone when the tab closes, never in
// localStorage, where only the passphrase-encrypted blob lives), and a new tab of the same origin asks the
// tabs already unlocked for it over a BroadcastChannel; when no such tab is open, it asks for the passphrase
// again. Disconnecting locks every tab. Re-deriving from the passphrase on each load would be safer but
// costs a prompt and ~0.3 s of scrypt on every page, which shoppers would meet as "the wallet keeps logging
// me out".
// The risk: any script running on this origin can read sessionStorage and answer the channel, so the
// session key is exactly as safe as the origin. On a path gateway (https://gateway/ipfs/<cid>/) the origin
// is shared with every other site that gateway serves, so there the key is kept in memory only and the
// wallet asks for the passphrase after a reload. The built-in wallet is for small amounts, and says so.
import type { Address, Hex } from 'viem';

/** Where builtin.ts keeps the passphrase-encrypted key (localStorage). */
export const BUILTIN_STORAGE_KEY = 'chainmart:builtin-wallet';
export const SESSION_KEY = 'chainmart:builtin-session';
export const CHANNEL = 'chainmart:builtin-session';

/** Whether this page has an origin of its own (not one shared by every CID on a path gateway). */
export function sessionAllowed(location: Pick<Location, 'pathname'>): boolean {
  return !/^\/(ipfs|ipns)\//.test(location.pathname);
}

interface SessionEntry {
  address: Address;
  key: Hex;
}

function isEntry(value: unknown): value is SessionEntry {
  const entry = value as SessionEntry | null;
  return typeof entry?.address === 'string' && typeof entry.key === 'string' && /^0x[0-9a-f]{64}$/i.test(entry.key);
}

/** The address of the built-in wallet stored in this browser, read without loading the crypto. */
export function storedBuiltinAddress(storage: Storage): Address | null {
  try {
    const address = JSON.parse(storage.getItem(BUILTIN_STORAGE_KEY) ?? 'null')?.address;
    return typeof address === 'string' && /^0x[0-9a-fA-F]{40}$/.test(address) ? (address as Address) : null;
  } catch {
    return null;
  }
}

export function saveSession(storage: Storage, address: Address, key: Hex): void {
  storage.setItem(SESSION_KEY, JSON.stringify({ address, key } satisfies SessionEntry));
}

/** The unlocked key of `address` kept by this tab, if any (an entry for another wallet is dropped). */
export function loadSession(storage: Storage, address: Address): Hex | null {
  let entry: unknown;
  try {
    entry = JSON.parse(storage.getItem(SESSION_KEY) ?? 'null');
  } catch {
    entry = null;
  }
  if (isEntry(entry) && entry.address.toLowerCase() === address.toLowerCase()) return entry.key;
  storage.removeItem(SESSION_KEY);
  return null;
}

export function clearSession(storage: Storage): void {
  storage.removeItem(SESSION_KEY);
}

type Message = { type: 'request'; address: Address } | { type: 'key'; address: Address; key: Hex } | { type: 'lock' };

/**
 * Answers other tabs' requests with this tab's key while `current()` returns one, and calls `onLock` when
 * another tab disconnects. Returns the function that stops listening.
 */
export function serveSession(channel: BroadcastChannel, current: () => SessionEntry | null, onLock: () => void): () => void {
  const listener = (event: MessageEvent<Message>) => {
    const message = event.data;
    if (message?.type === 'lock') onLock();
    if (message?.type !== 'request') return;
    const entry = current();
    if (entry && entry.address.toLowerCase() === message.address.toLowerCase()) channel.postMessage({ type: 'key', ...entry } satisfies Message);
  };
  channel.addEventListener('message', listener);
  return () => channel.removeEventListener('message', listener);
}

/**
 * Asks the other tabs for the unlocked key of `address`; null when none answers within `timeoutMs` (a busy or
 * background tab can take a while to answer; the page renders meanwhile, only the reconnect waits).
 */
export function requestSession(channel: BroadcastChannel, address: Address, timeoutMs = 1_000): Promise<Hex | null> {
  return new Promise((resolve) => {
    const done = (key: Hex | null) => {
      clearTimeout(timer);
      channel.removeEventListener('message', listener);
      resolve(key);
    };
    const listener = (event: MessageEvent<Message>) => {
      const message = event.data;
      if (message?.type === 'key' && isEntry(message) && message.address.toLowerCase() === address.toLowerCase()) done(message.key);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    channel.addEventListener('message', listener);
    channel.postMessage({ type: 'request', address } satisfies Message);
  });
}

export function broadcastLock(channel: BroadcastChannel): void {
  channel.postMessage({ type: 'lock' } satisfies Message);
}
