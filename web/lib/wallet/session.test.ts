import { describe, expect, it } from 'vitest';
import { BUILTIN_STORAGE_KEY, broadcastLock, clearSession, loadSession, requestSession, saveSession, serveSession, sessionAllowed, storedBuiltinAddress } from './session.ts';
import { MemoryStorage } from '../testing/memory-storage.ts';

const address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const key = `0x${'ab'.repeat(32)}` as const;

describe('built-in wallet session', () => {
  it('keeps the unlocked key for its own wallet only', () => {
    const storage = new MemoryStorage();
    saveSession(storage, address, key);
    expect(loadSession(storage, address.toLowerCase() as never)).toBe(key);
    expect(loadSession(storage, '0x0000000000000000000000000000000000000001')).toBeNull();
    expect(loadSession(storage, address)).toBeNull();
    saveSession(storage, address, key);
    clearSession(storage);
    expect(loadSession(storage, address)).toBeNull();
  });

  it('reads the stored wallet address without decrypting anything', () => {
    const storage = new MemoryStorage();
    expect(storedBuiltinAddress(storage)).toBeNull();
    storage.setItem(BUILTIN_STORAGE_KEY, JSON.stringify({ version: 1, address }));
    expect(storedBuiltinAddress(storage)).toBe(address);
    storage.setItem(BUILTIN_STORAGE_KEY, '{broken');
    expect(storedBuiltinAddress(storage)).toBeNull();
  });

  it('is not kept on a path gateway, whose origin every other site on it shares', () => {
    expect(sessionAllowed({ pathname: '/product/' })).toBe(true);
    expect(sessionAllowed({ pathname: '/ipfs/bafybeigdyr/product/' })).toBe(false);
    expect(sessionAllowed({ pathname: '/ipns/chainmart.eth/' })).toBe(false);
  });

  it('hands the key to a new tab, answers only for the same wallet, and locks every tab', async () => {
    const name = `test-${Math.random()}`;
    const unlocked = new BroadcastChannel(name);
    const fresh = new BroadcastChannel(name);
    let locked = 0;
    const stop = serveSession(unlocked, () => ({ address, key }), () => locked++);
    expect(await requestSession(fresh, address, 500)).toBe(key);
    expect(await requestSession(fresh, '0x0000000000000000000000000000000000000001', 100)).toBeNull();
    broadcastLock(fresh);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(locked).toBe(1);
    stop();
    expect(await requestSession(fresh, address, 100)).toBeNull();
    unlocked.close();
    fresh.close();
  });
});
