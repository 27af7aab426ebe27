import { describe, expect, it } from 'vitest';
import { checkBundler } from './endpoint-check.ts';

const V08 = '0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108';
const V07 = '0x0000000071727De22E5E9d8BAf0edAc6f37da032';

function bundler(answers: Record<string, unknown>): typeof fetch {
  return (async (_url: string, init: RequestInit) => {
    const { method } = JSON.parse(String(init.body));
    const body = method in answers ? { jsonrpc: '2.0', id: 1, result: answers[method] } : { jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'no such method' } };
    return new Response(JSON.stringify(body));
  }) as never;
}

describe('checkBundler', () => {
  it('accepts a bundler serving EntryPoint v0.8 on the site chain (any address case)', async () => {
    expect(await checkBundler('http://b', 31337, bundler({ eth_supportedEntryPoints: [V07, V08.toLowerCase()], eth_chainId: '0x7a69' }))).toEqual({ kind: 'ok', chainId: 31337 });
  });
  it('refuses one without v0.8', async () => {
    expect(await checkBundler('http://b', 31337, bundler({ eth_supportedEntryPoints: [V07], eth_chainId: '0x7a69' }))).toEqual({ kind: 'no-v08' });
  });
  it('names the other chain', async () => {
    expect(await checkBundler('http://b', 31337, bundler({ eth_supportedEntryPoints: [V08], eth_chainId: '0x1' }))).toEqual({ kind: 'wrong-chain', chainId: 1 });
  });
  it('an RPC node that is not a bundler is invalid, a closed port unreachable', async () => {
    expect(await checkBundler('http://b', 31337, bundler({ eth_chainId: '0x7a69' }))).toEqual({ kind: 'invalid' });
    const dead = (async () => {
      throw new TypeError('fetch failed');
    }) as never;
    expect(await checkBundler('http://b', 31337, dead)).toEqual({ kind: 'unreachable' });
  });
});
