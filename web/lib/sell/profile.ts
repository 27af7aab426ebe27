// The merchant profile form: what the merchant types, checked against the contract's rules, turned into the
// MerchantMetadata document (IPFS) and the MerchantProfile struct (chain).
import { type Address, type Hex, isAddress } from 'viem';
import type { IpfsUri, LocalizedText, MerchantMetadata } from '../protocol/metadata.ts';
import { MAX_AUTO_RELEASE, MIN_AUTO_RELEASE, bpsToPercent, daysToSeconds, inRange, percentToBps, secondsToDays } from './units.ts';

export interface ProfileForm {
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  category: string;
  logo: string;
  locationZh: string;
  locationEn: string;
  website: string;
  email: string;
  telegram: string;
  wechat: string;
  /** Points reward as a percent, e.g. "1.5". */
  rewardPercent: string;
  arbiter: string;
  /** Auto-release window in days. */
  autoReleaseDays: string;
}

export type ProfileField = keyof ProfileForm;
export type ProfileProblem = 'required' | 'too-long' | 'address' | 'self' | 'range' | 'url' | 'cid' | 'email';

export const emptyProfile = (): ProfileForm => ({
  nameZh: '',
  nameEn: '',
  descriptionZh: '',
  descriptionEn: '',
  category: '',
  logo: '',
  locationZh: '',
  locationEn: '',
  website: '',
  email: '',
  telegram: '',
  wechat: '',
  rewardPercent: '1',
  arbiter: '',
  autoReleaseDays: '7',
});

const LIMITS: Partial<Record<ProfileField, number>> = {
  nameZh: 120,
  nameEn: 120,
  descriptionZh: 4000,
  descriptionEn: 4000,
  category: 40,
  locationZh: 120,
  locationEn: 120,
  website: 200,
  email: 200,
  telegram: 100,
  wechat: 100,
};

const IPFS_URI = /^ipfs:\/\/[a-zA-Z0-9]+(\/[^?#]*)?$/;

export function localizedText(zh: string, en: string): LocalizedText {
  const out: LocalizedText = {};
  if (zh.trim()) out['zh-CN'] = zh.trim();
  if (en.trim()) out.en = en.trim();
  return out;
}

/** Problems per field (empty when the form can be submitted). `self` is the merchant's own address. */
export function profileProblems(form: ProfileForm, self: Address | undefined): Partial<Record<ProfileField, ProfileProblem>> {
  const problems: Partial<Record<ProfileField, ProfileProblem>> = {};
  for (const [field, max] of Object.entries(LIMITS) as [ProfileField, number][]) {
    if (form[field].trim().length > max) problems[field] = 'too-long';
  }
  if (!form.nameZh.trim() && !form.nameEn.trim()) problems.nameZh = problems.nameEn = 'required';
  if (!form.category.trim()) problems.category = 'required';
  if (form.logo.trim() && !IPFS_URI.test(form.logo.trim())) problems.logo = 'cid';
  if (form.website.trim() && !/^https?:\/\/[^\s]+$/.test(form.website.trim())) problems.website = 'url';
  if (form.email.trim() && !/^[^\s@]+@[^\s@]+$/.test(form.email.trim())) problems.email = 'email';
  if (percentToBps(form.rewardPercent) === null) problems.rewardPercent = 'range';
  const arbiter = form.arbiter.trim();
  if (!arbiter) problems.arbiter = 'required';
  else if (!isAddress(arbiter) || /^0x0{40}$/i.test(arbiter)) problems.arbiter = 'address';
  else if (self && arbiter.toLowerCase() === self.toLowerCase()) problems.arbiter = 'self';
  if (!inRange(daysToSeconds(form.autoReleaseDays), MIN_AUTO_RELEASE, MAX_AUTO_RELEASE)) problems.autoReleaseDays = 'range';
  return problems;
}

export function buildMerchantMetadata(form: ProfileForm): MerchantMetadata {
  const doc: MerchantMetadata = {
    schema: 'chainmart.merchant/1',
    name: localizedText(form.nameZh, form.nameEn),
    description: localizedText(form.descriptionZh, form.descriptionEn),
    category: form.category.trim(),
  };
  if (form.logo.trim()) doc.logo = form.logo.trim() as IpfsUri;
  const location = localizedText(form.locationZh, form.locationEn);
  if (Object.keys(location).length) doc.location = location;
  if (form.website.trim()) doc.website = form.website.trim();
  const contact: NonNullable<MerchantMetadata['contact']> = {};
  if (form.email.trim()) contact.email = form.email.trim();
  if (form.telegram.trim()) contact.telegram = form.telegram.trim();
  if (form.wechat.trim()) contact.wechat = form.wechat.trim();
  if (Object.keys(contact).length) doc.contact = contact;
  return doc;
}

export interface MerchantProfileStruct {
  metadataURI: string;
  encryptionKey: Hex;
  arbiter: Address;
  rewardBps: number;
  autoReleaseWindow: number;
}

/** The struct for registerMerchant / updateMerchant; call only when `profileProblems` is empty. */
export function merchantProfileStruct(form: ProfileForm, metadataURI: string, encryptionKey: Hex): MerchantProfileStruct {
  return {
    metadataURI,
    encryptionKey,
    arbiter: form.arbiter.trim() as Address,
    rewardBps: percentToBps(form.rewardPercent)!,
    autoReleaseWindow: daysToSeconds(form.autoReleaseDays)!,
  };
}

/** Prefill the form from a published profile (its document may be missing: then only the chain terms). */
export function profileFormFrom(
  terms: { arbiter: string; rewardBps: number; autoReleaseWindow: number | string },
  doc: MerchantMetadata | null,
): ProfileForm {
  return {
    ...emptyProfile(),
    nameZh: doc?.name['zh-CN'] ?? '',
    nameEn: doc?.name.en ?? '',
    descriptionZh: doc?.description['zh-CN'] ?? '',
    descriptionEn: doc?.description.en ?? '',
    category: doc?.category ?? '',
    logo: doc?.logo ?? '',
    locationZh: doc?.location?.['zh-CN'] ?? '',
    locationEn: doc?.location?.en ?? '',
    website: doc?.website ?? '',
    email: doc?.contact?.email ?? '',
    telegram: doc?.contact?.telegram ?? '',
    wechat: doc?.contact?.wechat ?? '',
    rewardPercent: bpsToPercent(terms.rewardBps),
    arbiter: terms.arbiter,
    autoReleaseDays: secondsToDays(terms.autoReleaseWindow),
  };
}
