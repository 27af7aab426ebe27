// The user-operation path's failure, in a module of its own: the error sentences (tx/messages.ts) check for it
// without pulling viem's account-abstraction code and the contract ABIs into every page.
export type AaFailure =
  | 'bundler-unreachable'
  /** The bundler is down and the wallet has no ETH for the gas of a plain transaction. */
  | 'bundler-unreachable-no-gas'
  | 'paymaster-refused' | 'paymaster-unreachable' | 'operation-reverted' | 'unsupported-owner'
  /** The bundler quoted a gas price many times the chain's (aa/user-operation.ts MAX_FEE_OVER_CHAIN): not sent. */
  | 'bundler-overpriced'
  /** The passkey's device prompt was closed or its user verification failed: nothing was signed or sent. */
  | 'passkey-refused';

/** A failure of the user-operation path, with a kind the UI translates (and the direct path as fallback). */
export class AaError extends Error {
  constructor(
    readonly kind: AaFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AaError';
  }
}
