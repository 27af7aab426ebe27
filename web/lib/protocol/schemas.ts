// Validators for the documents in metadata.ts, applied to everything read from IPFS. Strings are capped so a
// hostile document cannot flood the page; unknown fields are dropped; a wrong `schema` tag is rejected.
import { CID } from 'multiformats/cid';
import * as v from 'valibot';
import type { CommentDocument, EvidenceDocument, IpfsUri, ListingMetadata, MerchantMetadata } from './metadata.ts';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const localized = (max: number) => v.object({ 'zh-CN': v.optional(text(max)), en: v.optional(text(max)) });
const ipfsUri = v.pipe(v.string(), v.maxLength(200), v.regex(/^ipfs:\/\/[a-zA-Z0-9]+(\/[^?#]*)?$/)) as v.GenericSchema<string, `ipfs://${string}`>;

export const merchantMetadataSchema = v.object({
  schema: v.literal('chainmart.merchant/1'),
  name: localized(120),
  description: localized(4000),
  category: text(40),
  logo: v.optional(ipfsUri),
  banner: v.optional(ipfsUri),
  location: v.optional(localized(120)),
  website: v.optional(v.pipe(v.string(), v.maxLength(200), v.url())),
  contact: v.optional(v.object({ email: v.optional(text(200)), telegram: v.optional(text(100)), wechat: v.optional(text(100)) })),
}) satisfies v.GenericSchema<unknown, MerchantMetadata>;

export const listingMetadataSchema = v.object({
  schema: v.literal('chainmart.listing/1'),
  title: localized(200),
  description: localized(8000),
  images: v.pipe(v.array(ipfsUri), v.maxLength(12)),
  origin: v.optional(localized(120)),
  attributes: v.optional(v.pipe(v.record(text(60), localized(200)), v.check((r) => Object.keys(r).length <= 30, 'too many attributes'))),
  tags: v.optional(v.pipe(v.array(text(40)), v.maxLength(20))),
}) satisfies v.GenericSchema<unknown, ListingMetadata>;

export const evidenceDocumentSchema = v.object({
  schema: v.literal('chainmart.evidence/1'),
  kind: text(60),
  title: localized(200),
  issuer: text(200),
  issuedAt: text(40),
  facts: v.pipe(v.record(text(80), text(400)), v.check((r) => Object.keys(r).length <= 40, 'too many facts')),
  attachments: v.optional(v.pipe(v.array(ipfsUri), v.maxLength(12))),
}) satisfies v.GenericSchema<unknown, EvidenceDocument>;

/** How many photos a comment (a review, a dispute statement) shows; more are ignored. */
export const MAX_COMMENT_IMAGES = 6;

/**
 * A comment's photos, forgiving: the text is what matters, so entries that are not `ipfs://<CID>` (a URL, a
 * script, a broken CID, a non-string) are dropped instead of rejecting the whole comment, and only the first
 * few are kept. A photo's CID is not proven to be an image here; it is only ever shown through `<img>`.
 */
const commentImages = v.pipe(
  v.array(v.unknown()),
  v.maxLength(100),
  v.transform((items) => items.filter((item): item is IpfsUri => v.is(ipfsUri, item) && isCid(item)).slice(0, MAX_COMMENT_IMAGES)),
);

function isCid(uri: string): boolean {
  try {
    CID.parse(uri.slice('ipfs://'.length).split('/')[0]);
    return true;
  } catch {
    return false;
  }
}

export const commentDocumentSchema = v.object({
  schema: v.literal('chainmart.comment/1'),
  lang: v.picklist(['zh-CN', 'en']),
  text: text(4000),
  images: v.optional(commentImages),
}) satisfies v.GenericSchema<unknown, CommentDocument>;
