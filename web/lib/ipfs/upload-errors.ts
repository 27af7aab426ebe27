// What a failed upload or Storacha login says, in the page's language. Kept out of web/lib/tx/messages.ts
// (on every page) so that only the pages that upload carry these sentences. The services' own words are
// English: they travel as `detail`, shown folded away (UploadError.svelte), never inside the sentence.
import { m } from '../paraglide/messages.js';
import { errorMessage, type UserMessage } from '../tx/messages.ts';
import { CidMismatchError, NoUploaderError, StorachaLoginNeeded } from './errors.ts';
import { StorachaError, storachaError, type StorachaFailure } from './storacha-errors.ts';
import { UploadError } from './upload.ts';

export interface UploadProblem {
  text: string;
  /** The service's own (English) words, if any. */
  detail?: string;
}

const STORACHA: Record<StorachaFailure, () => string> = {
  unreachable: m.storacha_err_unreachable,
  unauthorized: m.storacha_err_unauthorized,
  'no-storage': m.storacha_err_no_storage,
  cancelled: m.storacha_err_cancelled,
  other: m.storacha_err_other,
};

export function uploadProblem(error: unknown): UploadProblem {
  if (error instanceof CidMismatchError) return { text: m.storacha_cid_mismatch({ reported: error.reported, computed: error.computed }) };
  if (error instanceof StorachaLoginNeeded) return { text: m.storacha_login_needed() };
  if (error instanceof NoUploaderError) return { text: m.storacha_no_uploader() };
  if (error instanceof StorachaError) return { text: STORACHA[error.kind](), detail: error.detail };
  if (error instanceof UploadError) return { text: m.upload_node_failed(), detail: error.message };
  return { text: errorMessage(error).text };
}

/** errorMessage, plus the upload errors: use it where a form uploads and then writes. */
export function uploadErrorMessage(error: unknown): UserMessage {
  return error instanceof CidMismatchError || error instanceof StorachaLoginNeeded || error instanceof NoUploaderError || error instanceof StorachaError || error instanceof UploadError
    ? { tone: 'error', text: uploadProblem(error).text }
    : errorMessage(error);
}

export function uploadErrorText(error: unknown): string {
  return uploadProblem(error).text;
}

/** A failed Storacha login or space setup (the client's errors as they come, or already sorted). */
export function storachaLoginProblem(error: unknown): UploadProblem {
  if (error instanceof CidMismatchError || error instanceof StorachaLoginNeeded) return uploadProblem(error);
  const sorted = storachaError(error);
  return sorted.kind === 'cancelled' ? { text: m.storacha_login_cancelled() } : uploadProblem(sorted);
}
