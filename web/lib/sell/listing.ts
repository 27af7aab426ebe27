// The listing form: checked against the contract's rules, turned into the ListingMetadata document (IPFS)
// and the ListingParams / ListingUpdate structs (chain). The on-chain title follows the catalog's convention
// "English · 中文" (see titleFor), so each reader sees its language.
import type { Address } from 'viem';
import type { IpfsUri, ListingMetadata } from '../protocol/metadata.ts';
import { MAX_PER_ORDER, MAX_SHIP_WITHIN, MAX_STOCK, MIN_SHIP_WITHIN, daysToSeconds, formatPrice, inRange, parsePrice, parseWhole, secondsToDays } from './units.ts';
import { localizedText } from './profile.ts';

export const MAX_IMAGES = 12;
const MAX_TEXT = 512;
const MAX_SHORT_TEXT = 128;

export interface ListingForm {
  titleZh: string;
  titleEn: string;
  category: string;
  /** Decimal price in the token's units. */
  price: string;
  /** address(0) for ETH, else the settlement token. Fixed after creation. */
  token: Address;
  stock: string;
  maxPerOrder: string;
  /** Shipping window in days (decimals allowed: 0.5 = 12 hours). */
  shipWithinDays: string;
  descriptionZh: string;
  descriptionEn: string;
  originZh: string;
  originEn: string;
  images: IpfsUri[];
}

export type ListingField = keyof ListingForm;
export type ListingProblem = 'required' | 'too-long' | 'price' | 'range' | 'images';

/** Token addresses in the form are lowercase, as the subgraph gives them, so the currency select matches. */
const formToken = (token: string) => token.toLowerCase() as Address;

export const emptyListing = (token: Address): ListingForm => ({
  titleZh: '',
  titleEn: '',
  category: '',
  price: '',
  token: formToken(token),
  stock: '10',
  maxPerOrder: '5',
  shipWithinDays: '3',
  descriptionZh: '',
  descriptionEn: '',
  originZh: '',
  originEn: '',
  images: [],
});

/** "English · 中文" when both are given, else the one given. */
export function onChainTitle(form: Pick<ListingForm, 'titleZh' | 'titleEn'>): string {
  const zh = form.titleZh.trim();
  const en = form.titleEn.trim();
  return zh && en ? `${en} · ${zh}` : zh || en;
}

/** `creating`: stock is only set at creation (later through restock). */
export function listingProblems(form: ListingForm, decimals: number, creating: boolean): Partial<Record<ListingField, ListingProblem>> {
  const problems: Partial<Record<ListingField, ListingProblem>> = {};
  if (!form.titleZh.trim() && !form.titleEn.trim()) problems.titleZh = problems.titleEn = 'required';
  else if (new TextEncoder().encode(onChainTitle(form)).length > MAX_TEXT) problems.titleZh = problems.titleEn = 'too-long';
  const category = form.category.trim();
  if (!category) problems.category = 'required';
  else if (new TextEncoder().encode(category).length > MAX_SHORT_TEXT) problems.category = 'too-long';
  if (parsePrice(form.price, decimals) === null) problems.price = 'price';
  if (creating && parseWhole(form.stock, 0, MAX_STOCK) === null) problems.stock = 'range';
  if (parseWhole(form.maxPerOrder, 1, MAX_PER_ORDER) === null) problems.maxPerOrder = 'range';
  if (!inRange(daysToSeconds(form.shipWithinDays), MIN_SHIP_WITHIN, MAX_SHIP_WITHIN)) problems.shipWithinDays = 'range';
  if (form.descriptionZh.length > 8000) problems.descriptionZh = 'too-long';
  if (form.descriptionEn.length > 8000) problems.descriptionEn = 'too-long';
  if (form.originZh.length > 120) problems.originZh = 'too-long';
  if (form.originEn.length > 120) problems.originEn = 'too-long';
  if (form.images.length > MAX_IMAGES) problems.images = 'images';
  return problems;
}

export function buildListingMetadata(form: ListingForm): ListingMetadata {
  const doc: ListingMetadata = {
    schema: 'chainmart.listing/1',
    title: localizedText(form.titleZh, form.titleEn),
    description: localizedText(form.descriptionZh, form.descriptionEn),
    images: [...form.images],
  };
  const origin = localizedText(form.originZh, form.originEn);
  if (Object.keys(origin).length) doc.origin = origin;
  return doc;
}

export function listingParams(form: ListingForm, decimals: number, metadataURI: string) {
  return {
    token: form.token,
    price: parsePrice(form.price, decimals)!,
    stock: parseWhole(form.stock, 0, MAX_STOCK)!,
    maxPerOrder: parseWhole(form.maxPerOrder, 1, MAX_PER_ORDER)!,
    shipWithin: daysToSeconds(form.shipWithinDays)!,
    title: onChainTitle(form),
    category: form.category.trim(),
    metadataURI,
  };
}

export function listingUpdate(form: ListingForm, decimals: number, metadataURI: string) {
  const { token: _token, stock: _stock, ...update } = listingParams({ ...form, stock: '0' }, decimals, metadataURI);
  return update;
}

/** Splits an on-chain title "English · 中文" back into its two languages. */
export function splitTitle(title: string): { zh: string; en: string } {
  const parts = title.split(' · ');
  const cjk = /[\u3400-\u9fff]/;
  if (parts.length === 2) {
    const [a, b] = parts;
    return cjk.test(a) && !cjk.test(b) ? { zh: a, en: b } : { zh: b, en: a };
  }
  return cjk.test(title) ? { zh: title, en: '' } : { zh: '', en: title };
}

/** Prefill the editor from an indexed listing and its document (which may be missing or invalid). */
export function listingFormFrom(
  listing: { title: string; category: string; price: string; token: string; stock: string; maxPerOrder: number; shipWithin: string },
  decimals: number,
  doc: ListingMetadata | null,
): ListingForm {
  const split = splitTitle(listing.title);
  return {
    titleZh: doc?.title['zh-CN'] ?? split.zh,
    titleEn: doc?.title.en ?? split.en,
    category: listing.category,
    price: formatPrice(listing.price, decimals),
    token: formToken(listing.token),
    stock: listing.stock,
    maxPerOrder: String(listing.maxPerOrder),
    shipWithinDays: secondsToDays(listing.shipWithin),
    descriptionZh: doc?.description['zh-CN'] ?? '',
    descriptionEn: doc?.description.en ?? '',
    originZh: doc?.origin?.['zh-CN'] ?? '',
    originEn: doc?.origin?.en ?? '',
    images: doc ? [...doc.images] : [],
  };
}

/** The new listing's id from a createListing receipt's ListingCreated log (topic 1). */
export function listingIdFromLogs(logs: readonly { address: string; topics: readonly string[] }[], catalog: string, createdTopic: string): bigint | null {
  for (const log of logs) {
    if (log.address.toLowerCase() === catalog.toLowerCase() && log.topics[0] === createdTopic && log.topics[1]) return BigInt(log.topics[1]);
  }
  return null;
}
