import { describe, expect, it } from 'vitest';
import { PASSKEYS_KEY, findPasskey, loadPasskeys, rememberPasskey } from './passkeys.ts';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

const publicKey = `0x${'ab'.repeat(64)}` as const;

describe('passkey store', () => {
  it('remembers a passkey once per credential id and finds it again', () => {
    const storage = memoryStorage();
    rememberPasskey(storage, { id: 'cred-1', publicKey });
    rememberPasskey(storage, { id: 'cred-1', publicKey });
    rememberPasskey(storage, { id: 'cred-2', publicKey });
    expect(loadPasskeys(storage).map((p) => p.id)).toEqual(['cred-1', 'cred-2']);
    expect(findPasskey(storage, 'cred-2')?.publicKey).toBe(publicKey);
    expect(findPasskey(storage, 'nope')).toBeUndefined();
  });

  it('ignores damaged entries instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem(PASSKEYS_KEY, JSON.stringify([{ id: 'x', publicKey: '0x12' }, { id: '', publicKey }, { id: 'ok', publicKey }]));
    expect(loadPasskeys(storage).map((p) => p.id)).toEqual(['ok']);
    storage.setItem(PASSKEYS_KEY, '{not json');
    expect(loadPasskeys(storage)).toEqual([]);
  });
});
