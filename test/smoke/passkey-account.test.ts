// The passkey account end to end: a software passkey (P-256 key, assertions built the way a browser builds
// them) owns a counterfactual PasskeyAccount that buys a 3-shop cart in ONE user operation through the real
// bundler (Alto), its deployment included (initCode through PasskeyAccountFactory), gas charged in tUSD by the
// ERC-20 paymaster; the account's ETH balance is exactly 0 before and after, and one device prompt was asked.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createPublicClient, http, parseEventLogs } from 'viem';
import { foundry } from 'viem/chains';
import { type AaChain, checkOutAsPasskeyUserOp, threeShopCart } from '../../scripts/platform/aa-cart.ts';
import { startAaChain } from '../../scripts/platform/aa-cart.ts';
import { softwarePasskey } from '../../scripts/platform/software-passkey.ts';
import { passkeyAccountAddress, PASSKEY_ACCOUNT_FACTORY } from '../../web/lib/aa/passkey-account.ts';
import { chainMartEscrowAbi, passkeyAccountFactoryAbi } from '../../web/lib/contracts/generated/abi.ts';

const root = join(import.meta.dirname, '../..');
let chain: AaChain;

before(async () => {
  chain = await startAaChain(root);
});
after(async () => {
  await chain?.stop();
});

test('the factory lands at its canonical address and predicts what the site computes offline', async () => {
  assert.equal(chain.aa.contracts.passkeyAccountFactory, PASSKEY_ACCOUNT_FACTORY);
  const client = createPublicClient({ chain: foundry, transport: http(chain.anvil.url) });
  const { owner } = softwarePasskey();
  const x = `0x${owner.publicKey.slice(2, 66)}` as const;
  const y = `0x${owner.publicKey.slice(66)}` as const;
  for (const salt of [0n, 7n]) {
    const onChain = await client.readContract({ address: PASSKEY_ACCOUNT_FACTORY, abi: passkeyAccountFactoryAbi, functionName: 'accountAddress', args: [x, y, salt] });
    assert.equal(passkeyAccountAddress(owner.publicKey, { salt }), onChain);
  }
});

test('a 0-ETH passkey account is deployed by, and checks out 3 shops in, one user operation paid in tUSD', async () => {
  const cart = await threeShopCart(chain.anvil.url, chain.deployment);
  const result = await checkOutAsPasskeyUserOp({ chain, cart });
  assert.equal(result.deployedBefore, false, 'the account was counterfactual');
  assert.equal(result.ethBefore, 0n, 'the account starts with 0 ETH');
  assert.equal(result.ethAfter, 0n, 'the account still has 0 ETH');
  assert.equal(result.orderIds.length, 3, 'three orders from one user operation');
  assert.equal(result.prompts, 1, 'one device prompt');
  assert.ok(result.gasPaidInTusd > 0n, 'the paymaster charged the gas in tUSD');
  const placed = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: result.receipt.logs });
  assert.deepEqual(placed.map((e) => e.args.buyer), [result.buyer, result.buyer, result.buyer], 'the passkey account is the buyer');
  assert.equal(new Set(placed.map((e) => e.args.merchant)).size, 3, 'three different shops');
  const created = parseEventLogs({ abi: passkeyAccountFactoryAbi, eventName: 'AccountCreated', logs: result.receipt.logs });
  assert.equal(created.length, 1, 'the factory created the account in the same transaction');
  assert.equal(created[0].args.account, result.buyer);
  const client = createPublicClient({ chain: foundry, transport: http(chain.anvil.url) });
  assert.ok(await client.getCode({ address: result.buyer }), 'deployed now');
  const tx = await client.getTransaction({ hash: result.receipt.transactionHash });
  assert.equal(tx.to?.toLowerCase(), chain.aa.contracts.entryPoint.toLowerCase(), 'the bundler sent handleOps to the EntryPoint');
  console.log(`passkey cart user op: ${result.receipt.gasUsed} gas (handleOps transaction), ${result.gasPaidInTusd} tUSD units for gas`);
});
