// A shopper who holds only tUSD: a fresh key with 0 ETH checks out a 3-line cart from 3 shops as ONE ERC-4337
// v0.8 user operation through the real bundler (Alto), gas charged in tUSD by the ERC-20 paymaster; the orders
// are on the escrow and the ETH balance is exactly 0 before and after. A refusing paymaster and a dead bundler
// fail with an error that names which service failed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createPublicClient, http, parseEventLogs, zeroAddress } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { type AaChain, checkOutAsUserOp, startAaChain, threeShopCart } from '../../scripts/platform/aa-cart.ts';
import { freePort } from '../../scripts/platform/ports.ts';
import { chainMartEscrowAbi } from '../../web/lib/contracts/generated/abi.ts';
import { AaError, createStablecoinBundlerClient, delegationIfNeeded, sendUserOperation, toChainMartAccount } from '../../web/lib/aa/user-operation.ts';

const root = join(import.meta.dirname, '../..');
let chain: AaChain;

before(async () => {
  chain = await startAaChain(root);
});
after(async () => {
  await chain?.stop();
});

test('a 0-ETH account checks out 3 shops in one user operation, gas paid in tUSD', async () => {
  const cart = await threeShopCart(chain.anvil.url, chain.deployment);
  const result = await checkOutAsUserOp({ chain, cart });
  assert.equal(result.ethBefore, 0n, 'the buyer starts with 0 ETH');
  assert.equal(result.ethAfter, 0n, 'the buyer still has 0 ETH');
  assert.equal(result.orderIds.length, 3, 'three orders from one user operation');
  assert.ok(result.gasPaidInTusd > 0n, 'the paymaster charged the gas in tUSD');
  const escrow = chain.deployment.contracts.ChainMartEscrow.address;
  const placed = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: result.receipt.logs });
  assert.deepEqual(placed.map((e) => e.args.buyer), [result.buyer, result.buyer, result.buyer], 'the smart account (the buyer\'s own address) is the buyer');
  assert.equal(new Set(placed.map((e) => e.args.merchant)).size, 3, 'three different shops');
  // The bundler's handleOps transaction carried it: sent by the executor, to the EntryPoint.
  const client = createPublicClient({ chain: foundry, transport: http(chain.anvil.url) });
  const tx = await client.getTransaction({ hash: result.receipt.transactionHash });
  assert.equal(tx.to?.toLowerCase(), chain.aa.contracts.entryPoint.toLowerCase());
  assert.notEqual(tx.from.toLowerCase(), result.buyer.toLowerCase());
  assert.ok(placed.every((e) => e.address.toLowerCase() === escrow.toLowerCase()));
  assert.ok(result.delegated && result.approvedPaymaster, 'the first operation delegates the key and approves the paymaster');

  // The same shopper's next cart: already delegated, the paymaster's allowance still above the floor.
  const again = await checkOutAsUserOp({ chain, cart, buyerKey: result.buyerKey });
  assert.equal(again.buyer, result.buyer);
  assert.equal(again.orderIds.length, 3);
  assert.equal(again.delegated, false, 'no second authorization');
  assert.equal(again.approvedPaymaster, false, 'no second approval of the paymaster');
  assert.equal(again.ethAfter, 0n);
  assert.ok(again.receipt.gasUsed < result.receipt.gasUsed, `steady state ${again.receipt.gasUsed} < first ${result.receipt.gasUsed}`);
});

test('a paymaster that refuses the token, and a bundler that is down, give errors naming the service', async () => {
  const chainDef = { ...foundry, rpcUrls: { default: { http: [chain.anvil.url] } } };
  const client = createPublicClient({ chain: chainDef, transport: http(chain.anvil.url) });
  const owner = privateKeyToAccount(generatePrivateKey());
  const account = await toChainMartAccount(client, owner);
  const calls = [{ to: chain.deployment.contracts.SettlementToken.address, data: '0x' as const }];
  const escrow = chain.deployment.contracts.ChainMartEscrow.address;
  const endpoints = { bundlerUrl: chain.aa.bundler.url, paymasterUrl: chain.aa.paymaster.url };

  const refusing = createStablecoinBundlerClient({ client, account, endpoints, token: zeroAddress });
  await assert.rejects(sendUserOperation(refusing, calls, escrow, await delegationIfNeeded(client, owner)), (error: unknown) => {
    assert.ok(error instanceof AaError);
    assert.equal(error.kind, 'paymaster-refused');
    assert.match(error.message, /not accepted/);
    return true;
  });

  const deadBundler = createStablecoinBundlerClient({
    client,
    account,
    endpoints: { ...endpoints, bundlerUrl: `http://127.0.0.1:${await freePort()}` },
    token: chain.deployment.contracts.SettlementToken.address,
  });
  await assert.rejects(sendUserOperation(deadBundler, calls, escrow, await delegationIfNeeded(client, owner)), (error: unknown) => {
    assert.ok(error instanceof AaError);
    assert.equal(error.kind, 'bundler-unreachable');
    return true;
  });
  assert.equal(await client.getBalance({ address: owner.address }), 0n);
});
