// The money a wallet needs on this site: the network's settlement stablecoin (what buyers pay with) and a
// little ETH for gas. Which way to get it depends on the network: the local chain funds an account itself
// (anvil's RPC and the test stablecoin's open mint), testnets point at faucets, mainnet shows a receive
// address and on-ramps. Pure and small (the wallet button loads it with every page); the chain reads are in
// balances.ts and test-funds.ts, loaded once a wallet is there.
import type { SiteConfig } from '../config/site.ts';
import { numberFormat } from '../format/intl.ts';

export type NetworkKind = 'local' | 'testnet' | 'mainnet';

const LOCAL_CHAINS = new Set([31337, 1337]);
const TESTNETS = new Set([84532, 11155111]);

/** Unknown chains count as mainnet: nothing there is free, so no faucet or mint button is offered. */
export function networkKind(site: Pick<SiteConfig, 'chainId'>): NetworkKind {
  if (LOCAL_CHAINS.has(site.chainId)) return 'local';
  if (TESTNETS.has(site.chainId)) return 'testnet';
  return 'mainnet';
}

/** The test stablecoin (TestStablecoin.sol) lets anyone mint; real USDC does not. */
export function hasOpenMint(site: Pick<SiteConfig, 'chainId' | 'settlementToken'>): boolean {
  return networkKind(site) !== 'mainnet' && site.settlementToken.symbol === 'tUSD';
}

export interface FundsLink {
  id: 'base-sepolia-eth' | 'circle-usdc' | 'coinbase' | 'okx' | 'binance';
  url: string;
}

/** Faucets on testnets, exchanges that withdraw USDC and ETH to Base on mainnet. */
export function fundsLinks(site: Pick<SiteConfig, 'chainId' | 'settlementToken'>): FundsLink[] {
  const kind = networkKind(site);
  if (kind === 'testnet') {
    const links: FundsLink[] = [{ id: 'base-sepolia-eth', url: 'https://portal.cdp.coinbase.com/products/faucet' }];
    if (!hasOpenMint(site)) links.push({ id: 'circle-usdc', url: 'https://faucet.circle.com/' });
    return links;
  }
  if (kind === 'mainnet') {
    return [
      { id: 'coinbase', url: 'https://www.coinbase.com/' },
      { id: 'okx', url: 'https://www.okx.com/' },
      { id: 'binance', url: 'https://www.binance.com/' },
    ];
  }
  return [];
}

export interface WalletBalances {
  /** The settlement stablecoin, in its smallest unit. */
  stable: bigint;
  /** ETH in wei: pays the gas of every transaction (and ETH-priced listings). */
  eth: bigint;
  /** Current gas price in wei, for the gas check before a checkout. */
  gasPrice: bigint;
  blockNumber: bigint;
}

/**
 * Gas one checkout may use: a permit purchase with encrypted shipping details measures ~300k on the local
 * chain; the margin covers an approve on tokens without permit and gas price moves between blocks.
 */
export const CHECKOUT_GAS = 500_000n;

/**
 * Gas reserved for a cart of up to 3 lines as one user operation: the first go of a passkey account (its
 * deployment included) measures 514k for 3 lines, a key's first 377k (bench:gas).
 */
export const USER_OP_GAS = 600_000n;
/** Gas reserved per line beyond the third: a cart line costs about 45-52k in the checkout (bench:gas cart3, cart10). */
export const USER_OP_GAS_PER_EXTRA_LINE = 60_000n;

/** The gas `lines` cart lines need beyond what a 3-line cart is reserved (the same for a transaction and a user operation). */
function extraLinesGas(lines: number): bigint {
  return USER_OP_GAS_PER_EXTRA_LINE * BigInt(Math.max(0, Math.ceil(lines) - 3));
}

/** The gas reserved for a user operation that checks out `lines` cart lines. */
export function userOpGas(lines: number): bigint {
  return USER_OP_GAS + extraLinesGas(lines);
}
/**
 * The ETH price the gas reserve in the stablecoin is estimated at when the paymaster gives no quote: what the
 * local paymaster charges (scripts/platform/paymaster-service.ts). The paymaster's own figure decides; this only
 * keeps a checkout from starting that cannot pay its gas.
 */
export const ETH_PRICE_FOR_GAS_ESTIMATE = 3000n;

/**
 * The gas of one user operation checking out `lines` cart lines (userOpGas) in stablecoin units (`decimals`),
 * at twice `gasPrice` wei (the max fee the bundler quotes, aa/token-quote.ts bundlerGasPrice, else the chain's
 * gas price): the margin covers the base fee
 * rising before the operation lands. With the paymaster's quote (aa/token-quote.ts) it is priced at the
 * paymaster's rate plus its postOp gas, as the paymaster bills; without one, at ETH_PRICE_FOR_GAS_ESTIMATE.
 * Rounded up to a hundredth of a unit (a cent), so that it is never shown as 0 and is never below the charge.
 */
export function stableGasReserve(gasPrice: bigint, decimals: number, quote?: { exchangeRate: bigint; postOpGas: bigint } | null, lines = 1): bigint {
  const gas = userOpGas(lines);
  const wei = quote ? (gas + quote.postOpGas) * 2n * gasPrice * quote.exchangeRate : gas * 2n * gasPrice * ETH_PRICE_FOR_GAS_ESTIMATE * 10n ** BigInt(decimals);
  // Token units per 1e18, then cents, both rounded up.
  const cent = decimals > 2 ? 10n ** BigInt(decimals - 2) * 10n ** 18n : 10n ** 18n;
  return ((wei + cent - 1n) / cent) * (cent / 10n ** 18n);
}

export type MissingFunds =
  | { kind: 'stable'; short: bigint }
  /** Gas paid in the stablecoin (a smart account): the price plus the gas `gas` exceed the balance by `short`. */
  | { kind: 'stable-gas'; short: bigint; gas: bigint }
  | { kind: 'eth'; short: bigint }
  | { kind: 'gas'; needed: bigint };

/**
 * What the buyer lacks to pay `cash` (in the listing's token) and the gas, most important first. For an ETH
 * listing the price and the gas come from the same balance, so one line says how much ETH is short.
 */
export function missingFunds(input: {
  cash: bigint;
  payInEth: boolean;
  balances: Pick<WalletBalances, 'eth' | 'gasPrice'> & { cash: bigint };
  /** Set when a paymaster takes the gas in the listing's token (smart account): ETH is then not needed. */
  stableGas?: bigint;
  /** Cart lines in the one transaction (gas grows with them, as for a user operation: USER_OP_GAS_PER_EXTRA_LINE). */
  lines?: number;
}): MissingFunds[] {
  const { cash, payInEth, balances, stableGas } = input;
  if (stableGas !== undefined && !payInEth) {
    return cash + stableGas > balances.cash ? [{ kind: 'stable-gas', short: cash + stableGas - balances.cash, gas: stableGas }] : [];
  }
  const gas = (CHECKOUT_GAS + extraLinesGas(input.lines ?? 1)) * balances.gasPrice;
  if (payInEth) return cash + gas > balances.eth ? [{ kind: 'eth', short: cash + gas - balances.eth }] : [];
  const missing: MissingFunds[] = [];
  if (cash > balances.cash) missing.push({ kind: 'stable', short: cash - balances.cash });
  if (gas > balances.eth) missing.push({ kind: 'gas', needed: gas });
  return missing;
}

/**
 * A balance for display, cut (never rounded up) to `maxFraction` digits: a wallet must not show more than it
 * holds. Tiny non-zero amounts read as "< 0.000001" rather than 0.
 */
export function formatBalance(amount: bigint, decimals: number, unit: string, locale: string, maxFraction = 6): string {
  const cut = decimals > maxFraction ? 10n ** BigInt(decimals - maxFraction) : 1n;
  const shown = (amount / cut) * cut;
  const digits = Math.min(decimals, maxFraction);
  const format = numberFormat(locale, { maximumFractionDigits: digits });
  if (amount > 0n && shown === 0n) return `< ${format.format(1 / 10 ** digits)} ${unit}`;
  const whole = shown / 10n ** BigInt(decimals);
  const fraction = (shown % 10n ** BigInt(decimals)).toString().padStart(decimals, '0').slice(0, digits).replace(/0+$/, '');
  const separator = format.formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  return `${format.format(whole)}${fraction ? `${separator}${fraction}` : ''} ${unit}`;
}
