// The paymaster's current quote for a token as component state (token-quote.ts), re-asked when the paymaster
// setting or the token changes. Call it while a component initialises.
import { settings } from '../config/settings.svelte.ts';
import { type TokenQuote, tokenQuote } from './token-quote.ts';

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
