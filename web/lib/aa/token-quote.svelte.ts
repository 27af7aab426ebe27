// The paymaster's current quote for a token as component state (token-quote.ts), re-asked when the paymaster
// setting or the token changes, and whether the wallet pays gas through it at all. Call these while a component
// initialises.
import { settings } from '../config/settings.svelte.ts';
import { connection } from '../wallet/connection.svelte.ts';
import { type TokenQuote, bundlerGasPrice, tokenQuote } from './token-quote.ts';

export function paymasterQuote(token: () => string | undefined, enabled: () => boolean): { readonly current: TokenQuote | null } {
  let quote = $state<TokenQuote | null>(null);
  $effect(() => {
    const paymasterUrl = settings.current.paymasterUrl;
    const address = token();
    if (!enabled() || !paymasterUrl || !address) {
      quote = null;
      return;
    }
    let live = true;
    void tokenQuote({ paymasterUrl, token: address, chainId: settings.site.chainId }).then((next) => {
      if (live) quote = next;
    });
    return () => {
      live = false;
    };
  });
  return {
    get current() {
      return quote;
    },
  };
}

/**
 * Whether the connected wallet pays its gas in the token through the paymaster (a smart account, asked of
 * connection.smartAccount() again when the wallet or the bundler/paymaster settings change), and, while it does,
 * the paymaster's quote and the bundler's gas price (null when either gives none).
 */
export function stableGasPayer(
  token: () => string | undefined,
  inSettlementToken: () => boolean,
): { readonly smart: boolean; readonly quote: TokenQuote | null; readonly gasPrice: bigint | null } {
  let smart = $state(false);
  $effect(() => {
    void connection.address;
    void settings.current.bundlerUrl;
    void settings.current.paymasterUrl;
    let live = true;
    connection.smartAccount().then(
      (account) => live && (smart = account !== undefined),
      () => live && (smart = false),
    );
    return () => {
      live = false;
    };
  });
  const quote = paymasterQuote(token, () => smart && inSettlementToken());
  // What the operation will bid per gas (the bundler's price), re-asked with the wallet or the bundler setting.
  let gasPrice = $state<bigint | null>(null);
  $effect(() => {
    const bundlerUrl = settings.current.bundlerUrl;
    if (!smart || !inSettlementToken() || !bundlerUrl) {
      gasPrice = null;
      return;
    }
    let live = true;
    void bundlerGasPrice({ bundlerUrl }).then((next) => {
      if (live) gasPrice = next;
    });
    return () => {
      live = false;
    };
  });
  return {
    get gasPrice() {
      return gasPrice;
    },
    get smart() {
      return smart;
    },
    get quote() {
      return quote.current;
    },
  };
}
