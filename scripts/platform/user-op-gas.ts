// Where the gas of one handleOps transaction goes: the bundler's transaction that carried a single user
// operation, split into its parts from anvil's opcode trace (debug_traceTransaction with struct logs, which
// needs anvil's --steps-tracing) and its call trace. Every opcode's gas lands in exactly one part, the
// intrinsic cost and the refund are added, and the sum is checked against the receipt's gasUsed, so the table
// can only be printed when it adds up to the gas the bundler paid.
// Used by the gas benchmark (scripts/bench-gas.ts) on its throwaway chain.
import {
  type Address,
  type Hex,
  createPublicClient,
  decodeFunctionData,
  encodeAbiParameters,
  erc20Abi,
  hexToBigInt,
  hexToBytes,
  http,
  keccak256,
} from 'viem';
import { entryPoint08Abi } from 'viem/account-abstraction';

/** Intrinsic gas of any transaction. */
const TX_BASE_GAS = 21_000;
/** EIP-7702: per authorization; PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST comes back when the authority already exists. */
const PER_EMPTY_ACCOUNT_COST = 25_000;
const PER_AUTH_BASE_COST = 12_500;
/** EntryPoint v0.8's storage: StakeManager.deposits at slot 0, NonceManager.nonceSequenceNumber at slot 1. */
const DEPOSITS_SLOT = 0n;
const NONCE_SEQUENCE_SLOT = 1n;

/**
 * The parts. Calls are counted with their set-up (cold account access, value transfer), so a part is what
 * doing that thing costs inside handleOps. `refund` is EIP-3529's: the allowance the account gives the
 * collector goes 0 -> cash -> 0 within the transaction, so most of its SSTORE comes back. `authorityRefund` is
 * EIP-7702's refund for an authority that "exists in the trie": anvil's state counts a fresh 0-ETH key as
 * existing, a real chain's trie (Base) has no account for a key that never held ETH, so there the first
 * operation of a key costs 12,500 gas more than measured here.
 */
export type GasPart =
  | 'txBase'
  | 'authorization'
  | 'calldata'
  | 'entryPointCode'
  | 'nonce'
  | 'paymasterDeposit'
  | 'entryPointEvents'
  | 'accountDeployment'
  | 'accountValidation'
  | 'paymasterValidation'
  | 'accountExecute'
  | 'collectorApproval'
  | 'checkout'
  | 'gasApproval'
  | 'postOpTokenTransfer'
  | 'beneficiaryPayment'
  | 'otherCalls'
  | 'refund'
  | 'authorityRefund';

/** What each part is, in the benchmark's table. */
export const GAS_PART_LABELS: Record<GasPart, string> = {
  txBase: 'tx base cost',
  authorization: 'EIP-7702 authorization (intrinsic)',
  calldata: 'handleOps calldata (16/non-zero, 4/zero byte)',
  entryPointCode: 'EntryPoint code (decode, hash, bookkeeping, memory)',
  nonce: 'EntryPoint nonce check + increment',
  paymasterDeposit: "EntryPoint: paymaster's ETH deposit debit/credit",
  entryPointEvents: 'EntryPoint events',
  accountDeployment: 'account deployment (initCode, factory)',
  accountValidation: 'account validateUserOp (signature)',
  paymasterValidation: 'paymaster validatePaymasterUserOp',
  accountExecute: 'account execute/executeBatch (own code, call set-up)',
  collectorApproval: 'approve(ApprovalCollector, cash)',
  checkout: 'escrow checkout (the cart itself)',
  gasApproval: 'approve(paymaster, 20 tUSD) for gas',
  postOpTokenTransfer: 'paymaster postOp: tUSD transferFrom to treasury',
  beneficiaryPayment: "bundler's beneficiary paid in ETH",
  otherCalls: 'other calls of the account',
  refund: 'storage refund (collector allowance back to 0)',
  authorityRefund: 'EIP-7702 refund, authority exists (anvil only)',
};

export interface GasBreakdown {
  gasUsed: number;
  parts: Partial<Record<GasPart, number>>;
  calldataBytes: { total: number; zero: number };
}

interface StructLog {
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
  stack?: Hex[];
  refund?: number;
}

interface CallFrame {
  type: string;
  from: Address;
  to?: Address;
  input?: Hex;
  value?: Hex;
  calls?: CallFrame[];
}

/** debug_traceTransaction over a plain fetch: an opcode trace with stacks is bigger than viem's 10 MB response cap. */
async function traceTransaction(rpcUrl: string, hash: Hex, options: object): Promise<unknown> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'debug_traceTransaction', params: [hash, options] }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error || body.result === undefined) throw new Error(`debug_traceTransaction ${hash}: ${body.error?.message ?? 'no result'}`);
  return body.result;
}

/** How many calls `frame` made, at any depth. */
function descendants(frame: CallFrame): number {
  return (frame.calls ?? []).reduce((sum, child) => sum + 1 + descendants(child), 0);
}

const CALL_OPS = new Set(['CALL', 'STATICCALL', 'DELEGATECALL', 'CALLCODE', 'CREATE', 'CREATE2']);
const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/**
 * The breakdown of `hash`, a handleOps transaction carrying ONE user operation from `sender`, paid by
 * `paymaster`; `escrow` names the checkout call and `approvalCollector` the collector's approval.
 */
export async function userOpGasBreakdown(
  rpcUrl: string,
  hash: Hex,
  known: { entryPoint: Address; sender: Address; paymaster: Address; escrow: Address; approvalCollector: Address },
): Promise<GasBreakdown> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  const [tx, receipt] = await Promise.all([client.getTransaction({ hash }), client.getTransactionReceipt({ hash })]);
  const { args } = decodeFunctionData({ abi: entryPoint08Abi, data: tx.input });
  if (!args || (args[0] as readonly unknown[]).length !== 1) throw new Error(`${hash} is not a handleOps of exactly one operation`);
  const [[op], beneficiary] = args as unknown as [[{ sender: Address; nonce: bigint }], Address];
  if (!same(op.sender, known.sender)) throw new Error(`${hash} carries an operation of ${op.sender}, not ${known.sender}`);

  const trace = (await traceTransaction(rpcUrl, hash, { enableMemory: false, disableStorage: true })) as { structLogs: StructLog[] };
  const frames = (await traceTransaction(rpcUrl, hash, { tracer: 'callTracer' })) as CallFrame;
  const logs = trace.structLogs;
  if (!logs?.length) throw new Error('no struct logs: start anvil with --steps-tracing (startAaChain(root, { stepsTracing: true }))');

  // Calls in the order the opcodes made them, next to the frames the call tracer saw, in the same order.
  const flat: CallFrame[] = [];
  const walk = (frame: CallFrame) => {
    for (const child of frame.calls ?? []) {
      flat.push(child);
      walk(child);
    }
  };
  walk(frames);

  const nonceKey = op.nonce >> 64n;
  const nonceSlot = keccak256(
    encodeAbiParameters(
      [{ type: 'uint192' }, { type: 'bytes32' }],
      [nonceKey, keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [op.sender, NONCE_SEQUENCE_SLOT]))],
    ),
  );
  const depositSlot = keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [known.paymaster, DEPOSITS_SLOT]));

  const parts: Partial<Record<GasPart, number>> = {};
  const add = (part: GasPart, gas: number) => {
    parts[part] = (parts[part] ?? 0) + gas;
  };
  /** The part a call belongs to, from where it is made (depth, the caller's part) and what it calls. */
  const partOfCall = (frame: CallFrame, depth: number, callerPart: GasPart | undefined): GasPart | undefined => {
    if (callerPart && callerPart !== 'accountExecute') return callerPart;
    const to = frame.to;
    if (callerPart === 'accountExecute') {
      if (same(to, known.escrow)) return 'checkout';
      const selector = frame.input?.slice(0, 10);
      if (frame.input && selector === '0x095ea7b3') {
        const [spender] = decodeFunctionData({ abi: erc20Abi, data: frame.input }).args as [Address, bigint];
        if (same(spender, known.approvalCollector)) return 'collectorApproval';
        if (same(spender, known.paymaster)) return 'gasApproval';
      }
      return 'otherCalls';
    }
    if (depth === 1 && same(to, known.sender)) return 'accountValidation';
    if (depth === 1 && same(to, known.paymaster)) return 'paymasterValidation';
    if (depth === 1 && same(to, beneficiary) && hexToBigInt(frame.value ?? '0x0') > 0n) return 'beneficiaryPayment';
    if (depth === 1 && same(to, known.entryPoint)) return undefined; // innerHandleOp: the EntryPoint's own frame
    if (depth === 2 && same(to, known.sender)) return 'accountExecute';
    if (depth === 2 && same(to, known.paymaster)) return 'postOpTokenTransfer';
    if (depth === 1) return 'accountDeployment'; // the SenderCreator running the initCode
    throw new Error(`unexpected call to ${to} at depth ${depth}`);
  };

  // The part each depth's frame belongs to (undefined: the EntryPoint's own code).
  const framePart: (GasPart | undefined)[] = [undefined, undefined];
  let callIndex = 0;
  for (let i = 0; i < logs.length; i++) {
    const step = logs[i];
    const owner = framePart[step.depth];
    if (CALL_OPS.has(step.op)) {
      const frame = flat[callIndex++];
      if (!frame) throw new Error('the call trace has fewer calls than the opcode trace');
      const target = step.op.startsWith('CREATE') ? undefined : (`0x${BigInt(step.stack![step.stack!.length - 2]).toString(16).padStart(40, '0')}` as Address);
      if (target && !same(target, frame.to)) throw new Error(`call ${callIndex} goes to ${target} in the opcode trace, ${frame.to} in the call trace`);
      // A proxy's DELEGATECALL to its implementation (the passkey account's clone) is still the account's code.
      const part = owner === 'accountExecute' && step.op === 'DELEGATECALL' ? 'accountExecute' : partOfCall(frame, step.depth, owner);
      // The call's whole cost: gas before it, less gas once the caller runs again.
      let next = i + 1;
      while (next < logs.length && logs[next].depth > step.depth) next++;
      const inclusive = step.gas - (logs[next]?.gas ?? step.gas - step.gasCost);
      if (part === undefined || part === 'accountExecute') {
        // The EntryPoint's innerHandleOp, the account's execute: walked step by step below, so only the CALL's
        // own cost (account access, memory, value) is counted here, and the frame's steps as they come.
        framePart[step.depth + 1] = part;
        const child = logs[i + 1];
        const childUsed = child && child.depth === step.depth + 1 ? child.gas - (logs[next - 1].gas - logs[next - 1].gasCost) : 0;
        add(part ?? 'entryPointCode', inclusive - childUsed);
      } else {
        add(part, inclusive);
        i = next - 1;
        callIndex += descendants(frame);
      }
      continue;
    }
    if (owner === 'accountExecute') {
      add('accountExecute', step.gasCost);
      continue;
    }
    // The EntryPoint's own code (depth 1: handleOps; depth 2: innerHandleOp).
    const slot = step.stack && (step.op === 'SSTORE' || step.op === 'SLOAD') ? step.stack[step.stack.length - 1] : undefined;
    if (slot && BigInt(slot) === BigInt(nonceSlot)) add('nonce', step.gasCost);
    else if (slot && BigInt(slot) === BigInt(depositSlot)) add('paymasterDeposit', step.gasCost);
    else if (step.op.startsWith('LOG')) add('entryPointEvents', step.gasCost);
    else add('entryPointCode', step.gasCost);
  }
  if (callIndex !== flat.length) throw new Error(`the opcode trace made ${callIndex} calls, the call trace has ${flat.length}`);

  const input = hexToBytes(tx.input);
  const zero = input.filter((byte) => byte === 0).length;
  add('txBase', TX_BASE_GAS);
  add('calldata', zero * 4 + (input.length - zero) * 16);
  const authorizations = tx.authorizationList?.length ?? 0;
  if (authorizations > 0) add('authorization', authorizations * PER_EMPTY_ACCOUNT_COST);
  const last = logs[logs.length - 1];
  const executed = logs[0].gas - (last.gas - last.gasCost);
  const beforeRefund = (parts.txBase ?? 0) + (parts.calldata ?? 0) + (parts.authorization ?? 0) + executed;
  add('refund', -Math.min(last.refund ?? 0, Math.floor(beforeRefund / 5)));
  // EIP-7702 refunds PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST per authority that "exists in the trie". The
  // opcode trace does not show it: it is what is left, and must be a whole number of such refunds.
  const authorityRefund = Object.values(parts).reduce((a, b) => a + b, 0) - Number(receipt.gasUsed);
  const perAuthority = PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST;
  if (authorityRefund > 0 && authorityRefund % perAuthority === 0 && authorityRefund / perAuthority <= authorizations) {
    add('authorityRefund', -authorityRefund);
  }

  const gasUsed = Number(receipt.gasUsed);
  const sum = Object.values(parts).reduce((a, b) => a + b, 0);
  if (sum !== gasUsed) throw new Error(`the parts of ${hash} add up to ${sum}, the receipt says ${gasUsed}: ${JSON.stringify(parts)}`);
  return { gasUsed, parts, calldataBytes: { total: input.length, zero } };
}
