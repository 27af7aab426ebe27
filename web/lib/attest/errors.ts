// EAS's custom errors as sentences; everything else goes through the site's one error mapper.
import { m } from '../paraglide/messages.js';
import { describeError } from '../tx/errors.ts';
import { type UserMessage, errorMessage } from '../tx/messages.ts';

const EAS_ERRORS: Record<string, () => string> = {
  InvalidExpirationTime: m.attest_err_expiration,
  AccessDenied: m.attest_err_access_denied,
  AlreadyRevoked: m.attest_err_already_revoked,
  Irrevocable: m.attest_err_irrevocable,
  InvalidSchema: m.attest_err_schema,
  NotFound: m.attest_err_not_found,
};

export function attestErrorMessage(error: unknown): UserMessage {
  const described = describeError(error);
  if (described.kind === 'revert' && EAS_ERRORS[described.name]) return { tone: 'error', text: EAS_ERRORS[described.name]() };
  return errorMessage(error);
}
