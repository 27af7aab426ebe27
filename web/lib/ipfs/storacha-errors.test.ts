import { describe, expect, it } from 'vitest';
import { StorachaError, storachaError } from './storacha-errors.ts';

/** How @storacha/upload-client reports a refused invocation: its sentence, caused by the service's error object. */
const refused = (name: string, message: string) => new Error('failed space/blob/add invocation', { cause: { name, message } });

describe('storachaError', () => {
  it('sorts refused invocations by the service error name and keeps the English as detail', () => {
    const noPlan = storachaError(refused('InsufficientStorage', 'did:key:z6Mk… has no storage provider'));
    expect(noPlan).toBeInstanceOf(StorachaError);
    expect(noPlan.kind).toBe('no-storage');
    expect(noPlan.detail).toBe('failed space/blob/add invocation: did:key:z6Mk… has no storage provider');
    expect(storachaError(refused('Unauthorized', 'Claim {"can":"space/blob/add"} is not authorized')).kind).toBe('unauthorized');
    expect(storachaError(new Error('failed upload/add invocation', { cause: { name: 'Expired', message: 'Proof has expired' } })).kind).toBe('unauthorized');
  });

  it('calls a network failure unreachable, an abort cancelled, anything else other', () => {
    expect(storachaError(new TypeError('fetch failed')).kind).toBe('unreachable');
    expect(storachaError(new TypeError('Failed to fetch')).kind).toBe('unreachable');
    expect(storachaError(new Error('upload failed: 503')).kind).toBe('unreachable');
    expect(storachaError(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' })).kind).toBe('cancelled');
    expect(storachaError(new Error('Error retrieving payment plan: {}')).kind).toBe('no-storage');
    const odd = storachaError('something odd');
    expect(odd.kind).toBe('other');
    expect(odd.detail).toBe('something odd');
  });

  it('walks a bounded cause chain (a cycle does not hang) and keeps an existing StorachaError', () => {
    const a: Error & { cause?: unknown } = new Error('outer');
    a.cause = a;
    expect(storachaError(a).detail).toBe('outer');
    const known = new StorachaError('unreachable', 'x');
    expect(storachaError(known)).toBe(known);
  });
});
