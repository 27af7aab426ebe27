// Storacha client failures sorted into the few kinds a page can say in the user's language. The client's
// own errors are English sentences wrapped around the service's error objects (`failed space/blob/add
// invocation`, caused by `{ name: 'InsufficientStorage', message: … }`); their names decide the kind, and the
// English is kept as `detail`, for a folded-away part of the message, never the sentence itself.
// Kept apart from storacha.ts so that knowing them never loads the client.

export type StorachaFailure = 'unreachable' | 'unauthorized' | 'no-storage' | 'cancelled' | 'other';

export class StorachaError extends Error {
  constructor(
    readonly kind: StorachaFailure,
    /** What the client and the service said, in English. */
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'StorachaError';
  }
}

/** The UCAN validator's and the access service's names for a delegation this agent cannot use. */
const UNAUTHORIZED = new Set(['Unauthorized', 'InvalidClaim', 'Expired', 'Revoked', 'InvalidAudience', 'NotValidBefore', 'InvalidSignature', 'UnavailableProof', 'SpaceUnauthorized']);
/** The upload service's names for a space that has no provider or plan to store into. */
const NO_STORAGE = new Set(['InsufficientStorage', 'SpaceUnknown', 'ConsumerNotFound', 'CustomerNotFound', 'PlanNotFound', 'SubscriptionNotFound', 'AccountNotFound', 'UnknownProvider']);
const UNREACHABLE = /fetch failed|failed to fetch|networkerror|load failed|econnrefused|enotfound|etimedout|upload failed: \d+|failed to fetch receipt/i;

type Link = { name?: unknown; message?: unknown; cause?: unknown };

/** The error and its causes, outermost first (bounded: causes can form a cycle). */
function causes(error: unknown): Link[] {
  const links: Link[] = [];
  for (let at = error; at && typeof at === 'object' && links.length < 8; at = (at as Link).cause) links.push(at as Link);
  if (!links.length && error !== undefined && error !== null) links.push({ message: String(error) });
  return links;
}

/** A client or service failure as a StorachaError (unchanged if it already is one). */
export function storachaError(error: unknown): StorachaError {
  if (error instanceof StorachaError) return error;
  const links = causes(error);
  const names = links.map((link) => (typeof link.name === 'string' ? link.name : ''));
  const messages = links.map((link) => (typeof link.message === 'string' ? link.message : '')).filter(Boolean);
  const detail = [...new Set(messages)].join(': ') || names.filter(Boolean).join(': ') || 'unknown error';
  const text = messages.join(' ');
  const kind: StorachaFailure = names.includes('AbortError')
    ? 'cancelled'
    : names.some((name) => UNAUTHORIZED.has(name))
      ? 'unauthorized'
      : names.some((name) => NO_STORAGE.has(name)) || /payment plan|no storage provider|insufficient storage/i.test(text)
        ? 'no-storage'
        : UNREACHABLE.test(text)
          ? 'unreachable'
          : 'other';
  return new StorachaError(kind, detail);
}
