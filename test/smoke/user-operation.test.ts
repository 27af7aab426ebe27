// A shopper who holds only tUSD, on ONE throwaway chain (anvil with the P-256 precompile, the protocol, EntryPoint
// v0.8, the real bundler Alto and the ERC-20 paymaster), with both smart accounts the site makes:
// - a fresh key with 0 ETH (Simple7702Account through EIP-7702) checks out a 3-line cart from 3 shops as ONE
//   user operation, gas charged in tUSD; the orders are on the escrow and the ETH balance is exactly 0 before
//   and after; its next cart needs no second authorization and no second paymaster approval;
// - a software passkey (P-256 key, assertions built the way a browser builds them) owns a counterfactual
//   PasskeyAccount that is deployed by, and buys the same kind of cart in, one user operation (initCode through
//   PasskeyAccountFactory), with one device prompt;
// - a refusing paymaster and a dead bundler fail with an error that names which service failed.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Hex, createPublicClient, decodeFunctionData, http, parseEventLogs, zeroAddress } from 'viem';
import { entryPoint08Abi } from 'viem/account-abstraction';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { type AaChain, checkOutAsUserOp, keyAccount, passkeyAccount, startAaChain, threeShopCart } from '../../scripts/platform/aa-cart.ts';
import { freePort } from '../../scripts/platform/ports.ts';
import { softwarePasskey } from '../../scripts/platform/software-passkey.ts';
import { chainMartEscrowAbi, passkeyAccountFactoryAbi } from '../../web/lib/contracts/generated/abi.ts';
import type { Cart } from '../../web/lib/checkout/purchase.ts';
import { PASSKEY_ACCOUNT_FACTORY, passkeyAccountAddress } from '../../web/lib/aa/passkey-account.ts';
import { bundlerGasPrice, tokenQuote } from '../../web/lib/aa/token-quote.ts';
import { stableGasReserve } from '../../web/lib/wallet/funds.ts';
import { AaError, createStablecoinBundlerClient, delegationIfNeeded, sendUserOperation, toChainMartAccount } from '../../web/lib/aa/user-operation.ts';

const root = join(import.meta.dirname, '../..');
let chain: AaChain;
/** Three shops with one tUSD listing each (stock 10): every test below buys from them. */
let cart: Cart;

before(async () => {
  chain = await startAaChain(root);
  cart = await threeShopCart(chain.anvil.url, chain.deployment);
});
after(async () => {
  await chain?.stop();
});

const publicClient = () => createPublicClient({ chain: foundry, transport: http(chain.anvil.url) });

/** The one operation the bundler's handleOps transaction `hash` carried: its nonce and the tip it bid. */
async function operationIn(hash: Hex): Promise<{ nonce: bigint; maxPriorityFeePerGas: bigint }> {
  const tx = await publicClient().getTransaction({ hash });
  const { args } = decodeFunctionData({ abi: entryPoint08Abi, data: tx.input });
  const [ops] = args as unknown as [{ nonce: bigint; gasFees: Hex }[]];
  assert.equal(ops.length, 1, 'one operation in the bundle');
  // Packed v0.7+ gasFees: maxPriorityFeePerGas in the high 16 bytes, maxFeePerGas in the low 16.
  return { nonce: ops[0].nonce, maxPriorityFeePerGas: BigInt(ops[0].gasFees.slice(0, 34)) };
}
const nonceIn = async (hash: Hex) => (await operationIn(hash)).nonce;

test('a 0-ETH account checks out 3 shops in one user operation, gas paid in tUSD', async () => {
  const key = generatePrivateKey();
  const result = await checkOutAsUserOp({ chain, cart, account: await keyAccount(chain, key) });
  assert.equal(result.buyer, privateKeyToAccount(key).address, "the key's own address is the account");
  assert.equal(result.ethBefore, 0n, 'the buyer starts with 0 ETH');
  assert.equal(result.ethAfter, 0n, 'the buyer still has 0 ETH');
  assert.equal(result.orderIds.length, 3, 'three orders from one user operation');
  assert.ok(result.gasPaidInTusd > 0n, 'the paymaster charged the gas in tUSD');
  // The quote the site reads before paying (Pimlico's pimlico_getTokenQuotes) is the rate the paymaster signed,
  // and the reserve the cart shows from it covers what was charged.
  const token = chain.deployment.contracts.SettlementToken.address;
  const quote = await tokenQuote({ paymasterUrl: chain.aa.paymaster.url, token, chainId: foundry.id });
  assert.ok(quote, 'the paymaster quotes tUSD');
  assert.equal(quote.exchangeRate, 3000n * 10n ** 6n, '3000 tUSD per ETH, the rate its signed data carries');
  assert.equal(quote.paymaster, chain.aa.contracts.paymaster);
  assert.ok(result.gasPaidInTusd <= stableGasReserve(result.receipt.effectiveGasPrice, 6, quote), 'the reserve at the price paid covers the charge');
  // The cart reserves at the bundler's quoted max fee: it covers the charge too, and is not 50 times it.
  const bundlerPrice = await bundlerGasPrice({ bundlerUrl: chain.aa.bundler.url });
  assert.ok(bundlerPrice, 'the bundler quotes a gas price');
  const reserve = stableGasReserve(bundlerPrice, 6, quote);
  assert.ok(result.gasPaidInTusd <= reserve && reserve < result.gasPaidInTusd * 10n, `the reserve shown (${reserve}) covers the charge (${result.gasPaidInTusd}) within 10x`);
  assert.equal(await tokenQuote({ paymasterUrl: chain.aa.paymaster.url, token: zeroAddress, chainId: foundry.id }), null, 'a token it does not take gets no quote');
  const escrow = chain.deployment.contracts.ChainMartEscrow.address;
  const placed = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: result.receipt.logs });
  assert.deepEqual(placed.map((e) => e.args.buyer), [result.buyer, result.buyer, result.buyer], 'the smart account (the buyer\'s own address) is the buyer');
  assert.equal(new Set(placed.map((e) => e.args.merchant)).size, 3, 'three different shops');
  // The bundler's handleOps transaction carried it: sent by the executor, to the EntryPoint.
  const client = publicClient();
  const tx = await client.getTransaction({ hash: result.receipt.transactionHash });
  assert.equal(tx.to?.toLowerCase(), chain.aa.contracts.entryPoint.toLowerCase());
  assert.notEqual(tx.from.toLowerCase(), result.buyer.toLowerCase());
  assert.ok(placed.every((e) => e.address.toLowerCase() === escrow.toLowerCase()));
  assert.ok(result.delegated && result.approvedPaymaster, 'the first operation delegates the key and approves the paymaster');

  // The same shopper's next cart: already delegated, the paymaster's allowance still above the floor.
  const again = await checkOutAsUserOp({ chain, cart, account: await keyAccount(chain, key) });
  assert.equal(again.buyer, result.buyer);
  assert.equal(again.orderIds.length, 3);
  assert.equal(again.delegated, false, 'no second authorization');
  assert.equal(again.approvedPaymaster, false, 'no second approval of the paymaster');
  assert.equal(again.ethAfter, 0n);
  assert.ok(again.receipt.gasUsed < result.receipt.gasUsed, `steady state ${again.receipt.gasUsed} < first ${result.receipt.gasUsed}`);
  // Nonce key 0, sequence 0 then 1 (the top 192 bits are the key): the second operation writes the slot the
  // first opened instead of a new one (viem's default key per operation costs 17,100 gas more each time).
  assert.equal(await nonceIn(result.receipt.transactionHash), 0n, 'the first operation: key 0, sequence 0');
  assert.equal(await nonceIn(again.receipt.transactionHash), 1n, 'the next operation: key 0, sequence 1');

  // A third cart: the tip each operation bids stays what the bundler quotes. The bundler's own bundles are the
  // chain's recent tips; when the site doubled the chain's estimate (viem's default), every checkout doubled the tip.
  const third = await checkOutAsUserOp({ chain, cart, account: await keyAccount(chain, key) });
  const tips = await Promise.all([result, again, third].map(async (r) => (await operationIn(r.receipt.transactionHash)).maxPriorityFeePerGas));
  const response = await fetch(chain.aa.bundler.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'pimlico_getUserOperationGasPrice', params: [] }),
  });
  const quoted = BigInt(((await response.json()) as { result: { standard: { maxPriorityFeePerGas: Hex } } }).result.standard.maxPriorityFeePerGas);
  assert.deepEqual(tips, [quoted, quoted, quoted], `the tips bid (${tips.join(', ')} wei) are the bundler's standard tip, every time`);
  const perGas = [again, third].map((r) => (r.gasPaidInTusd * 10n ** 12n) / r.actualGasUsed);
  assert.ok(perGas[1] <= (perGas[0] * 11n) / 10n, `the charge per gas does not climb: ${perGas.join(' then ')} tUSD micro-units per 1e12 gas`);
  console.log(`tUSD charged for gas, first/second/third cart: ${[result, again, third].map((r) => `${r.gasPaidInTusd} (${r.actualGasUsed} gas)`).join(', ')}; tips ${tips.join(', ')} wei`);
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

test('the passkey factory lands at its canonical address and predicts what the site computes offline', async () => {
  assert.equal(chain.aa.contracts.passkeyAccountFactory, PASSKEY_ACCOUNT_FACTORY);
  const client = publicClient();
  const { owner } = softwarePasskey();
  const x = `0x${owner.publicKey.slice(2, 66)}` as const;
  const y = `0x${owner.publicKey.slice(66)}` as const;
  for (const salt of [0n, 7n]) {
    const onChain = await client.readContract({ address: PASSKEY_ACCOUNT_FACTORY, abi: passkeyAccountFactoryAbi, functionName: 'accountAddress', args: [x, y, salt] });
    assert.equal(passkeyAccountAddress(owner.publicKey, { salt }), onChain);
  }
});

test('a 0-ETH passkey account is deployed by, and checks out 3 shops in, one user operation paid in tUSD', async () => {
  const passkey = softwarePasskey();
  const promptsBefore = passkey.prompts();
  const result = await checkOutAsUserOp({ chain, cart, account: await passkeyAccount(chain, passkey) });
  assert.equal(result.deployedBefore, false, 'the account was counterfactual');
  assert.equal(result.ethBefore, 0n, 'the account starts with 0 ETH');
  assert.equal(result.ethAfter, 0n, 'the account still has 0 ETH');
  assert.equal(result.orderIds.length, 3, 'three orders from one user operation');
  assert.equal(passkey.prompts() - promptsBefore, 1, 'one device prompt');
  assert.ok(result.gasPaidInTusd > 0n, 'the paymaster charged the gas in tUSD');
  const placed = parseEventLogs({ abi: chainMartEscrowAbi, eventName: 'OrderPlaced', logs: result.receipt.logs });
  assert.deepEqual(placed.map((e) => e.args.buyer), [result.buyer, result.buyer, result.buyer], 'the passkey account is the buyer');
  assert.equal(new Set(placed.map((e) => e.args.merchant)).size, 3, 'three different shops');
  const created = parseEventLogs({ abi: passkeyAccountFactoryAbi, eventName: 'AccountCreated', logs: result.receipt.logs });
  assert.equal(created.length, 1, 'the factory created the account in the same transaction');
  assert.equal(created[0].args.account, result.buyer);
  const client = publicClient();
  assert.ok(await client.getCode({ address: result.buyer }), 'deployed now');
  const tx = await client.getTransaction({ hash: result.receipt.transactionHash });
  assert.equal(tx.to?.toLowerCase(), chain.aa.contracts.entryPoint.toLowerCase(), 'the bundler sent handleOps to the EntryPoint');
  assert.equal(await nonceIn(result.receipt.transactionHash), 0n, 'the passkey account uses nonce key 0 too');
  console.log(`passkey cart user op: ${result.receipt.gasUsed} gas (handleOps transaction), ${result.gasPaidInTusd} tUSD units for gas`);
});
