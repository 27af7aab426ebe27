import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapabilityCache, NO_CAPABILITIES, parseCapabilities } from './capabilities.ts';

const BASE = 8453;

describe('parseCapabilities', () => {
  it('reads EIP-5792 atomic status for the chain: supported and ready batch, unsupported does not', () => {
    expect(parseCapabilities({ '0x2105': { atomic: { status: 'supported' } } }, BASE)).toEqual({ atomic: true, paymasterService: false });
    expect(parseCapabilities({ '0x2105': { atomic: { status: 'ready' } } }, BASE)).toEqual({ atomic: true, paymasterService: false });
    expect(parseCapabilities({ '0x2105': { atomic: { status: 'unsupported' } } }, BASE)).toEqual({ atomic: false, paymasterService: false });
  });

  it('reads ERC-7677 paymasterService.supported for the chain (or every chain); anything else is no', () => {
    expect(parseCapabilities({ '0x2105': { atomic: { status: 'supported' }, paymasterService: { supported: true } } }, BASE)).toEqual({ atomic: true, paymasterService: true });
    expect(parseCapabilities({ '0x0': { paymasterService: { supported: true } }, '0x2105': { atomic: { status: 'supported' } } }, BASE)).toEqual({ atomic: true, paymasterService: true });
    expect(parseCapabilities({ '0x2105': { paymasterService: { supported: false } } }, BASE).paymasterService).toBe(false);
    expect(parseCapabilities({ '0x2105': { paymasterService: true } }, BASE).paymasterService).toBe(false);
    expect(parseCapabilities({ '0x2105': { paymasterService: { supported: 'yes' } } }, BASE).paymasterService).toBe(false);
    expect(parseCapabilities({ '0x1': { paymasterService: { supported: true } } }, BASE).paymasterService).toBe(false);
  });

  it('reads the older atomicBatch.supported of wallets built on earlier drafts', () => {
    expect(parseCapabilities({ '0x2105': { atomicBatch: { supported: true } } }, BASE)).toEqual({ atomic: true, paymasterService: false });
    expect(parseCapabilities({ '0x2105': { atomicBatch: { supported: false } } }, BASE)).toEqual({ atomic: false, paymasterService: false });
  });

  it('only counts the asked chain or the every-chain entry "0x0", where the chain itself wins', () => {
    expect(parseCapabilities({ '0x1': { atomic: { status: 'supported' } } }, BASE)).toEqual({ atomic: false, paymasterService: false });
    expect(parseCapabilities({ '0x0': { atomic: { status: 'supported' } } }, BASE)).toEqual({ atomic: true, paymasterService: false });
    expect(parseCapabilities({ '0x0': { atomic: { status: 'supported' } }, '0x2105': { atomic: { status: 'unsupported' } } }, BASE)).toEqual({ atomic: false, paymasterService: false });
    // Hex keys are compared as numbers (leading zeros, upper case, decimal keys from sloppy wallets).
    expect(parseCapabilities({ '0x002105': { atomic: { status: 'supported' } } }, BASE)).toEqual({ atomic: true, paymasterService: false });
    expect(parseCapabilities({ '0x7A69': { atomic: { status: 'supported' } } }, 31337)).toEqual({ atomic: true, paymasterService: false });
    expect(parseCapabilities({ '8453': { atomic: { status: 'supported' } } }, BASE)).toEqual({ atomic: true, paymasterService: false });
  });

  it('treats malformed answers as no capability', () => {
    for (const answer of [null, undefined, 'yes', 42, [], { '0x2105': 'atomic' }, { '0x2105': { atomic: true } }, { '0x2105': { atomic: { status: 'SUPPORTED' } } }, { nonsense: { atomic: { status: 'supported' } } }]) {
      expect(parseCapabilities(answer, BASE)).toEqual(NO_CAPABILITIES);
    }
  });
});

describe('CapabilityCache', () => {
  afterEach(() => vi.useRealTimers());
  const supported = { '0x2105': { atomic: { status: 'supported' } } };

  it('asks once per wallet, account (any case) and chain, with the chain as hex', async () => {
    const cache = new CapabilityCache();
    const ask = vi.fn(async () => supported);
    await expect(cache.get('io.metamask', '0xAbC', BASE, ask)).resolves.toEqual({ atomic: true, paymasterService: false });
    await expect(cache.get('io.metamask', '0xabc', BASE, ask)).resolves.toEqual({ atomic: true, paymasterService: false });
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask).toHaveBeenCalledWith('0x2105');
    await cache.get('io.metamask', '0xdef', BASE, ask);
    await cache.get('io.metamask', '0xabc', 1, ask);
    await cache.get('com.coinbase.wallet', '0xabc', BASE, ask);
    expect(ask).toHaveBeenCalledTimes(4);
  });

  it('a wallet without the method (4200, -32601) or that refuses it has no capabilities, and is not asked again', async () => {
    const cache = new CapabilityCache();
    for (const code of [4200, -32601, 4001]) {
      const ask = vi.fn(async () => Promise.reject(Object.assign(new Error('no'), { code })));
      await expect(cache.get(`w${code}`, '0xabc', BASE, ask)).resolves.toEqual(NO_CAPABILITIES);
      await expect(cache.get(`w${code}`, '0xabc', BASE, ask)).resolves.toEqual(NO_CAPABILITIES);
      expect(ask).toHaveBeenCalledTimes(1);
    }
  });

  it('a wallet that never answers is given up on after the timeout', async () => {
    vi.useFakeTimers();
    const cache = new CapabilityCache(3_000);
    const answer = cache.get('slow', '0xabc', BASE, () => new Promise(() => {}));
    let settled = false;
    void answer.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(answer).resolves.toEqual(NO_CAPABILITIES);
  });

  it('revoke: a wallet that claimed batching and refused it is not offered a batch again', async () => {
    const cache = new CapabilityCache();
    const ask = vi.fn(async () => supported);
    await expect(cache.get('w', '0xabc', BASE, ask)).resolves.toEqual({ atomic: true, paymasterService: false });
    cache.revoke('w', '0xABC', BASE);
    await expect(cache.get('w', '0xabc', BASE, ask)).resolves.toEqual(NO_CAPABILITIES);
    expect(ask).toHaveBeenCalledTimes(1);
  });
});
