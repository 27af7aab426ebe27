// What a failed upload or Storacha login says, in the page's language. Kept out of web/lib/tx/messages.ts
// (on every page) so that only the pages that upload carry these sentences.
import { m } from '../paraglide/messages.js';
import { errorMessage, type UserMessage } from '../tx/messages.ts';
import { CidMismatchError, NoUploaderError, StorachaLoginNeeded } from './errors.ts';

/** errorMessage, plus the upload errors: use it where a form uploads and then writes. */
export function uploadErrorMessage(error: unknown): UserMessage {
  if (error instanceof CidMismatchError) return { tone: 'error', text: m.storacha_cid_mismatch({ reported: error.reported, computed: error.computed }) };
  if (error instanceof StorachaLoginNeeded) return { tone: 'error', text: m.storacha_login_needed() };
  if (error instanceof NoUploaderError) return { tone: 'error', text: m.storacha_no_uploader() };
  return errorMessage(error);
}

export function uploadErrorText(error: unknown): string {
  return uploadErrorMessage(error).text;
}

/** A failed Storacha login or space setup: the client's own errors are English, so they get a translated frame. */
export function storachaLoginErrorText(error: unknown): string {
  if (error instanceof Error && error.name === 'AbortError') return m.storacha_login_cancelled();
  if (error instanceof CidMismatchError || error instanceof StorachaLoginNeeded) return uploadErrorText(error);
  return m.storacha_failed({ detail: error instanceof Error ? error.message : String(error) });
}
