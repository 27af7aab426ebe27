// The site's Storacha uploader (web/lib/ipfs/storacha.ts, the module the sell pages load) against Storacha's
// own upload service logic on 127.0.0.1 (service.ts): UCAN over HTTP, the login confirmed the way
// upload-api's tests confirm it, a space provisioned by the account, a listing photo uploaded through the
// storage node, its CID checked against the bytes and registered in the space. Node instead of a browser:
// the client's store is in memory here (IndexedDB in the browser); everything else is the same code.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { StoreMemory } from '@storacha/client/stores/memory';
import { connect, listSpaces, loggedInAccount, login, uploadChecked, useSpace } from '../../web/lib/ipfs/storacha.ts';
import { fileCid } from '../../web/lib/ipfs/cid.ts';
import { StorachaLoginNeeded } from '../../web/lib/ipfs/errors.ts';
import { startStorachaService, type StorachaTestService } from './service.ts';

let service: StorachaTestService;
before(async () => {
  service = await startStorachaService();
});
after(() => service?.close());

// A 1x1 PNG followed by enough bytes to span two 1 MiB chunks (a multi-block DAG, not a single raw block).
function photo(): Uint8Array<ArrayBuffer> {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const out = new Uint8Array(new ArrayBuffer(1_048_576 + 4096));
  out.set(png);
  for (let i = png.length; i < out.length; i++) out[i] = (i * 31) & 0xff;
  return out;
}

test('a merchant logs in by email, gets a space and uploads a listing photo; the CID is the bytes\' own', async () => {
  const client = await connect({ url: service.url, did: service.did }, { store: new StoreMemory() });
  await assert.rejects(uploadChecked(client, new Blob(['x'])), StorachaLoginNeeded, 'no space before login');

  const pending = login(client, 'merchant@example.com');
  assert.equal(await service.confirmNextLogin(), 'merchant@example.com', 'the service emailed the address given');
  assert.equal(await pending, 'merchant@example.com');
  assert.equal(loggedInAccount(client), 'merchant@example.com');

  const space = await useSpace(client, { name: 'ChainMart', email: 'merchant@example.com', customService: true });
  assert.match(space.did, /^did:key:z6Mk/);
  assert.deepEqual(listSpaces(client), [{ did: space.did, name: 'ChainMart' }]);
  // Asking again picks the same space instead of creating another.
  assert.equal((await useSpace(client, { name: 'ChainMart', email: 'merchant@example.com', customService: true })).did, space.did);

  const bytes = photo();
  const cid = await uploadChecked(client, new Blob([bytes], { type: 'image/png' }));
  assert.equal(cid, await fileCid(bytes));
  assert.match(cid, /^bafybei/, 'two chunks: a dag-pb root');
  assert.deepEqual(await service.uploads(space.did), [cid], 'the service registered the upload in the space');
});
