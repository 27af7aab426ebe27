// The JSON documents ChainMart keeps on IPFS, referenced from chain as `ipfs://<CIDv1>`. One definition for
// the seed, the site and anyone building on the platform. Every document names its schema and version in
// `schema`, so readers can reject what they do not understand. Text meant for people is localized:
// `{ "zh-CN": "...", "en": "..." }` (at least one language; readers fall back to any present).

export type Locale = 'zh-CN' | 'en';
export type LocalizedText = Partial<Record<Locale, string>>;

/** `ipfs://<cid>` or `ipfs://<cid>/<path>` */
export type IpfsUri = `ipfs://${string}`;

/** MerchantRegistered / MerchantUpdated `metadataURI`. */
export interface MerchantMetadata {
  schema: 'chainmart.merchant/1';
  name: LocalizedText;
  description: LocalizedText;
  /** Main category slug (the same vocabulary as listings' on-chain `category`). */
  category: string;
  logo?: IpfsUri;
  banner?: IpfsUri;
  /** Free-form place name, e.g. "杭州 Hangzhou". */
  location?: LocalizedText;
  website?: string;
  contact?: { email?: string; telegram?: string; wechat?: string };
}

/** ListingCreated / ListingUpdated `metadataURI`. The on-chain `title` and `category` stay searchable. */
export interface ListingMetadata {
  schema: 'chainmart.listing/1';
  title: LocalizedText;
  description: LocalizedText;
  /** First image is the cover. */
  images: IpfsUri[];
  /** Country or region of origin. */
  origin?: LocalizedText;
  /** Display attributes, e.g. { "weight": { "en": "250 g", "zh-CN": "250 克" } }. */
  attributes?: Record<string, LocalizedText>;
  tags?: string[];
}

/** ProvenanceAdded `evidenceCid`: what backs a provenance step (a certificate, a lab report, a photo). */
export interface EvidenceDocument {
  schema: 'chainmart.evidence/1';
  kind: string;
  title: LocalizedText;
  issuer: string;
  issuedAt: string;
  /** Reference numbers, measured values... */
  facts: Record<string, string>;
  attachments?: IpfsUri[];
}

/** Reviewed / ReviewReplied `commentCid`, DisputeOpened / DisputeStatement `statementCid`. */
export interface CommentDocument {
  schema: 'chainmart.comment/1';
  /** The author's language, and the text in it. */
  lang: Locale;
  text: string;
  /** Photos (a review's, a statement's evidence): at most MAX_COMMENT_IMAGES are shown. Optional: older comments have none. */
  images?: IpfsUri[];
}

/**
 * Shipping details, before encryption to the merchant's X25519 key (the `shippingInfo` bytes of a purchase
 * carry the ciphertext, see scripts/seed/shipping-crypto.ts for the envelope).
 */
export interface ShippingDetails {
  schema: 'chainmart.shipping/1';
  name: string;
  phone: string;
  address: string;
  city: string;
  postalCode: string;
  country: string;
  note?: string;
}

/** The categories the demo uses; listing categories are free text on chain, these are the common ones. */
export const CATEGORIES = ['tea', 'ceramics', 'electronics', 'apparel', 'books', 'food', 'crafts', 'beauty'] as const;
export type Category = (typeof CATEGORIES)[number];

export function ipfsUri(cid: { toString(): string }, path?: string): IpfsUri {
  return `ipfs://${cid.toString()}${path ? `/${path}` : ''}`;
}
