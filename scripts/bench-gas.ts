// Gas benchmark: runs the named snapshots of contracts/test/gas in one forge run, each call as its own
// transaction (--isolate: 21k intrinsic gas and calldata included, as users pay), and prints them with the
// runtime size of every deployable contract (`forge build --sizes`).
// `npm run bench:gas` prints tables; `npm run bench:gas -- --json` prints one JSON object: protocol v2's figures at
// the top level (the keys v1 had, plus carts, ERC-3009, Permit2, batches, `collectors`, `sizes` and the target
// ratios) and v1's under `v1` (v1 was removed at the switch to v2: its figures are the frozen snapshot of its last
// measurement).
// `cartUserOp` is measured live (anvil + Alto + the ERC-20 paymaster, ~30 s), not from a snapshot, with a table of
// where each handleOps transaction's gas goes (`userOps.*.parts`, labels in scripts/platform/user-op-gas.ts).
// The snapshot files are committed: `npm run test:contracts` fails when a change moves any figure.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePrivateKey } from 'viem/accounts';
import { type CartUserOpResult, checkOutAsUserOp, keyAccount, passkeyAccount, startAaChain, threeShopCart } from './platform/aa-cart.ts';
import { softwarePasskey } from './platform/software-passkey.ts';
import { GAS_PART_LABELS, type GasPart, userOpGasBreakdown } from './platform/user-op-gas.ts';

const contractsDir = join(import.meta.dirname, '..', 'contracts');
const json = process.argv.includes('--json');
/** Every transaction pays this before executing anything. */
const INTRINSIC_GAS = 21_000;
/** Issue 11's ceiling for every deployable's runtime code (EIP-170 allows 24,576). */
const SIZE_LIMIT = 22_000;

execFileSync('forge', ['test', '--match-path', 'test/gas/*', '--isolate'], {
  cwd: contractsDir,
  stdio: json ? 'ignore' : ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, FORGE_SNAPSHOT_CHECK: 'false' },
});

function snapshot(name: string): Record<string, number> {
  const raw: Record<string, string> = JSON.parse(readFileSync(join(contractsDir, 'snapshots', `${name}.json`), 'utf8'));
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Number(value)]));
}

/** Names of the contracts declared under src/ (the deployables; libraries and interfaces excluded). */
function sourceContracts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceContracts(path);
    if (!entry.name.endsWith('.sol')) return [];
    return [...readFileSync(path, 'utf8').matchAll(/^contract (\w+)/gm)].map((match) => match[1]);
  });
}

const buildSizes: Record<string, { runtime_size: number }> = JSON.parse(
  execFileSync('forge', ['build', '--sizes', '--json'], {
    cwd: contractsDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
);
const sizes = Object.fromEntries(
  sourceContracts(join(contractsDir, 'src'))
    .sort()
    .map((name) => [name, buildSizes[name].runtime_size]),
);

const ratio = (value: number) => Number(value.toFixed(3));
const v1 = snapshot('GasBenchmark');
const v2 = snapshot('GasBenchmarkV2');

/**
 * The same 3-line cart as `cart3`, as ONE ERC-4337 v0.8 user operation on a throwaway anvil with the real
 * bundler (Alto) and the ERC-20 paymaster, sent exactly as the site sends it (aa-cart.ts checkOutAsUserOp ->
 * web/lib/aa/user-operation.ts sendPaidInToken). The figure is the gasUsed of the bundler's handleOps
 * transaction: what the chain consumed, EIP-7702 authorization, approvals, validation and the paymaster's
 * postOp included. What the paymaster CHARGES is the EntryPoint's actualGasUsed (`actualGasUsed` below): it
 * adds the operation's preVerificationGas and the 10% penalty on unused execution and postOp gas limits, which
 * are charged, not consumed.
 *
 * Like `cart3`, the platform is in steady state: a warm-up cart from another account first, so the escrow and
 * the paymaster's treasury already hold tUSD and the escrow's order counter is non-zero, as on Base. Then the
 * cart from a fresh 0-ETH key (first operation: the 7702 authorization, the nonce's first slot, the paymaster
 * approval), again from the same key (steady state), from a passkey account (its first operation deploys it)
 * and again once deployed. Each handleOps is split into its parts from anvil's opcode trace (user-op-gas.ts).
 */
async function measureCartUserOp() {
  const chain = await startAaChain(join(import.meta.dirname, '..'), { stepsTracing: true });
  try {
    const cart = await threeShopCart(chain.anvil.url, chain.deployment);
    await checkOutAsUserOp({ chain, cart, account: await keyAccount(chain, generatePrivateKey()) });
    const buyerKey = generatePrivateKey();
    const first = await checkOutAsUserOp({ chain, cart, account: await keyAccount(chain, buyerKey) });
    const steady = await checkOutAsUserOp({ chain, cart, account: await keyAccount(chain, buyerKey) });
    if (!first.delegated || steady.delegated || steady.approvedPaymaster) throw new Error('the steady-state cart should carry no authorization and no approval');
    // The passkey account (WebAuthn, P-256 through the precompile anvil has, as Base does).
    const passkey = softwarePasskey();
    const passkeyFirst = await checkOutAsUserOp({ chain, cart, account: await passkeyAccount(chain, passkey), funds: 200n * 10n ** 6n });
    const passkeyDeployed = await checkOutAsUserOp({ chain, cart, account: await passkeyAccount(chain, passkey), funds: 0n });
    if (passkeyFirst.deployedBefore || !passkeyDeployed.deployedBefore || passkeyDeployed.approvedPaymaster) {
      throw new Error('the passkey account should be deployed by its first cart and need no second paymaster approval');
    }
    const figures = async (r: CartUserOpResult) => {
      const breakdown = await userOpGasBreakdown(chain.anvil.url, r.receipt.transactionHash, {
        entryPoint: chain.aa.contracts.entryPoint,
        sender: r.buyer,
        paymaster: chain.aa.contracts.paymaster,
        escrow: chain.deployment.contracts.ChainMartEscrow.address,
        approvalCollector: chain.deployment.contracts.ApprovalCollector.address,
      });
      return {
        handleOpsGas: Number(r.receipt.gasUsed),
        actualGasUsed: Number(r.actualGasUsed),
        gasPaidInTusd: Number(r.gasPaidInTusd),
        calldataBytes: breakdown.calldataBytes.total,
        parts: breakdown.parts,
      };
    };
    return {
      first: await figures(first),
      steady: await figures(steady),
      passkeyFirst: await figures(passkeyFirst),
      passkeyDeployed: await figures(passkeyDeployed),
    };
  } finally {
    await chain.stop();
  }
}
const userOps = await measureCartUserOp();
const cartUserOp = userOps.first.handleOpsGas;
const cartUserOpSteady = userOps.steady.handleOpsGas;
const cartUserOpPasskey = userOps.passkeyFirst.handleOpsGas;
const cartUserOpPasskeyDeployed = userOps.passkeyDeployed.handleOpsGas;
const targets = {
  buyErc20OverBareTransferFrom: { value: ratio(v2.buyErc20 / v2.bareTransferFrom), target: '<= 2.0' },
  cart10OverTenCart1: { value: ratio(v2.cart10 / (10 * v2.cart1)), target: '<= 0.40' },
  lifecyclePerOrderBatch10: { value: v2.lifecyclePerOrderBatch10, target: '<= 100000' },
  cartUserOpOverCart3: { value: ratio(cartUserOp / v2.cart3), target: '<= 1.5' },
  cartUserOpSteadyOverCart3: { value: ratio(cartUserOpSteady / v2.cart3), target: '<= 1.5' },
  largestRuntimeBytes: { value: Math.max(...Object.values(sizes)), target: `<= ${SIZE_LIMIT}` },
};
/** A one-line cart paid through each token collector, against the plain approval. */
const collectors = Object.fromEntries(
  (
    [
      ['ApprovalCollector', v2.buyErc20],
      ['PermitCollector', v2.buyErc20Permit],
      ['Erc3009Collector', v2.buyErc3009],
      ['Permit2Collector', v2.buyPermit2],
    ] as const
  ).map(([collector, gas]) => [collector, { gas, overApproval: gas - v2.buyErc20 }]),
);
const result = {
  ...v2,
  collectors,
  buyErc20OverBareTransferFrom: targets.buyErc20OverBareTransferFrom.value,
  cart10OverTenCart1: targets.cart10OverTenCart1.value,
  cartUserOp,
  cartUserOpOverCart3: targets.cartUserOpOverCart3.value,
  cartUserOpSteady,
  cartUserOpSteadyOverCart3: targets.cartUserOpSteadyOverCart3.value,
  cartUserOpPasskey,
  cartUserOpPasskeyOverCart3: ratio(cartUserOpPasskey / v2.cart3),
  cartUserOpPasskeyDeployed,
  cartUserOpPasskeyDeployedOverCart3: ratio(cartUserOpPasskeyDeployed / v2.cart3),
  userOps,
  sizes,
  v1: {
    ...v1,
    buyShipConfirmWithdraw: v1.buyErc20 + v1.ship + v1.confirm + v1.withdraw,
    buyErc20OverBareTransferFrom: ratio(v1.buyErc20 / v1.bareTransferFrom),
  },
};

if (json) {
  console.log(JSON.stringify(result));
} else {
  const rows = (gas: Record<string, number>) =>
    Object.entries(gas).map(([operation, value]) => ({
      operation,
      gas: value,
      'x bareTransferFrom': (value / gas.bareTransferFrom).toFixed(2),
      'without 21k base': value - INTRINSIC_GAS,
    }));
  console.log('Protocol v2 (ChainMartEscrow, TestUsdc)');
  console.table(rows(v2));
  console.log(`3-line cart as one user operation (handleOps tx, paymaster included): first ${cartUserOp} gas, steady state ${cartUserOpSteady} gas; cart3 ${v2.cart3}`);
  console.log(`the same with the passkey account: ${cartUserOpPasskey} gas (first operation, deploys it), ${cartUserOpPasskeyDeployed} gas once deployed`);
  const ops = { first: userOps.first, steady: userOps.steady, passkeyFirst: userOps.passkeyFirst, passkeyDeployed: userOps.passkeyDeployed };
  console.table(Object.fromEntries(Object.entries(ops).map(([name, op]) => [name, { handleOpsGas: op.handleOpsGas, 'x cart3': ratio(op.handleOpsGas / v2.cart3), actualGasUsed: op.actualGasUsed, gasPaidInTusd: op.gasPaidInTusd, calldataBytes: op.calldataBytes }])));
  console.log('Where the gas of each handleOps goes (opcode trace; each column adds up to its handleOpsGas)');
  console.table(
    (Object.keys(GAS_PART_LABELS) as GasPart[])
      .filter((part) => Object.values(ops).some((op) => op.parts[part] !== undefined))
      .reduce<Record<string, Record<string, number>>>((table, part) => {
        table[GAS_PART_LABELS[part]] = Object.fromEntries(Object.entries(ops).map(([name, op]) => [name, op.parts[part] ?? 0]));
        return table;
      }, {}),
  );
  console.log('One-line cart per token collector');
  console.table(collectors);
  console.log('Runtime bytes per deployable');
  console.table(Object.entries(sizes).map(([contract, bytes]) => ({ contract, bytes, 'margin to 22000': SIZE_LIMIT - bytes })));
  console.log('Targets');
  console.table(targets);
  console.log('Protocol v1 (ChainMart, TestStablecoin; removed, last measured figures), for comparison');
  console.table(rows(v1));
  console.log('Reference: Coinbase commerce-payments authorize 157k, charge 165k; Origin makeOffer ~302k.');
}
