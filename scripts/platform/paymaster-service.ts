// A local ERC-7677 paymaster service for Pimlico's singleton paymaster v0.8 in its ERC-20 mode: the account pays
// the gas in a stablecoin, which the paymaster pulls in `postOp` (the user operation approves it first). It
// answers `pm_getPaymasterStubData` / `pm_getPaymasterData` with `context: { token }` like Pimlico's hosted
// service, refuses tokens it does not accept with a JSON-RPC error, and prices gas at a fixed ETH/USD rate
// (production services quote a live rate; locally a constant keeps the books predictable).
import { type Server, createServer } from 'node:http';
import {
  type Address,
  type Hex,
  type LocalAccount,
  createPublicClient,
  encodePacked,
  getAddress,
  hexToBigInt,
  http,
  isAddress,
  toBytes,
} from 'viem';
import { type UserOperation, entryPoint08Address, toPackedUserOperation } from 'viem/account-abstraction';

/** tUSD units (6 decimals) per 1 ETH: gas is charged as if 1 ETH were 3000 USD. */
export const TOKEN_PER_ETH = 3000n * 10n ** 6n;
/** Gas the paymaster's postOp (the token transfer) may use, charged on top of the measured cost. */
const POST_OP_GAS = 50_000n;
const PAYMASTER_VERIFICATION_GAS = 60_000n;
const PAYMASTER_POST_OP_GAS_LIMIT = 80_000n;
const VALID_FOR_SECONDS = 600;
/** ERC-20 mode (1), and any bundler may include the operation (bit 0). */
const MODE_ERC20 = 1;
const MODE_BYTE = (MODE_ERC20 << 1) | 1;

const getHashAbi = [
  {
    type: 'function',
    name: 'getHash',
    stateMutability: 'view',
    inputs: [
      { name: '_mode', type: 'uint8' },
      {
        name: '_userOp',
        type: 'tuple',
        components: [
          { name: 'sender', type: 'address' },
          { name: 'nonce', type: 'uint256' },
          { name: 'initCode', type: 'bytes' },
          { name: 'callData', type: 'bytes' },
          { name: 'accountGasLimits', type: 'bytes32' },
          { name: 'preVerificationGas', type: 'uint256' },
          { name: 'gasFees', type: 'bytes32' },
          { name: 'paymasterAndData', type: 'bytes' },
          { name: 'signature', type: 'bytes' },
        ],
      },
    ],
    outputs: [{ name: '', type: 'bytes32' }],
  },
] as const;

export interface PaymasterService {
  url: string;
  stop: () => Promise<void>;
}

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The paymasterData of ERC-20 mode without its signature (layout of SingletonPaymasterV8's `_parseErc20Config`). */
export function erc20PaymasterConfig(opts: { token: Address; treasury: Address; validUntil: number; tokenPerEth: bigint }): Hex {
  return encodePacked(
    ['uint8', 'uint8', 'uint48', 'uint48', 'address', 'uint128', 'uint256', 'uint128', 'address'],
    [MODE_BYTE, 0, opts.validUntil, 0, opts.token, POST_OP_GAS, opts.tokenPerEth, 1n, opts.treasury],
  );
}

export async function startPaymasterService(opts: {
  rpcUrl: string;
  host: string;
  port: number;
  paymaster: Address;
  signer: LocalAccount;
  tokens: Address[];
}): Promise<PaymasterService> {
  const client = createPublicClient({ transport: http(opts.rpcUrl) });
  const chainId = await client.getChainId();
  // A well-formed signature over something else, for gas estimation: it recovers (to a wrong address, so the
  // paymaster reports a signature failure instead of reverting); pm_getPaymasterData replaces it.
  const stubSignature = await opts.signer.signMessage({ message: 'ChainMart paymaster stub' });
  const accepted = new Set(opts.tokens.map((t) => getAddress(t)));
  const gas = {
    paymasterVerificationGasLimit: PAYMASTER_VERIFICATION_GAS,
    paymasterPostOpGasLimit: PAYMASTER_POST_OP_GAS_LIMIT,
  };

  function check(params: unknown[]): { userOp: Record<string, unknown>; token: Address } {
    const [userOp, entryPoint, chain, context] = params as [Record<string, unknown>, string, string, { token?: string } | null];
    if (!userOp || typeof userOp !== 'object') throw new RpcError(-32602, 'the first parameter must be a user operation');
    if (typeof entryPoint !== 'string' || getAddress(entryPoint) !== entryPoint08Address) {
      throw new RpcError(-32602, `EntryPoint ${entryPoint} is not supported; this paymaster serves ${entryPoint08Address} (v0.8)`);
    }
    if (typeof chain !== 'string' || Number(chain) !== chainId) throw new RpcError(-32602, `chain ${chain} is not supported (this is ${chainId})`);
    const token = context?.token;
    if (typeof token !== 'string' || !isAddress(token) || !accepted.has(getAddress(token))) {
      throw new RpcError(-32602, `token ${token ?? '(none)'} is not accepted; this paymaster takes ${[...accepted].join(', ')}`);
    }
    return { userOp, token: getAddress(token) };
  }

  async function sign(rawUserOp: Record<string, unknown>, token: Address): Promise<Hex> {
    const userOp = parseUserOperation(rawUserOp);
    const validUntil = Math.floor(Date.now() / 1000) + VALID_FOR_SECONDS;
    const config = erc20PaymasterConfig({ token, treasury: opts.signer.address, validUntil, tokenPerEth: TOKEN_PER_ETH });
    const hash = await client.readContract({
      address: opts.paymaster,
      abi: getHashAbi,
      functionName: 'getHash',
      args: [MODE_ERC20, toPackedUserOperation({ ...userOp, ...gas, paymaster: opts.paymaster, paymasterData: config })],
    });
    const signature = await opts.signer.signMessage({ message: { raw: toBytes(hash) } });
    return encodePacked(['bytes', 'bytes'], [config, signature]);
  }

  const methods: Record<string, (params: unknown[]) => Promise<unknown>> = {
    pm_getPaymasterStubData: async (params) => {
      const { token } = check(params);
      // The bundler estimates with its own worst-case gas limits and fees, whose cost in tUSD no shopper holds:
      // the stub charges a token unit per ETH (same layout, same postOp path), the signed data the real rate.
      const config = erc20PaymasterConfig({ token, treasury: opts.signer.address, validUntil: 0, tokenPerEth: 1n });
      return {
        paymaster: opts.paymaster,
        paymasterData: encodePacked(['bytes', 'bytes'], [config, stubSignature]),
        paymasterVerificationGasLimit: toRpcHex(gas.paymasterVerificationGasLimit),
        paymasterPostOpGasLimit: toRpcHex(gas.paymasterPostOpGasLimit),
        sponsor: { name: 'ChainMart local paymaster (gas paid in tUSD)' },
        isFinal: false,
      };
    },
    pm_getPaymasterData: async (params) => {
      const { userOp, token } = check(params);
      return { paymaster: opts.paymaster, paymasterData: await sign(userOp, token) };
    },
    /**
     * The gas price in each token, in Pimlico's shape (`pimlico_getTokenQuotes` [{ tokens }, entryPoint,
     * chainId] -> { quotes }), so a client can show and approve the right amount: `exchangeRate` in token units
     * per 1e18 wei, the rate pm_getPaymasterData signs. Tokens it does not take are left out, as Pimlico does.
     */
    pimlico_getTokenQuotes: async (params) => {
      const [context, entryPoint, chain] = params as [{ tokens?: unknown } | null, string, string];
      if (!context || !Array.isArray(context.tokens) || !context.tokens.every((t) => typeof t === 'string' && isAddress(t))) {
        throw new RpcError(-32602, 'the first parameter must be { tokens: [address, ...] }');
      }
      if (typeof entryPoint !== 'string' || !isAddress(entryPoint) || getAddress(entryPoint) !== entryPoint08Address) {
        throw new RpcError(-32602, `EntryPoint ${entryPoint} is not supported; this paymaster serves ${entryPoint08Address} (v0.8)`);
      }
      if (typeof chain !== 'string' || Number(chain) !== chainId) throw new RpcError(-32602, `chain ${chain} is not supported (this is ${chainId})`);
      const quotes = (context.tokens as string[])
        .map((token) => getAddress(token))
        .filter((token) => accepted.has(token))
        .map((token) => ({
          paymaster: opts.paymaster,
          token,
          postOpGas: toRpcHex(POST_OP_GAS),
          exchangeRate: toRpcHex(TOKEN_PER_ETH),
          // USD per ETH with 6 decimals; the stablecoin is taken at 1 USD.
          exchangeRateNativeToUsd: toRpcHex(TOKEN_PER_ETH),
        }));
      return { quotes };
    },
  };

  const server: Server = createServer(async (request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-headers', 'content-type');
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();
    if (request.method === 'GET') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('ChainMart paymaster (ERC-7677)\n');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let id: unknown = null;
    let reply: object;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: unknown; method?: string; params?: unknown[] };
      id = body.id ?? null;
      const method = body.method ? methods[body.method] : undefined;
      if (!method) throw new RpcError(-32601, `method ${body.method} is not supported by this paymaster`);
      reply = { jsonrpc: '2.0', id, result: await method(body.params ?? []) };
    } catch (error) {
      const code = error instanceof RpcError ? error.code : -32603;
      reply = { jsonrpc: '2.0', id, error: { code, message: error instanceof Error ? error.message : String(error) } };
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    url: `http://${opts.host}:${opts.port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function toRpcHex(value: bigint): Hex {
  return `0x${value.toString(16)}`;
}

/** A JSON-RPC user operation (hex quantities) as viem's typed one. */
function parseUserOperation(raw: Record<string, unknown>): UserOperation<'0.8'> {
  const big = (key: string) => (typeof raw[key] === 'string' ? hexToBigInt(raw[key] as Hex) : 0n);
  return {
    sender: raw.sender as Address,
    nonce: big('nonce'),
    factory: (raw.factory as Address | undefined) ?? undefined,
    factoryData: (raw.factoryData as Hex | undefined) ?? undefined,
    callData: raw.callData as Hex,
    callGasLimit: big('callGasLimit'),
    verificationGasLimit: big('verificationGasLimit'),
    preVerificationGas: big('preVerificationGas'),
    maxFeePerGas: big('maxFeePerGas'),
    maxPriorityFeePerGas: big('maxPriorityFeePerGas'),
    signature: (raw.signature as Hex) ?? '0x',
  };
}
