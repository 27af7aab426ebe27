// ERC-4337 v0.8 on the local chain, the way it runs on Base:
//   - EntryPoint v0.8 and Simple7702Account at their canonical addresses, created through the deterministic
//     deployer (0x4e59…, preinstalled in anvil) from the audited artifacts in @account-abstraction/contracts 0.8.0,
//     so the same CREATE2 salt gives the same addresses as on every public chain;
//   - Pimlico's singleton paymaster v0.8 (the contract behind Pimlico's ERC-20 paymaster in production; init code
//     from @pimlico/mock-paymaster), owned by a local signer and funded with an EntryPoint deposit;
//   - the Alto bundler (@pimlico/alto) as a child process;
//   - an ERC-7677 paymaster service (./paymaster-service.ts) that signs ERC-20 mode data for the test stablecoin;
//   - the passkey account (contracts/src/aa: implementation and factory, from forge's build output), through the
//     same deterministic deployer with salt 0, so its addresses are the ones every chain gets.
// Everything is idempotent: on a resumed chain the contracts are found and only the services start.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type Address,
  type Hex,
  concat,
  createPublicClient,
  encodeAbiParameters,
  createWalletClient,
  getCreate2Address,
  http,
  parseEther,
  toHex,
  zeroHash,
} from 'viem';
import { entryPoint08Abi, entryPoint08Address } from 'viem/account-abstraction';
import { mnemonicToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { PASSKEY_ACCOUNT_FACTORY, PASSKEY_ACCOUNT_IMPLEMENTATION } from '../../web/lib/aa/passkey-account.ts';
import { type ManagedProcess, startProcess } from './processes.ts';
import { type PaymasterService, startPaymasterService } from './paymaster-service.ts';

export const DETERMINISTIC_DEPLOYER: Address = '0x4e59b44847b379578588920ca78fbf26c0b4956c';
/** The salt eth-infinitism used for EntryPoint v0.8 on every chain. */
export const ENTRY_POINT_08_SALT: Hex = '0x0a59dbff790c23c976a548690c27297883cc66b4c67024f9117b0238995e35e9';
/** Simple7702Account v0.8: the delegate viem's `toSimple7702SmartAccount` signs authorizations for. */
export const SIMPLE_7702_ACCOUNT: Address = '0xe6Cae83BdE06E4c305530e199D7217f42808555B';
export { PASSKEY_ACCOUNT_FACTORY, PASSKEY_ACCOUNT_IMPLEMENTATION };

const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
/**
 * Anvil funds #0-#19, and the seed (#0-#15) and the browser tests (#16-#19) send from all of them. The bundler's
 * executor (#20) and the paymaster's signer/owner (#21) come from the same public test mnemonic but from indexes
 * nothing else uses, so their nonces never clash; they are funded with `anvil_setBalance`.
 */
export const BUNDLER_EXECUTOR = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 20 });
export const PAYMASTER_SIGNER = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 21 });
const PAYMASTER_DEPOSIT = parseEther('100');

const require = createRequire(import.meta.url);
const aaArtifact = (name: string): Hex =>
  JSON.parse(readFileSync(require.resolve(`@account-abstraction/contracts/artifacts/${name}.json`), 'utf8')).bytecode;

/** The singleton paymaster v0.8's creation code for an owner (= manager = signer), as Pimlico's setup builds it. */
async function singletonPaymaster08InitCode(owner: Address): Promise<Hex> {
  // The package exports only its test server; its constants module holds the audited creation code.
  const packageDir = join(dirname(require.resolve('@pimlico/mock-paymaster')), '..');
  const constants = (await import(pathToFileURL(join(packageDir, '_esm/constants.js')).href)) as {
    getSingletonPaymaster08InitCode: (owner: Address) => Hex;
  };
  return constants.getSingletonPaymaster08InitCode(owner);
}

/** Creation code from forge's build (bytecode_hash none, no CBOR metadata: the same bytes on every machine). */
function forgeArtifact(name: string): Hex {
  const root = join(import.meta.dirname, '../..');
  return JSON.parse(readFileSync(join(root, 'contracts/out', `${name}.sol`, `${name}.json`), 'utf8')).bytecode.object;
}

export interface AaContracts {
  entryPoint: Address;
  simple7702Account: Address;
  paymaster: Address;
  passkeyAccountImplementation: Address;
  passkeyAccountFactory: Address;
}

/** Creates what is missing at the canonical addresses and tops up the paymaster's deposit. */
export async function ensureAaContracts(rpcUrl: string): Promise<AaContracts> {
  const chain = { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } };
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl) });
  const wallet = createWalletClient({ chain, transport: http(rpcUrl), account: PAYMASTER_SIGNER });
  for (const account of [BUNDLER_EXECUTOR, PAYMASTER_SIGNER]) {
    if ((await publicClient.getBalance({ address: account.address })) < parseEther('1000')) {
      await publicClient.request({ method: 'anvil_setBalance' as never, params: [account.address, toHex(parseEther('10000'))] as never });
    }
  }
  const paymasterInit = await singletonPaymaster08InitCode(PAYMASTER_SIGNER.address);
  const wanted: { name: string; salt: Hex; initCode: Hex }[] = [
    { name: 'EntryPoint v0.8', salt: ENTRY_POINT_08_SALT, initCode: aaArtifact('EntryPoint') },
    { name: 'Simple7702Account', salt: zeroHash, initCode: aaArtifact('Simple7702Account') },
    { name: 'singleton paymaster v0.8', salt: zeroHash, initCode: paymasterInit },
    { name: 'PasskeyAccount implementation', salt: zeroHash, initCode: forgeArtifact('PasskeyAccount') },
  ];
  const passkeyImplementation = getCreate2Address({ from: DETERMINISTIC_DEPLOYER, salt: zeroHash, bytecode: wanted[3].initCode });
  wanted.push({
    name: 'PasskeyAccountFactory',
    salt: zeroHash,
    initCode: concat([forgeArtifact('PasskeyAccountFactory'), encodeAbiParameters([{ type: 'address' }], [passkeyImplementation])]),
  });
  const addresses: Address[] = [];
  for (const { name, salt, initCode } of wanted) {
    const address = getCreate2Address({ from: DETERMINISTIC_DEPLOYER, salt, bytecode: initCode });
    addresses.push(address);
    if (await publicClient.getCode({ address })) continue;
    const hash = await wallet.sendTransaction({ to: DETERMINISTIC_DEPLOYER, data: concat([salt, initCode]), gas: 8_000_000n });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success' || !(await publicClient.getCode({ address }))) {
      throw new Error(`creating ${name} at ${address} through the deterministic deployer failed (tx ${hash})`);
    }
  }
  const [entryPoint, simple7702Account, paymaster, passkeyAccountImplementation, passkeyAccountFactory] = addresses;
  if (entryPoint !== entryPoint08Address || simple7702Account !== SIMPLE_7702_ACCOUNT) {
    throw new Error(`the account-abstraction artifacts no longer give the canonical addresses (${entryPoint}, ${simple7702Account})`);
  }
  if (passkeyAccountImplementation !== PASSKEY_ACCOUNT_IMPLEMENTATION || passkeyAccountFactory !== PASSKEY_ACCOUNT_FACTORY) {
    throw new Error(
      `the passkey account's bytecode changed: it now lands at ${passkeyAccountImplementation} (factory ${passkeyAccountFactory}); ` +
        'update PASSKEY_ACCOUNT_IMPLEMENTATION / PASSKEY_ACCOUNT_FACTORY in web/lib/aa/passkey-account.ts and deployments/networks.json',
    );
  }
  const deposit = await publicClient.readContract({ address: entryPoint, abi: entryPoint08Abi, functionName: 'balanceOf', args: [paymaster] });
  if (deposit < PAYMASTER_DEPOSIT / 2n) {
    const hash = await wallet.writeContract({
      address: entryPoint,
      abi: entryPoint08Abi,
      functionName: 'depositTo',
      args: [paymaster],
      value: PAYMASTER_DEPOSIT - deposit,
    });
    await publicClient.waitForTransactionReceipt({ hash });
  }
  return { entryPoint, simple7702Account, paymaster, passkeyAccountImplementation, passkeyAccountFactory };
}

export interface Bundler {
  url: string;
  process: ManagedProcess;
  stop: () => Promise<void>;
}

/** Alto against the local chain; resolves once it answers `eth_supportedEntryPoints`. */
export async function startBundler(opts: { rpcUrl: string; host: string; port: number; logFile: string; root: string }): Promise<Bundler> {
  // Alto listens on 0.0.0.0 with no option to change it: the preload makes it listen on 127.0.0.1 only.
  const alto = join(opts.root, 'node_modules/@pimlico/alto/esm/cli/alto.js');
  const loopbackOnly = join(opts.root, 'scripts/platform/loopback-only.mjs');
  const proc = startProcess(
    'bundler',
    process.execPath,
    [
      '--import', pathToFileURL(loopbackOnly).href,
      alto,
      '--entrypoints', entryPoint08Address,
      '--executor-private-keys', executorKey(),
      '--utility-private-key', executorKey(),
      '--utility-wallet-monitor', 'false',
      '--rpc-url', opts.rpcUrl,
      '--port', String(opts.port),
      // anvil has no debug_traceCall with the ERC-7562 tracer: skip the opcode rules, as Pimlico's own tests do.
      '--safe-mode', 'false',
      '--log-level', 'warn',
      // The site sends user operations from the browser (web/lib/tx/user-op.ts): answer its CORS preflight.
      '--enable-cors', 'true',
      // Tips as on Base (about 0.001 gwei), not anvil's suggestion: anvil suggests the lowest tip of the last
      // block, at least 1 gwei, and here the last block is the bundler's own bundle, so its estimate would follow
      // the bundles it sent. Alto's option for an RPC whose estimate means nothing; the base fee is still the chain's.
      '--static-max-priority-fee-per-gas', '0.001',
    ],
    { cwd: opts.root, logFile: opts.logFile },
  );
  const url = `http://${opts.host}:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const exited = await Promise.race([proc.exited, new Promise((r) => setTimeout(() => r(undefined), 250))]);
    if (exited !== undefined) throw new Error(`the bundler (alto) exited (${exited}); see ${opts.logFile}`);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_supportedEntryPoints', params: [] }),
      });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`the bundler (alto) did not answer on ${url} within 60 s; see ${opts.logFile}`);
    }
  }
  return { url, process: proc, stop: () => proc.stop() };
}

function executorKey(): Hex {
  return toHex(BUNDLER_EXECUTOR.getHdKey().privateKey!);
}

export interface AccountAbstraction {
  contracts: AaContracts;
  bundler: Bundler;
  paymaster: PaymasterService;
  stop: () => Promise<void>;
}

/** Contracts, bundler and paymaster service for `npm start` and the platform tests. */
export async function startAccountAbstraction(opts: {
  root: string;
  rpcUrl: string;
  host: string;
  bundlerPort: number;
  paymasterPort: number;
  logDir: string;
  /** The stablecoin the paymaster accepts (the deployment's SettlementToken). */
  token: Address;
}): Promise<AccountAbstraction> {
  const contracts = await ensureAaContracts(opts.rpcUrl);
  const bundler = await startBundler({ rpcUrl: opts.rpcUrl, host: opts.host, port: opts.bundlerPort, logFile: join(opts.logDir, 'bundler.log'), root: opts.root });
  try {
    const paymaster = await startPaymasterService({
      rpcUrl: opts.rpcUrl,
      host: opts.host,
      port: opts.paymasterPort,
      paymaster: contracts.paymaster,
      signer: PAYMASTER_SIGNER,
      tokens: [opts.token],
    });
    return {
      contracts,
      bundler,
      paymaster,
      stop: async () => {
        await paymaster.stop();
        await bundler.stop();
      },
    };
  } catch (error) {
    await bundler.stop();
    throw error;
  }
}
