// Gas benchmark: runs the named snapshots of contracts/test/gas in one forge run, each call as its own
// transaction (--isolate: 21k intrinsic gas and calldata included, as users pay), and prints them.
// `npm run bench:gas` prints a table; `npm run bench:gas -- --json` prints one JSON object.
// The snapshot file is committed: `npm run test:contracts` fails when a change moves any figure.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const contractsDir = join(import.meta.dirname, '..', 'contracts');
const json = process.argv.includes('--json');
/** Every transaction pays this before executing anything. */
const INTRINSIC_GAS = 21_000;

execFileSync('forge', ['test', '--match-path', 'test/gas/*', '--isolate'], {
  cwd: contractsDir,
  stdio: json ? 'ignore' : ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, FORGE_SNAPSHOT_CHECK: 'false' },
});
const raw: Record<string, string> = JSON.parse(
  readFileSync(join(contractsDir, 'snapshots', 'GasBenchmark.json'), 'utf8'),
);
const gas = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Number(value)]));
const lifecycle = gas.buyErc20 + gas.ship + gas.confirm + gas.withdraw;
const ratio = gas.buyErc20 / gas.bareTransferFrom;
const result = {
  ...gas,
  buyShipConfirmWithdraw: lifecycle,
  buyErc20OverBareTransferFrom: Number(ratio.toFixed(3)),
};

if (json) {
  console.log(JSON.stringify(result));
} else {
  const rows = Object.entries(gas).map(([operation, value]) => ({
    operation,
    gas: value,
    'x bareTransferFrom': (value / gas.bareTransferFrom).toFixed(2),
    'without 21k base': value - INTRINSIC_GAS,
  }));
  console.table(rows);
  console.log(`buy + ship + confirm + withdraw: ${lifecycle} gas (target < 200000)`);
  console.log(`  without the 4 x 21000 intrinsic gas: ${lifecycle - 4 * INTRINSIC_GAS}`);
  console.log(`buyErc20 / bareTransferFrom: ${ratio.toFixed(2)}x (target <= 2x, stretch 1.5x)`);
  console.log('Reference: Coinbase commerce-payments authorize 157k, charge 165k; Origin makeOffer ~302k.');
}
