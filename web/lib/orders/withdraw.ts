// Withdrawing a credit the escrow holds for the buyer. Refunds, cancellations and rulings are pushed to the
// buyer's wallet; only a push that failed (BuyerCredited: a blocklisted or reverting recipient) is kept as a
// credit, withdrawn with one `withdraw([token], to)` for the whole balance of the token.
import type { Address } from 'viem';
import { m } from '../paraglide/messages.js';
import { settings } from '../config/settings.svelte.ts';
import { chainMartEscrowAbi } from '../contracts/generated/abi.ts';
import { write } from '../tx/write.ts';
import { errorMessage } from '../tx/messages.ts';
import { notices } from '../ui/notices.svelte.ts';
import type { Credit } from './source.ts';

/** Sends the withdrawal and reports the outcome as a notice; true once it is confirmed. */
export async function withdrawCredit(account: Address, credit: Pick<Credit, 'token' | 'symbol'>): Promise<boolean> {
  try {
    await write(m.orders_tx_withdraw({ symbol: credit.symbol }), {
      address: settings.site.contracts.escrow,
      abi: chainMartEscrowAbi,
      functionName: 'withdraw',
      args: [[credit.token], account],
    });
    notices.push('success', m.orders_done_withdraw({ symbol: credit.symbol }));
    return true;
  } catch (error) {
    const msg = errorMessage(error);
    notices.push(msg.tone, msg.text);
    return false;
  }
}
