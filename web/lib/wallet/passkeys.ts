// The passkeys this browser knows: credential id → P-256 public key, in localStorage (nothing secret: the
// private key never leaves the authenticator). The account's address follows from the public key, so a reload
// restores the account without any prompt; the device is asked only to sign. Which passkey is connected is
// kept in sessionStorage, so a new browser session asks again, as the built-in wallet does.
//
// Signing in elsewhere: a WebAuthn assertion does not carry the public key, so "sign in with a passkey" finds
// the key here by the credential id the picker returns. On a device that never created or used the passkey
// (a synced passkey on a new phone) the key is unknown and the user is told to open the site once on the
// device that created it. Reading it back from the factory's AccountCreated event would work only for
// accounts already deployed (the first user operation deploys them), so it is not done.
import { type Hex, isHex, size } from 'viem';
import type { StoredPasskey } from '../aa/passkey-account.ts';

export const PASSKEYS_KEY = 'chainmart:passkeys';
export const PASSKEY_SESSION_KEY = 'chainmart:passkey-session';

export function loadPasskeys(storage: Storage): StoredPasskey[] {
  try {
    const parsed = JSON.parse(storage.getItem(PASSKEYS_KEY) ?? '[]') as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (p): p is StoredPasskey => typeof p?.id === 'string' && p.id.length > 0 && isHex(p.publicKey) && size(p.publicKey as Hex) === 64,
    );
  } catch {
    return [];
  }
}

export function rememberPasskey(storage: Storage, passkey: StoredPasskey): void {
  const others = loadPasskeys(storage).filter((p) => p.id !== passkey.id);
  storage.setItem(PASSKEYS_KEY, JSON.stringify([...others, { id: passkey.id, publicKey: passkey.publicKey }]));
}

export function findPasskey(storage: Storage, id: string): StoredPasskey | undefined {
  return loadPasskeys(storage).find((p) => p.id === id);
}

/** Whether this browser can use passkeys at all (WebAuthn present). */
export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;
}

export type PasskeyFailure = 'unsupported' | 'dismissed' | 'unknown-passkey' | 'not-offered';

/** A passkey step that did not complete, with a kind the wallet page translates. */
export class PasskeyError extends Error {
  constructor(
    readonly kind: PasskeyFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PasskeyError';
  }
}

/** Creates a passkey on this device (the device's own prompt) and remembers its public key. */
export async function createPasskey(storage: Storage, name: string): Promise<StoredPasskey> {
  if (!passkeysSupported()) throw new PasskeyError('unsupported', 'this browser has no WebAuthn (PublicKeyCredential)');
  const { createWebAuthnCredential } = await import('viem/account-abstraction');
  try {
    const credential = await createWebAuthnCredential({ name });
    const passkey = { id: credential.id, publicKey: credential.publicKey };
    rememberPasskey(storage, passkey);
    return passkey;
  } catch (error) {
    throw asPasskeyError(error);
  }
}

/** The account picker (no allowCredentials): the passkey the user picks, if this browser knows its public key. */
export async function pickPasskey(storage: Storage): Promise<StoredPasskey> {
  if (!passkeysSupported()) throw new PasskeyError('unsupported', 'this browser has no WebAuthn (PublicKeyCredential)');
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.get({
      publicKey: { challenge: crypto.getRandomValues(new Uint8Array(32)), allowCredentials: [], userVerification: 'required' },
    });
  } catch (error) {
    throw asPasskeyError(error);
  }
  if (!credential) throw new PasskeyError('dismissed', 'no passkey was picked');
  const passkey = findPasskey(storage, credential.id);
  if (!passkey) throw new PasskeyError('unknown-passkey', `this browser does not know the public key of passkey ${credential.id}`);
  return passkey;
}

function asPasskeyError(error: unknown): Error {
  if (error instanceof PasskeyError) return error;
  for (let e = error as { name?: string; cause?: unknown } | undefined, depth = 0; e && depth < 8; e = e.cause as typeof e, depth++) {
    if (e.name === 'NotAllowedError' || e.name === 'AbortError') return new PasskeyError('dismissed', 'the passkey prompt was closed', { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
