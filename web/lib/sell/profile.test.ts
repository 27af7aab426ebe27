import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { merchantMetadataSchema } from '../protocol/schemas.ts';
import { buildMerchantMetadata, emptyProfile, merchantProfileStruct, profileFormFrom, profileProblems } from './profile.ts';

const self = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const arbiter = '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720';
const filled = () => ({ ...emptyProfile(), nameZh: '山茶铺', nameEn: 'Mountain Tea', category: 'tea', arbiter, logo: 'ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', email: 'a@b.cn' });

describe('merchant profile form', () => {
  it('builds a document the site itself accepts, and the chain struct', () => {
    const form = { ...filled(), locationZh: '杭州', telegram: '@tea', rewardPercent: '2.5', autoReleaseDays: '10' };
    const doc = buildMerchantMetadata(form);
    expect(v.safeParse(merchantMetadataSchema, doc).success).toBe(true);
    expect(doc).toMatchObject({ name: { 'zh-CN': '山茶铺', en: 'Mountain Tea' }, location: { 'zh-CN': '杭州' }, contact: { email: 'a@b.cn', telegram: '@tea' } });
    expect(doc.description).toEqual({});
    expect(merchantProfileStruct(form, 'ipfs://x', `0x${'ab'.repeat(32)}`)).toEqual({
      metadataURI: 'ipfs://x',
      encryptionKey: `0x${'ab'.repeat(32)}`,
      arbiter,
      rewardBps: 250,
      autoReleaseWindow: 864_000,
    });
    expect(profileProblems(form, self)).toEqual({});
  });

  it('refuses the contract’s invalid terms before any transaction', () => {
    expect(profileProblems({ ...filled(), arbiter: self }, self).arbiter).toBe('self');
    expect(profileProblems({ ...filled(), arbiter: self.toLowerCase() }, self).arbiter).toBe('self');
    expect(profileProblems({ ...filled(), arbiter: '0x0000000000000000000000000000000000000000' }, self).arbiter).toBe('address');
    expect(profileProblems({ ...filled(), arbiter: '0x123' }, self).arbiter).toBe('address');
    expect(profileProblems({ ...filled(), rewardPercent: '25' }, self).rewardPercent).toBe('range');
    expect(profileProblems({ ...filled(), autoReleaseDays: '0.5' }, self).autoReleaseDays).toBe('range');
    expect(profileProblems({ ...filled(), autoReleaseDays: '61' }, self).autoReleaseDays).toBe('range');
    expect(profileProblems({ ...filled(), nameZh: '', nameEn: '' }, self).nameZh).toBe('required');
    expect(profileProblems({ ...filled(), logo: 'https://x/y.png' }, self).logo).toBe('cid');
    expect(profileProblems({ ...filled(), website: 'javascript:alert(1)' }, self).website).toBe('url');
    expect(profileProblems({ ...filled(), nameEn: 'x'.repeat(121) }, self).nameEn).toBe('too-long');
  });

  it('prefills from a published profile', () => {
    const doc = buildMerchantMetadata(filled());
    const form = profileFormFrom({ arbiter, rewardBps: 150, autoReleaseWindow: '604800' }, doc);
    expect(form).toMatchObject({ nameZh: '山茶铺', category: 'tea', rewardPercent: '1.5', autoReleaseDays: '7', email: 'a@b.cn' });
    expect(profileFormFrom({ arbiter, rewardBps: 0, autoReleaseWindow: 86_400 }, null)).toMatchObject({ nameZh: '', autoReleaseDays: '1', rewardPercent: '0' });
  });
});
