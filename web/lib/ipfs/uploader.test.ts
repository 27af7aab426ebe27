import { describe, expect, it } from 'vitest';
import { fileCid } from './cid.ts';
import { CidMismatchError, NoUploaderError } from './errors.ts';
import { UploadError } from './upload.ts';
import { chooseUploader, publishFile } from './uploader.ts';

const logged = { email: 'm@example.com', space: 'did:key:z6Mkabc' };

describe('chooseUploader', () => {
  it('keeps the local IPFS node first, then Storacha once logged in, else the login', () => {
    expect(chooseUploader({ ipfsApi: 'http://127.0.0.1:8080', preferStoracha: false, storacha: logged })).toBe('helia');
    expect(chooseUploader({ ipfsApi: 'http://127.0.0.1:8080', preferStoracha: true, storacha: logged })).toBe('storacha');
    expect(chooseUploader({ ipfsApi: 'http://127.0.0.1:8080', preferStoracha: true, storacha: null })).toBe('login');
    expect(chooseUploader({ ipfsApi: null, preferStoracha: false, storacha: logged })).toBe('storacha');
    expect(chooseUploader({ ipfsApi: null, preferStoracha: false, storacha: null })).toBe('login');
  });
});

describe('publishFile through the local IPFS node', () => {
  const file = new Blob(['a listing photo']);
  const answering = (cid: string) => (async () => new Response(`{"Name":"f","Hash":"${cid}","Size":"15"}\n`)) as unknown as typeof fetch;
  const target = { kind: 'helia' as const, ipfsApi: 'http://127.0.0.1:8080', storachaService: null };

  it('returns the CID when the node reports the bytes\' own', async () => {
    const cid = await fileCid(new Uint8Array(await file.arrayBuffer()));
    expect(await publishFile(target, file, 'f', { fetch: answering(cid) })).toBe(cid);
  });

  it('refuses a CID that is not the file\'s', async () => {
    const other = await fileCid(new TextEncoder().encode('something else'));
    await expect(publishFile(target, file, 'f', { fetch: answering(other) })).rejects.toBeInstanceOf(CidMismatchError);
  });

  it('posts the file under its name to the node\'s add API (a trailing slash is fine); a refusal is an UploadError', async () => {
    const cid = await fileCid(new Uint8Array(await file.arrayBuffer()));
    let seen: { url: string; name: string } | undefined;
    const recording = (async (url: string, init: RequestInit) => {
      seen = { url, name: ((init.body as FormData).get('file') as File).name };
      return new Response(`{"Name":"bowl.png","Hash":"${cid}","Size":"15"}\n`);
    }) as unknown as typeof fetch;
    expect(await publishFile({ ...target, ipfsApi: 'http://127.0.0.1:5001/' }, file, 'bowl.png', { fetch: recording })).toBe(cid);
    expect(seen).toEqual({ url: 'http://127.0.0.1:5001/api/v0/add?cid-version=1', name: 'bowl.png' });
    const refuse = (async () => new Response('nope', { status: 500 })) as unknown as typeof fetch;
    await expect(publishFile(target, file, 'f', { fetch: refuse })).rejects.toBeInstanceOf(UploadError);
  });

  it('has nothing to upload with before a login', async () => {
    await expect(publishFile({ kind: 'login', ipfsApi: null, storachaService: null }, file, 'f')).rejects.toBeInstanceOf(NoUploaderError);
  });
});
