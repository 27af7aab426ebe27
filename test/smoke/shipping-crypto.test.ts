// The shipping-details envelope the seed writes: only the merchant's key opens it, and tampering is caught.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { privateKeyToAccount } from 'viem/accounts';
import type { ShippingDetails } from '../../web/lib/protocol/metadata.ts';
import { ENCRYPTION_KEY_MESSAGE, decryptShipping, encryptShipping, keyPairFromSignature } from '../../web/lib/protocol/shipping-crypto.ts';

const details: ShippingDetails = {
  schema: 'chainmart.shipping/1',
  name: '张伟',
  phone: '+86 138 0000 0001',
  address: '朝阳区建国路 88 号',
  city: '北京',
  postalCode: '100022',
  country: 'CN',
};

async function merchantKeys(privateKey: `0x${string}`) {
  const signature = await privateKeyToAccount(privateKey).signMessage({ message: ENCRYPTION_KEY_MESSAGE });
  return keyPairFromSignature(Buffer.from(signature.slice(2), 'hex'));
}

test('the merchant key derived from a wallet signature opens what buyers encrypt to it, and only it', async () => {
  const merchant = await merchantKeys('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
  const again = await merchantKeys('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
  assert.deepEqual(again.publicKey, merchant.publicKey, 'the same wallet always derives the same key');
  const envelope = encryptShipping(details, merchant.publicKey);
  assert.equal(envelope[0], 1);
  assert.ok(envelope.length < 2048, 'fits the contract limit for shippingInfo');
  assert.ok(!Buffer.from(envelope).toString('utf8').includes('建国路'), 'the address is not readable on chain');
  assert.deepEqual(decryptShipping(envelope, merchant), details);

  const other = await merchantKeys('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');
  assert.throws(() => decryptShipping(envelope, other));
  const tampered = Uint8Array.from(envelope);
  tampered[tampered.length - 1] ^= 1;
  assert.throws(() => decryptShipping(tampered, merchant));
  assert.throws(() => decryptShipping(Uint8Array.of(2, ...envelope.subarray(1)), merchant), /unknown shipping envelope version 2/);
});
