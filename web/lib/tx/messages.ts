// Errors as sentences in the user's language: contract custom errors by name, rejections as a neutral notice.
import { BaseError } from 'viem';
import { m } from '../paraglide/messages.js';
import { ContentError } from '../ipfs/content.ts';
import { SubgraphError } from '../graphql/client.ts';
import { UploadError } from '../ipfs/upload.ts';
import { describeError } from './errors.ts';
import { WriteError } from './write-error.ts';
import { AaError } from '../aa/aa-error.ts';

const CONTRACT_ERRORS: Record<string, () => string> = {
  // catalog
  MerchantAlreadyRegistered: m.err_MerchantAlreadyRegistered,
  MerchantNotRegistered: m.err_MerchantNotRegistered,
  ArbiterInvalid: m.err_ArbiterInvalid,
  RewardRateTooHigh: m.err_RewardRateTooHigh,
  AutoReleaseWindowInvalid: m.err_AutoReleaseWindowInvalid,
  ShipWithinInvalid: m.err_ShipWithinInvalid,
  FieldTooLong: m.err_FieldTooLong,
  ListingTermsInvalid: m.err_ListingTermsInvalid,
  TokenInvalid: m.err_TokenInvalid,
  ListingNotFound: m.err_ListingNotFound,
  NotListingMerchant: m.err_NotListingMerchant,
  ListingIsPaused: m.err_ListingIsPaused,
  QuantityInvalid: m.err_QuantityInvalid,
  OutOfStock: m.err_OutOfStock,
  StockOverflow: m.err_StockOverflow,
  GateInvalid: m.err_GateInvalid,
  GateRefused: m.err_GateRefused,
  // escrow: checkout
  CartSizeInvalid: m.err_CartSizeInvalid,
  LineTokenMismatch: m.err_LineTokenMismatch,
  LineTermsChanged: m.err_LineTermsChanged,
  LineTotalTooLarge: m.err_LineTotalTooLarge,
  SelfDealing: m.err_SelfDealing,
  PointsNotAccepted: m.err_PointsNotAccepted,
  EthAmountMismatch: m.err_EthAmountMismatch,
  CollectorInvalid: m.err_CollectorInvalid,
  TokenTransferMismatch: m.err_TokenTransferMismatch,
  // escrow: orders, disputes, reviews, funds
  TermsMismatch: m.err_TermsMismatch,
  OrderStatusInvalid: m.err_OrderStatusInvalid,
  NotAuthorized: m.err_NotAuthorized,
  TooEarly: m.err_TooEarly,
  TooLate: m.err_TooLate,
  AmountInvalid: m.err_AmountInvalid,
  ApprovalInvalid: m.err_ApprovalInvalid,
  SettlementExpired: m.err_SettlementExpired,
  RatingInvalid: m.err_RatingInvalid,
  AlreadyReviewed: m.err_AlreadyReviewed,
  NothingToWithdraw: m.err_NothingToWithdraw,
  RecipientInvalid: m.err_RecipientInvalid,
  FeeTooHigh: m.err_FeeTooHigh,
  GasTooLow: m.err_GasTooLow,
  // collectors and tokens
  AllowanceInsufficient: m.err_AllowanceInsufficient,
  ERC20InsufficientBalance: m.err_InsufficientBalance,
  ERC20InsufficientAllowance: m.err_InsufficientAllowance,
  ERC2612ExpiredSignature: m.err_PermitExpired,
  AuthorizationNotInTime: m.err_AuthorizationNotInTime,
  AuthorizationUsed: m.err_AuthorizationUsed,
  AuthorizationSignatureInvalid: m.err_AuthorizationSignatureInvalid,
  AccountBlocklisted: m.err_AccountBlocklisted,
};

// The index's and IPFS's failures by kind, never their technical (English) text.
const SUBGRAPH_ERRORS: Record<SubgraphError['kind'], () => string> = {
  unreachable: m.err_subgraph_unreachable,
  http: m.err_subgraph_http,
  graphql: m.err_subgraph_graphql,
  invalid: m.err_subgraph_invalid,
};

const CONTENT_ERRORS: Record<ContentError['kind'], () => string> = {
  uri: m.err_content_uri,
  unreachable: m.err_content_unreachable,
  'too-large': m.err_content_too_large,
  mismatch: m.err_content_mismatch,
  json: m.err_content_invalid,
  schema: m.err_content_invalid,
};

/** viem could not reach any RPC (HTTP failure or timeout): a sentence, not its shortMessage. */
function isRpcUnreachable(error: unknown): boolean {
  return error instanceof BaseError && Boolean(error.walk((e) => ['HttpRequestError', 'TimeoutError', 'WebSocketRequestError'].includes((e as BaseError).name)));
}

export interface UserMessage {
  tone: 'neutral' | 'error';
  text: string;
}

export function errorMessage(error: unknown): UserMessage {
  if (error instanceof SubgraphError) return { tone: 'error', text: SUBGRAPH_ERRORS[error.kind]() };
  if (error instanceof WriteError) {
    const text = {
      'no-wallet': m.err_no_wallet,
      'wrong-network': m.err_chain_mismatch,
      reverted: m.err_reverted,
      timeout: m.err_tx_timeout,
      'batch-failed': m.err_batch_failed,
      'batch-timeout': m.err_batch_timeout,
    }[error.kind]();
    return { tone: error.kind === 'timeout' || error.kind === 'batch-timeout' ? 'neutral' : 'error', text };
  }
  if (error instanceof AaError) {
    const text = {
      'bundler-unreachable': m.err_aa_bundler_unreachable,
      'bundler-unreachable-no-gas': m.err_aa_bundler_unreachable_no_gas,
      'bundler-overpriced': m.err_aa_bundler_overpriced,
      'paymaster-refused': m.err_aa_paymaster_refused,
      'paymaster-unreachable': m.err_aa_paymaster_unreachable,
      'operation-reverted': m.err_aa_operation_reverted,
      'unsupported-owner': m.err_aa_unsupported_owner,
      'passkey-refused': m.err_aa_passkey_refused,
    }[error.kind]();
    // A closed passkey prompt is the user's no (or a check to try again): a notice, not an error.
    return { tone: error.kind === 'passkey-refused' ? 'neutral' : 'error', text };
  }
  if (error instanceof UploadError) return { tone: 'error', text: m.err_upload({ detail: error.message }) };
  if (error instanceof ContentError) return { tone: 'error', text: CONTENT_ERRORS[error.kind]() };
  if (isRpcUnreachable(error)) return { tone: 'error', text: m.err_rpc_unreachable() };
  const described = describeError(error);
  switch (described.kind) {
    case 'rejected':
      return { tone: 'neutral', text: m.err_rejected() };
    case 'revert': {
      const sentence = CONTRACT_ERRORS[described.name];
      return { tone: 'error', text: sentence ? sentence() : m.err_revert_unknown({ name: described.name }) };
    }
    case 'chain-mismatch':
      return { tone: 'error', text: m.err_chain_mismatch() };
    case 'insufficient-funds':
      return { tone: 'error', text: m.err_insufficient_funds() };
    default:
      return { tone: 'error', text: described.message };
  }
}
