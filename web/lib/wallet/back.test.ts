import { describe, expect, it } from 'vitest';
import { backPath, safeBack } from './back.ts';

describe('back paths', () => {
  it('takes the page relative to the site root, at an origin root and under a path gateway', () => {
    expect(backPath(new URL('http://127.0.0.1:4173/product/?id=3'), new URL('http://127.0.0.1:4173/'))).toBe('product/?id=3');
    const root = new URL('https://gw.example/ipfs/bafy/');
    expect(backPath(new URL('https://gw.example/ipfs/bafy/checkout/?listing=7'), root)).toBe('checkout/?listing=7');
    expect(backPath(new URL('https://gw.example/ipfs/bafy/'), root)).toBe('./');
    expect(backPath(new URL('https://gw.example/ipfs/other/'), root)).toBeNull();
  });

  it('accepts only paths inside the site', () => {
    expect(safeBack('product/?id=3')).toBe('product/?id=3');
    expect(safeBack('sell/orders/')).toBe('sell/orders/');
    expect(safeBack('./')).toBe('./');
    for (const bad of [null, '', '/product/', '//evil.example/', 'https://evil.example/', 'javascript:alert(1)', '../x/', 'product', 'wallet/?back=x/', 'a/?q=1#h', 'a\\b/', '././', '.x/']) {
      expect(safeBack(bad), String(bad)).toBeNull();
    }
  });
});
