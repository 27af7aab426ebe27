import { describe, expect, it } from 'vitest';
import { UploadError } from '../ipfs/upload.ts';
import { MAX_IMAGE_BYTES, evidenceProblem, formatBytes, imageProblem, uploadFile } from './files.ts';

describe('merchant files', () => {
  it('refuses oversized, empty and non-image files', () => {
    expect(imageProblem({ size: 1000, type: 'image/png' })).toBeNull();
    expect(imageProblem({ size: MAX_IMAGE_BYTES + 1, type: 'image/jpeg' })).toEqual({ kind: 'too-large', size: MAX_IMAGE_BYTES + 1, max: MAX_IMAGE_BYTES });
    expect(imageProblem({ size: 10, type: 'image/svg+xml' })).toEqual({ kind: 'type', type: 'image/svg+xml' });
    expect(imageProblem({ size: 0, type: 'image/png' })).toEqual({ kind: 'empty' });
    expect(evidenceProblem({ size: 10, type: 'application/pdf' })).toBeNull();
    expect(formatBytes(MAX_IMAGE_BYTES)).toBe('2 MB');
    expect(formatBytes(3000)).toBe('3 KB');
  });

  it('uploads through the kubo API and returns a CIDv1', async () => {
    let url = '';
    const fake = (async (input: string) => {
      url = input;
      return new Response('{"Name":"a.png","Hash":"bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy","Size":"3"}\n');
    }) as unknown as typeof fetch;
    expect(await uploadFile('http://127.0.0.1:5001/', new Blob(['abc']), 'a.png', { fetch: fake })).toBe('bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy');
    expect(url).toBe('http://127.0.0.1:5001/api/v0/add?cid-version=1');
    const refuse = (async () => new Response('nope', { status: 500 })) as unknown as typeof fetch;
    await expect(uploadFile('http://x', new Blob(['a']), 'a', { fetch: refuse })).rejects.toBeInstanceOf(UploadError);
  });
});
