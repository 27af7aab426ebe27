import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { describe, expect, it } from 'vitest';
import { listingMetadataSchema } from '../protocol/schemas.ts';
import { fetchIpfsJson, gatewayUrl, parseIpfsUri } from './content.ts';

async function rawCid(bytes: Uint8Array): Promise<string> {
  return CID.createV1(raw.code, await sha256.digest(bytes)).toString();
}
const serve = (bytes: Uint8Array | string) => async () => new Response(bytes as BodyInit, { status: 200 });
const doc = {
  schema: 'chainmart.listing/1',
  title: { en: '<script>alert(1)</script>' },
  description: { en: 'ok' },
  images: [],
};

describe('ipfs content', () => {
  it('parses ipfs URIs and builds gateway URLs', () => {
    const cid = 'bafkreiacupxqe6mwbznnjlueuqoz3w2flmtr4wj5zju7wko56glmrl7i3e';
    expect(parseIpfsUri(`ipfs://${cid}/a.png`).path).toBe('/a.png');
    expect(gatewayUrl(`ipfs://${cid}`, 'http://gw/')).toBe(`http://gw/ipfs/${cid}`);
    expect(gatewayUrl('javascript:alert(1)', 'http://gw')).toBeNull();
    expect(() => parseIpfsUri('ipfs://notacid')).toThrow(/CID/);
  });

  it('accepts a valid document and keeps hostile text as plain data', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(doc));
    const out = await fetchIpfsJson(`ipfs://${await rawCid(bytes)}`, 'http://gw', listingMetadataSchema, { fetch: serve(bytes) });
    expect(out.title.en).toBe('<script>alert(1)</script>');
  });

  it('rejects bytes that do not match a raw CID', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(doc));
    const other = new TextEncoder().encode('{}');
    const request = fetchIpfsJson(`ipfs://${await rawCid(bytes)}`, 'http://gw', listingMetadataSchema, { fetch: serve(other) });
    await expect(request).rejects.toMatchObject({ kind: 'mismatch' });
  });

  it('rejects broken JSON, wrong schemas, huge strings and huge documents', async () => {
    const check = async (body: string, kind: string, maxBytes?: number) => {
      const bytes = new TextEncoder().encode(body);
      const request = fetchIpfsJson(`ipfs://${await rawCid(bytes)}`, 'http://gw', listingMetadataSchema, { fetch: serve(bytes), maxBytes });
      await expect(request).rejects.toMatchObject({ kind });
    };
    await check('{"schema": "chainmart.listing/1", ', 'json');
    await check(JSON.stringify({ ...doc, schema: 'other/1' }), 'schema');
    await check(JSON.stringify({ ...doc, title: { en: 'x'.repeat(1000) } }), 'schema');
    await check(JSON.stringify({ ...doc, description: { en: 'x'.repeat(300_000) } }), 'too-large');
  });
});
