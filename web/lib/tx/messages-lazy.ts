// The error sentences (messages.ts: every contract error, the index's, IPFS's and the wallet's failures, with
// viem's error classes to tell them apart) are loaded when an error is first shown, not with every page: the
// header's wallet button and a page's load error need them only when something went wrong.
import { m } from '../paraglide/messages.js';
import type { UserMessage } from './messages.ts';

let loading: Promise<typeof import('./messages.ts')> | undefined;

/** The sentence for `error` in the user's language, once the table has loaded (a short fallback if it cannot). */
export async function errorMessageLater(error: unknown): Promise<UserMessage> {
  try {
    const { errorMessage } = await (loading ??= import('./messages.ts'));
    return errorMessage(error);
  } catch {
    // The chunk could not be fetched (offline, a gateway that lost the file): try again next time.
    loading = undefined;
    return { tone: 'error', text: m.err_unknown() };
  }
}
