// Why a write could not be made (apart from the wallet's and the contract's own errors).
export class WriteError extends Error {
  constructor(
    message: string,
    readonly kind: 'no-wallet' | 'wrong-network' | 'reverted' | 'timeout' | 'batch-failed' | 'batch-timeout',
  ) {
    super(message);
    this.name = 'WriteError';
  }
}
