// Checkout errors as sentences: a listing gate's refusal (EasGate's custom errors, decoded because pay.ts
// simulates with the gate's errors in the ABI) says what is wrong with the attestation; everything else goes
// through the site's one error mapper (LineTermsChanged, EthAmountMismatch, OutOfStock...).
import { m } from '../paraglide/messages.js';
import { describeError } from '../tx/errors.ts';
import { type UserMessage, errorMessage } from '../tx/messages.ts';

const GATE_ERRORS: Record<string, () => string> = {
  AttestationNotFound: m.checkout_gate_err_not_found,
  AttestationSchemaMismatch: m.checkout_gate_err_schema,
  AttestationRecipientMismatch: m.checkout_gate_err_recipient,
  AttestationRevoked: m.checkout_gate_err_revoked,
  AttestationExpired: m.checkout_gate_err_expired,
  AttesterNotTrusted: m.checkout_gate_err_attester,
  AttestationDataMismatch: m.checkout_gate_err_data,
  RequirementMissing: m.checkout_gate_err_missing,
  ProofMalformed: m.checkout_gate_err_proof,
  GateRefused: m.checkout_gate_err_proof,
};

/** Whether the error is a gate's refusal: the page should check the buyer's attestations again. */
export function isGateRefusal(error: unknown): boolean {
  const described = describeError(error);
  return described.kind === 'revert' && described.name in GATE_ERRORS;
}

export function checkoutErrorMessage(error: unknown): UserMessage {
  const described = describeError(error);
  if (described.kind === 'revert' && GATE_ERRORS[described.name]) return { tone: 'error', text: m.checkout_gate_refused({ reason: GATE_ERRORS[described.name]() }) };
  return errorMessage(error);
}
