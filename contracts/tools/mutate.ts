// Mutation check for the v2 contracts: removes one protection at a time from contracts/src, runs the v2 tests,
// and reports whether some test failed (killed) or all passed (survived). Sources are restored after every mutant
// (and on Ctrl-C); the run refuses to start if contracts/src has uncommitted changes, so `git checkout` is a safe
// fallback. Slow (one compile and one test run per mutant): not part of `npm test`.
//
//   npm run mutate:contracts                       all mutants, tests under test/v2
//   npm run mutate:contracts -- fee-snapshot ...   only these mutants
//   MUTATE_TESTS='test/v2/invariant/*' npm run mutate:contracts
//   MUTATE_DRY_RUN=1 (only check every mutant applies), MUTATE_SKIP_BASELINE=1 (skip the unmutated run)
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Mutant {
  id: string;
  /// What protection the mutant removes.
  what: string;
  file: string;
  from: string;
  to: string;
  /// How many times `from` occurs (and is replaced); 1 unless said.
  times?: number;
}

const ESCROW = 'src/ChainMartEscrow.sol';
const CATALOG = 'src/ChainMartCatalog.sol';
const EAS_GATE = 'src/gates/EasGate.sol';
const PERMIT2_COLLECTOR = 'src/collectors/Permit2Collector.sol';

const MUTANTS: Mutant[] = [
  {
    id: 'fee-snapshot-complete',
    what: 'completion reads the current fee instead of terms.feeBps',
    file: ESCROW,
    from: 'fee = uint96(amount * terms.feeBps / BPS);',
    to: 'fee = uint96(amount * _currentFeeBps() / BPS);',
  },
  {
    id: 'fee-snapshot-resolve',
    what: 'a dispute split reads the current fee instead of terms.feeBps',
    file: ESCROW,
    from: 'fee = uint96(merchantShare * terms.feeBps / BPS);',
    to: 'fee = uint96(merchantShare * _currentFeeBps() / BPS);',
  },
  {
    id: 'fee-no-notice',
    what: 'a fee increase applies at once (no 7-day notice)',
    file: ESCROW,
    from: '            effectiveAt += FEE_NOTICE;\n',
    to: '',
  },
  {
    id: 'settle-any-signer',
    what: 'settle accepts any signature',
    file: ESCROW,
    from: `        if (!SignatureChecker.isValidSignatureNow(party, digest, approval.signature)) {
            revert ApprovalInvalid(orderId, party);
        }`,
    to: '',
  },
  {
    id: 'settle-non-party',
    what: 'settle accepts approvals from accounts that are not parties',
    file: ESCROW,
    from: '        if (!_isParty(terms, party)) revert ApprovalInvalid(orderId, party);\n',
    to: '',
  },
  {
    id: 'settle-no-deadline',
    what: 'settle ignores its deadline',
    file: ESCROW,
    from: `        if (block.timestamp > deadline) revert SettlementExpired(orderId, deadline);
        if (approvals[0].party == approvals[1].party)`,
    to: '        if (approvals[0].party == approvals[1].party)',
  },
  {
    id: 'settle-after-window',
    what: 'settle works after the arbiter window',
    file: ESCROW,
    from: `        _requireArbiterWindow(orderId, state);
        if (block.timestamp > deadline) revert SettlementExpired(orderId, deadline);
        if (approvals[0].party`,
    to: `        if (state.status != Status.Disputed) revert OrderStatusInvalid(orderId, state.status);
        if (block.timestamp > deadline) revert SettlementExpired(orderId, deadline);
        if (approvals[0].party`,
  },
  {
    id: 'ship-after-shipBy',
    what: 'the merchant may ship after shipBy',
    file: ESCROW,
    from: '        if (block.timestamp > terms.shipBy) revert TooLate(orderId, terms.shipBy);\n',
    to: '',
  },
  {
    id: 'gate-magic-value',
    what: 'any gate that does not revert admits the buyer',
    file: CATALOG,
    from: `        if (answer.length != 32 || bytes4(answer) != IPurchaseGate.checkPurchase.selector) {
            revert GateRefused(listingId, gate);
        }`,
    to: '',
  },
  {
    id: 'easgate-ignores-data',
    what: "EasGate ignores the attestation's data",
    file: EAS_GATE,
    from: '        if (dataHash != requirement.dataHash) revert AttestationDataMismatch(uid, dataHash);\n',
    to: '',
  },
  {
    id: 'stock-not-returned-cancel',
    what: 'cancelling does not give the stock back',
    file: ESCROW,
    from: `        catalog.giveBack(terms.listingId, terms.quantity);
        (uint96 cash, uint96 pointsBack) = _returnToBuyer(orderId, terms, held, held);`,
    to: '        (uint96 cash, uint96 pointsBack) = _returnToBuyer(orderId, terms, held, held);',
  },
  {
    id: 'stock-not-returned-refund',
    what: 'a full refund of an unshipped order does not give the stock back',
    file: ESCROW,
    from: '        if (state.remaining == 0 && state.shippedAt == 0) catalog.giveBack(terms.listingId, terms.quantity);\n',
    to: '',
  },
  {
    id: 'stock-not-returned-resolve',
    what: 'a dispute resolved in full to the buyer of an unshipped order does not give the stock back',
    file: ESCROW,
    from: '        if (buyerAmount == held && state.shippedAt == 0) catalog.giveBack(terms.listingId, terms.quantity);\n',
    to: '',
  },
  {
    id: 'stock-returned-on-split',
    what: 'any resolution of an unshipped order gives the stock back, even a split',
    file: ESCROW,
    from: 'if (buyerAmount == held && state.shippedAt == 0) catalog.giveBack',
    to: 'if (state.shippedAt == 0) catalog.giveBack',
  },
  {
    id: 'refund-always-credit',
    what: 'cash owed to the buyer is always credited, never pushed',
    file: ESCROW,
    from: 'if (cash != 0 && !_push(terms.token, terms.buyer, cash)) {',
    to: 'if (cash != 0) {',
  },
  {
    id: 'terms-hash-skipped',
    what: 'the order key covers the order id only, not its terms (any terms pass for an existing order)',
    file: 'src/libraries/TermsHashing.sol',
    from: 'key := keccak256(ptr, add(TERMS_SIZE, 32))',
    to: 'key := keccak256(ptr, 32)',
    times: 2,
  },
  {
    id: 'unknown-order-loads',
    what: 'terms matching no stored order load an empty state instead of reverting',
    file: ESCROW,
    from: '        if (state.status == Status.None) revert TermsMismatch(orderId);\n',
    to: '',
  },
  {
    id: 'exact-balance-skipped',
    what: 'checkout does not check that exactly the cash arrived',
    file: ESCROW,
    from: 'if (balance < before || balance - before != cash) {',
    to: 'if (balance < before) {',
  },
  {
    id: 'self-dealing',
    what: 'the merchant or the arbiter may buy from the merchant',
    file: ESCROW,
    from: '        if (msg.sender == offer.merchant || msg.sender == offer.arbiter) revert SelfDealing(index, msg.sender);\n',
    to: '',
  },
  {
    id: 'self-dealing-arbiter',
    what: 'the arbiter may buy from its merchant',
    file: ESCROW,
    from: 'if (msg.sender == offer.merchant || msg.sender == offer.arbiter) revert',
    to: 'if (msg.sender == offer.merchant) revert',
  },
  {
    id: 'line-terms-price',
    what: 'a line with another unit price is accepted',
    file: ESCROW,
    from: 'offer.price != line.unitPrice ||',
    to: 'false ||',
  },
  {
    id: 'line-terms-shipWithin',
    what: 'a line with another shipping window is accepted',
    file: ESCROW,
    from: '|| offer.shipWithin != line.shipWithin ||',
    to: '|| false ||',
  },
  {
    id: 'line-terms-arbiter',
    what: 'a line with another arbiter is accepted',
    file: ESCROW,
    from: '|| offer.arbiter != line.arbiter',
    to: '|| false',
  },
  {
    id: 'line-terms-autoRelease',
    what: 'a line with another auto-release window is accepted',
    file: ESCROW,
    from: '|| offer.autoReleaseWindow != line.autoReleaseWindow',
    to: '|| false',
  },
  {
    id: 'line-terms-rewardBps',
    what: 'a line with another reward rate is accepted',
    file: ESCROW,
    from: '|| (inSettlementToken && offer.rewardBps != line.rewardBps)',
    to: '|| false',
  },
  {
    id: 'refund-points-first',
    what: 'refunds return points before cash',
    file: ESCROW,
    from: `            cash = value < cashHeld ? value : cashHeld;
            pointsBack = value - cash;`,
    to: `            pointsBack = value < pointsHeld ? value : pointsHeld;
            cash = value - pointsBack;`,
  },
  {
    id: 'review-twice',
    what: 'a buyer may review an order twice',
    file: ESCROW,
    from: '        if (state.flags & FLAG_REVIEWED != 0) revert AlreadyReviewed(orderId);\n',
    to: '',
  },
  {
    id: 'reply-twice',
    what: 'a merchant may reply to a review twice',
    file: ESCROW,
    from: '        if (state.flags & FLAG_REPLIED != 0) revert AlreadyReviewed(orderId);\n',
    to: '',
  },
  {
    id: 'withdraw-reentrant',
    what: 'withdraw is not nonReentrant',
    file: ESCROW,
    from: 'function withdraw(address[] calldata tokens, address to) external nonReentrant {',
    to: 'function withdraw(address[] calldata tokens, address to) external {',
  },
  {
    id: 'cancel-before-shipBy',
    what: 'the buyer may cancel before shipBy',
    file: ESCROW,
    from: '        if (block.timestamp <= terms.shipBy) revert TooEarly(orderId, uint256(terms.shipBy) + 1);\n',
    to: '',
  },
  {
    id: 'complete-before-release',
    what: 'anyone may complete inside the auto-release window',
    file: ESCROW,
    from: '        if (block.timestamp < releaseAt) revert TooEarly(orderId, releaseAt);\n',
    to: '',
  },
  {
    id: 'refund-by-anyone',
    what: 'anyone may refund an order',
    file: ESCROW,
    from: `        if (msg.sender != terms.merchant) revert NotAuthorized(orderId, msg.sender);
        _requireOpen(orderId, state.status);`,
    to: '        _requireOpen(orderId, state.status);',
  },
  {
    id: 'permit2-pays-collector',
    what: 'the Permit2 collector has the tokens sent to itself instead of the escrow',
    file: PERMIT2_COLLECTOR,
    from: 'SignatureTransferDetails({to: escrow, requestedAmount: amount})',
    to: 'SignatureTransferDetails({to: address(this), requestedAmount: amount})',
  },
  {
    id: 'permit2-requests-less',
    what: 'the Permit2 collector requests less than the cash due',
    file: PERMIT2_COLLECTOR,
    from: 'SignatureTransferDetails({to: escrow, requestedAmount: amount})',
    to: 'SignatureTransferDetails({to: escrow, requestedAmount: amount - 1})',
  },
  {
    id: 'permit2-permits-any-amount',
    what: "the Permit2 permission is not bound to the cart's cash (a signature for the maximum pays any cart)",
    file: PERMIT2_COLLECTOR,
    from: 'TokenPermissions({token: token, amount: amount})',
    to: 'TokenPermissions({token: token, amount: type(uint256).max})',
  },
  {
    id: 'split-not-capped',
    what: 'a split does not cap the buyer amount at what remains',
    file: ESCROW,
    from: '        if (buyerAmount > held) buyerAmount = held;\n',
    to: '',
  },
];

const contractsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const testGlob = process.env.MUTATE_TESTS ?? 'test/v2/**/*.sol';
const timeoutMs = Number(process.env.MUTATE_TIMEOUT_MS ?? 20 * 60 * 1000);
const reportPath = join(contractsDir, 'tools/mutate.results.md');

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(cmd, args, {
    cwd: contractsDir,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutMs,
  });
}

const dirty = run('git', ['status', '--porcelain', '--', 'src']).stdout.trim();
if (dirty) {
  console.error(`contracts/src has uncommitted changes; commit or stash them first:\n${dirty}`);
  process.exit(2);
}

const originals = new Map<string, string>();
function restore() {
  for (const [file, text] of originals) writeFileSync(join(contractsDir, file), text);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    restore();
    process.exit(130);
  });
}

/// Runs the tests; returns the failing tests (empty: all passed) or null if it did not compile.
function runTests(): { failed: string[]; compiled: boolean; seconds: number } {
  const started = Date.now();
  // No shrinking: a mutant is killed by the first failure, the shortest sequence does not matter here.
  const result = run('nice', ['-n', '10', 'npx', 'forge', 'test', '--match-path', testGlob, '--fail-fast'], {
    FOUNDRY_INVARIANT_SHRINK_RUN_LIMIT: '0',
  });
  const output = `${result.stdout}\n${result.stderr}`;
  const seconds = Math.round((Date.now() - started) / 1000);
  if (/Compiler run failed|Error: Compil/.test(output)) return { failed: [], compiled: false, seconds };
  const failed: string[] = [];
  // `[FAIL: reason] name() (...)`; for invariants the sequence comes between the reason and the name.
  for (const match of output.matchAll(/\[FAIL(?::\s*([^\n]*?))?\]/g)) {
    const name = /\b((?:invariant|test)\w*)\(/.exec(output.slice(match.index))?.[1] ?? 'unknown test';
    const reason = (match[1] ?? '').replace(/\s+/g, ' ').trim().slice(0, 160);
    const entry = reason ? `${name}: ${reason}` : name;
    if (!failed.includes(entry)) failed.push(entry);
  }
  if (result.status !== 0 && failed.length === 0) failed.push(`exit ${result.status ?? result.signal}`);
  return { failed: failed.slice(0, 1), compiled: true, seconds };
}

const selected = process.argv.slice(2);
const mutants = selected.length ? MUTANTS.filter((m) => selected.includes(m.id)) : MUTANTS;
if (selected.length && mutants.length !== selected.length) {
  console.error(`unknown mutant(s): ${selected.filter((id) => !MUTANTS.some((m) => m.id === id)).join(', ')}`);
  process.exit(2);
}

for (const mutant of mutants) {
  const hits = readFileSync(join(contractsDir, mutant.file), 'utf8').split(mutant.from).length - 1;
  if (hits !== (mutant.times ?? 1)) {
    console.error(`mutant ${mutant.id}: expected ${mutant.times ?? 1} match(es) in ${mutant.file}, found ${hits}`);
    process.exit(2);
  }
}
if (process.env.MUTATE_DRY_RUN === '1') {
  console.log(`${mutants.length} mutants, each matching its source once`);
  process.exit(0);
}

const rows: string[] = [];
let survived = 0;

if (process.env.MUTATE_SKIP_BASELINE !== '1') {
  console.log(`baseline: forge test --match-path '${testGlob}' on the unmutated sources`);
  const baseline = runTests();
  if (!baseline.compiled || baseline.failed.length) {
    console.error(`baseline is not green (${baseline.failed.join(', ') || 'compile error'}): nothing to measure`);
    process.exit(2);
  }
}

function writeReport(done: boolean) {
  const clean = run('git', ['diff', '--quiet', '--', 'src']).status === 0;
  const table = [
    `Mutation check of contracts/src against \`forge test --match-path '${testGlob}'\` (${new Date().toISOString()}).`,
    '',
    '| mutant | protection removed | outcome | failing test (first failure) |',
    '|---|---|---|---|',
    ...rows,
    '',
    done
      ? `${rows.length - survived} of ${rows.length} killed, ${survived} survived. Sources restored: ${clean ? 'yes' : 'NO, run git checkout -- contracts/src'}.`
      : `In progress: ${rows.length} of ${mutants.length} mutants run.`,
  ].join('\n');
  writeFileSync(reportPath, `${table}\n`);
  return { table, clean };
}

try {
  for (const mutant of mutants) {
    const path = join(contractsDir, mutant.file);
    const source = originals.get(mutant.file) ?? readFileSync(path, 'utf8');
    originals.set(mutant.file, source);
    const hits = source.split(mutant.from).length - 1;
    if (hits !== (mutant.times ?? 1)) {
      throw new Error(`mutant ${mutant.id}: expected ${mutant.times ?? 1} match(es) in ${mutant.file}, found ${hits}`);
    }
    writeFileSync(path, source.replaceAll(mutant.from, mutant.to));
    let outcome: string;
    let by = '';
    try {
      const result = runTests();
      if (!result.compiled) outcome = 'invalid (does not compile)';
      else if (result.failed.length) {
        outcome = 'killed';
        by = result.failed.join('; ');
      } else {
        outcome = 'SURVIVED';
        survived++;
      }
      console.log(`${mutant.id}: ${outcome}${by ? ` by ${by}` : ''} (${result.seconds}s)`);
    } finally {
      writeFileSync(path, source);
    }
    rows.push(`| ${mutant.id} | ${mutant.what} | ${outcome} | ${by.replace(/\|/g, '/')} |`);
    writeReport(false);
  }
} finally {
  restore();
}
const { table, clean } = writeReport(true);
console.log(`\n${table}`);
process.exit(survived || !clean ? 1 : 0);
