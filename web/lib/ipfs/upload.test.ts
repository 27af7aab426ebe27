import { describe, expect, it } from 'vitest';
import { parseCidInput, uploadJson, UploadError } from './upload.ts';

const CID = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';

describe('uploadJson', () => {
  it('posts one multipart file to /api/v0/add?cid-version=1 and returns the last CID', async () => {
    let seen: { url: string; body: FormData } | undefined;
    const fake = (async (url: string, init: RequestInit) => {
      seen = { url, body: init.body as FormData };
      return new Response(`{"Name":"document.json","Hash":"${CID}","Size":"10"}\n`, { status: 200 });
    }) as unknown as typeof fetch;
    const cid = await uploadJson('http://127.0.0.1:8080/', { schema: 'chainmart.comment/1', lang: 'en', text: 'hi' }, { fetch: fake });
    expect(cid).toBe(CID);
    expect(seen!.url).toBe('http://127.0.0.1:8080/api/v0/add?cid-version=1');
    const file = seen!.body.get('file') as File;
    expect(JSON.parse(await file.text())).toEqual({ schema: 'chainmart.comment/1', lang: 'en', text: 'hi' });
  });

  it('reports refusals and garbage as UploadError', async () => {
    const refuse = (async () => new Response('{"Message":"origin not allowed"}', { status: 403 })) as unknown as typeof fetch;
    await expect(uploadJson('http://x', {}, { fetch: refuse })).rejects.toThrow(/origin not allowed/);
    const garbage = (async () => new Response('{"Hash":"nope"}', { status: 200 })) as unknown as typeof fetch;
    await expect(uploadJson('http://x', {}, { fetch: garbage })).rejects.toBeInstanceOf(UploadError);
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(uploadJson('http://x', {}, { fetch: down })).rejects.toThrow(/unreachable/);
  });
});

describe('parseCidInput', () => {
  it('accepts bare and ipfs:// CIDs, rejects anything else', () => {
    expect(parseCidInput(` ipfs://${CID} `)).toBe(CID);
    expect(parseCidInput(CID)).toBe(CID);
    expect(parseCidInput('QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG')).toMatch(/^bafy/);
    expect(parseCidInput('not a cid')).toBeNull();
    expect(parseCidInput('https://evil.example/')).toBeNull();
  });
});
