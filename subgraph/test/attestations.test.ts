// EAS attestations end to end: EAS 1.9.0 deployed by scripts/deploy.ts on anvil, attestations and revocations
// from several attesters, indexed by the local graph node through the compiled EAS mapping. Only the
// deployment's schemas are stored; a merchant's attestations load through `merchant { account { attestations } }`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Abi, type Address, type Hex, encodeAbiParameters, encodePacked, keccak256, parseAbiParameters, toHex, zeroAddress, zeroHash } from 'viem';
import { type Harness, artifactAbi, devAccount, lower, startHarness } from './harness.ts';

const easArtifacts = join(import.meta.dirname, '../../node_modules/@ethereum-attestation-service/eas-contracts/artifacts/contracts');
const easAbi: Abi = JSON.parse(readFileSync(join(easArtifacts, 'EAS.sol/EAS.json'), 'utf8')).abi;
const registryAbi: Abi = JSON.parse(readFileSync(join(easArtifacts, 'SchemaRegistry.sol/SchemaRegistry.json'), 'utf8')).abi;
const catalogAbi = artifactAbi('ChainMartCatalog');

const ATTESTER_A = 1;
const ATTESTER_B = 2;
const MERCHANT = 3;
const BUYER = 4;
const LATE_MERCHANT = 5;
const addr = (index: number) => devAccount(index).address;
const low = (index: number) => lower(addr(index));

const FIELDS = 'id schema schemaUID recipient { id } attester time blockNumber transactionHash revoked revokedAt revocationTransactionHash';

interface OnChainAttestation {
  uid: Hex;
  schema: Hex;
  time: bigint;
  expirationTime: bigint;
  revocationTime: bigint;
  recipient: Address;
  attester: Address;
  data: Hex;
}

describe('EAS attestations in the subgraph', { timeout: 120_000 }, () => {
  let h: Harness;
  let eas: Address;
  let schemas: Harness['deployment']['schemas'];

  /** Attests and returns the new uid (from the Attested event's data). */
  const attest = async (from: number, schema: Hex, recipient: Address, data: Hex, expirationTime = 0n): Promise<Hex> => {
    const receipt = await h.send(from, eas, easAbi, 'attest', [
      { schema, data: { recipient, expirationTime, revocable: true, refUID: zeroHash, data, value: 0n } },
    ]);
    const log = receipt.logs.find((l) => l.address.toLowerCase() === eas.toLowerCase());
    assert.ok(log, 'EAS emitted Attested');
    return log.data.slice(0, 66) as Hex;
  };
  const revoke = (from: number, schema: Hex, uid: Hex) => h.send(from, eas, easAbi, 'revoke', [{ schema, data: { uid, value: 0n } }]);
  const onChain = (uid: Hex) => h.read<OnChainAttestation>(eas, easAbi, 'getAttestation', [uid]);
  const attestation = async (uid: Hex) => (await h.query(`query($id: ID!) { attestation(id: $id) { ${FIELDS} } }`, { id: uid })).attestation;
  const merchantData = encodeAbiParameters(parseAbiParameters('string businessName, string registrationCountry'), ['Hangzhou Tea Co.', 'CN']);
  const flag = encodeAbiParameters(parseAbiParameters('bool'), [true]);
  const registerMerchant = (index: number) =>
    h.send(index, h.catalog, catalogAbi, 'registerMerchant', [
      { metadataURI: `ipfs://merchant-${index}`, encryptionKey: keccak256(toHex(index)), arbiter: addr(9), rewardBps: 0, autoReleaseWindow: 86400 },
    ]);

  before(async () => {
    h = await startHarness((line) => console.log(line));
    eas = h.deployment.contracts.EAS.address;
    schemas = h.deployment.schemas;
    await registerMerchant(MERCHANT);
  });
  after(async () => {
    await h?.stop();
  });

  test('Attested stores a platform-schema attestation with what the event gives, matching EAS on chain', async () => {
    const uid = await attest(ATTESTER_A, schemas.verifiedMerchant, addr(MERCHANT), merchantData);
    const stored = await attestation(uid);
    const chain = await onChain(uid);
    assert.deepEqual(stored, {
      id: uid,
      schema: 'verifiedMerchant',
      schemaUID: schemas.verifiedMerchant,
      recipient: { id: low(MERCHANT) },
      attester: low(ATTESTER_A),
      time: String(chain.time),
      blockNumber: stored.blockNumber,
      transactionHash: stored.transactionHash,
      revoked: false,
      revokedAt: null,
      revocationTransactionHash: null,
    });
    assert.equal(chain.schema, schemas.verifiedMerchant);
    assert.equal(lower(chain.recipient), low(MERCHANT));
    assert.equal(chain.data, merchantData, 'the data stays on chain');
  });

  test('badges load with the merchant: merchant { account { attestations } }, several attesters and schemas', async () => {
    const uid = await attest(ATTESTER_B, schemas.adult, addr(MERCHANT), flag, BigInt(Math.floor(Date.now() / 1000) + 3600));
    const { merchant } = await h.query(`query($id: ID!) { merchant(id: $id) { id account { id attestations(orderBy: time) { id schema attester } } } }`, {
      id: low(MERCHANT),
    });
    assert.equal(merchant.account.id, low(MERCHANT));
    const bySchema = Object.fromEntries(merchant.account.attestations.map((a: { schema: string; attester: string }) => [a.schema, a.attester]));
    assert.deepEqual(bySchema, { verifiedMerchant: low(ATTESTER_A), adult: low(ATTESTER_B) });
    assert.ok(merchant.account.attestations.some((a: { id: string }) => a.id === uid));
    const { attestations } = await h.query(`query($a: Bytes!) { attestations(where: { attester: $a }) { id recipient { id } } }`, { a: low(ATTESTER_B) });
    assert.deepEqual(attestations, [{ id: uid, recipient: { id: low(MERCHANT) } }], 'what an attester has attested');
  });

  test('an attestation made before the merchant registered shows once it registers', async () => {
    const uid = await attest(ATTESTER_A, schemas.verifiedMerchant, addr(LATE_MERCHANT), merchantData);
    await registerMerchant(LATE_MERCHANT);
    const { merchant } = await h.query(`query($id: ID!) { merchant(id: $id) { account { attestations { id } } } }`, { id: low(LATE_MERCHANT) });
    assert.deepEqual(merchant.account.attestations, [{ id: uid }]);
  });

  test('buyers: attestations of an address with no merchant profile, through account', async () => {
    const uid = await attest(ATTESTER_A, schemas.verifiedBuyer, addr(BUYER), flag);
    const { account } = await h.query(`query($id: ID!) { account(id: $id) { attestations { id schema revoked } } }`, { id: low(BUYER) });
    assert.deepEqual(account.attestations, [{ id: uid, schema: 'verifiedBuyer', revoked: false }]);
  });

  test('Revoked marks it revoked with EAS revocation time; other attestations are untouched', async () => {
    const uid = await attest(ATTESTER_B, schemas.verifiedBuyer, addr(BUYER), flag);
    const receipt = await revoke(ATTESTER_B, schemas.verifiedBuyer, uid);
    const stored = await attestation(uid);
    const chain = await onChain(uid);
    assert.ok(chain.revocationTime > 0n);
    assert.equal(stored.revoked, true);
    assert.equal(stored.revokedAt, String(chain.revocationTime));
    assert.equal(stored.revocationTransactionHash, receipt.transactionHash);
    const { account } = await h.query(`query($id: ID!) { account(id: $id) { attestations(where: { revoked: false }) { attester } } }`, { id: low(BUYER) });
    assert.deepEqual(account.attestations, [{ attester: low(ATTESTER_A) }]);
  });

  test('attestations and revocations of other schemas are not stored', async () => {
    const otherSchema = 'uint256 loyaltyLevel';
    await h.send(ATTESTER_A, h.deployment.contracts.SchemaRegistry.address, registryAbi, 'register', [otherSchema, zeroAddress, true]);
    const schema = keccak256(encodePacked(['string', 'address', 'bool'], [otherSchema, zeroAddress, true]));
    const uid = await attest(ATTESTER_A, schema, addr(BUYER), encodeAbiParameters(parseAbiParameters('uint256'), [3n]));
    assert.equal((await onChain(uid)).uid, uid, 'attested on chain');
    await revoke(ATTESTER_A, schema, uid);
    assert.equal(await attestation(uid), null);
    const { attestations } = await h.query(`{ attestations(first: 100) { schema } }`);
    assert.ok(attestations.every((a: { schema: string }) => ['verifiedMerchant', 'verifiedBuyer', 'adult'].includes(a.schema)));
    assert.equal(attestations.length, 5);
  });
});
