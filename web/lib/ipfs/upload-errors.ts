// What a failed upload or Storacha login says, in the page's language.
import { m } from '../paraglide/messages.js';
import { errorMessage } from '../tx/messages.ts';

export function uploadErrorText(error: unknown): string {
  if (error instanceof Error && error.name === 'AbortError') return m.storacha_login_cancelled();
  if (error instanceof Error && !/^(CidMismatchError|StorachaLoginNeeded|NoUploaderError|UploadError)$/.test(error.name)) {
    // Failures of the Storacha client itself (login refused, service unreachable): English detail, translated frame.
    return m.storacha_failed({ detail: error.message });
  }
  return errorMessage(error).text;
}
