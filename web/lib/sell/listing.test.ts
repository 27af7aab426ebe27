import * as v from 'valibot';
import { encodeEventTopics, zeroAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { chainMartCatalogAbi } from '../contracts/generated/abi.ts';
import { titleFor } from '../format/format.ts';
import { listingMetadataSchema } from '../protocol/schemas.ts';
import { buildListingMetadata, emptyListing, listingFormFrom, listingIdFromLogs, listingParams, listingProblems, listingUpdate, onChainTitle, splitTitle } from './listing.ts';

const image = 'ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy' as const;
const filled = () => ({ ...emptyListing(zeroAddress), titleZh: '白瓷杯', titleEn: 'White cup', category: 'ceramics', price: '0.02', descriptionEn: 'Thin porcelain', images: [image] });

describe('listing form', () => {
  it('builds the document, the on-chain title in the catalog convention, and the structs', () => {
    const form = filled();
    expect(onChainTitle(form)).toBe('White cup · 白瓷杯');
    expect(titleFor(onChainTitle(form), 'zh-CN')).toBe('白瓷杯');
    expect(onChainTitle({ titleZh: '', titleEn: 'Cup' })).toBe('Cup');
    const doc = buildListingMetadata(form);
    expect(v.safeParse(listingMetadataSchema, doc).success).toBe(true);
    expect(doc.images).toEqual([image]);
    expect(listingParams(form, 18, 'ipfs://m')).toEqual({
      token: zeroAddress,
      price: 2n * 10n ** 16n,
      stock: 10,
      maxPerOrder: 5,
      shipWithin: 3 * 86_400,
      title: 'White cup · 白瓷杯',
      category: 'ceramics',
      metadataURI: 'ipfs://m',
    });
    const update = listingUpdate(form, 18, 'ipfs://m');
    expect(update).not.toHaveProperty('token');
    expect(update).not.toHaveProperty('stock');
    expect(update.price).toBe(2n * 10n ** 16n);
    expect(listingProblems(form, 18, true)).toEqual({});
  });

  it('checks the contract’s bounds', () => {
    expect(listingProblems({ ...filled(), price: '0' }, 18, true).price).toBe('price');
    expect(listingProblems({ ...filled(), price: '1.1234567' }, 6, true).price).toBe('price');
    expect(listingProblems({ ...filled(), maxPerOrder: '0' }, 18, true).maxPerOrder).toBe('range');
    expect(listingProblems({ ...filled(), shipWithinDays: '0.01' }, 18, true).shipWithinDays).toBe('range');
    expect(listingProblems({ ...filled(), shipWithinDays: '91' }, 18, true).shipWithinDays).toBe('range');
    expect(listingProblems({ ...filled(), stock: '-1' }, 18, true).stock).toBe('range');
    expect(listingProblems({ ...filled(), stock: '-1' }, 18, false).stock).toBeUndefined();
    expect(listingProblems({ ...filled(), titleZh: '', titleEn: '' }, 18, true).titleEn).toBe('required');
    expect(listingProblems({ ...filled(), category: 'x'.repeat(129) }, 18, true).category).toBe('too-long');
    expect(listingProblems({ ...filled(), images: Array(13).fill(image) }, 18, true).images).toBe('images');
  });

  it('prefills from an indexed listing', () => {
    const form = listingFormFrom(
      { title: 'White cup · 白瓷杯', category: 'ceramics', price: '1500000', token: '0xabc', stock: '3', maxPerOrder: 2, shipWithin: '43200' },
      6,
      null,
    );
    expect(form).toMatchObject({ titleZh: '白瓷杯', titleEn: 'White cup', price: '1.5', shipWithinDays: '0.5', stock: '3', maxPerOrder: '2', images: [] });
    expect(splitTitle('只有中文')).toEqual({ zh: '只有中文', en: '' });
  });

  it('keeps the token in one case whether new or indexed, so the currency select always has its option', () => {
    const settlement = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
    expect(emptyListing(settlement).token).toBe(settlement.toLowerCase());
    const indexed = { title: 'Cup', category: 'tea', price: '1', token: settlement.toLowerCase(), stock: '1', maxPerOrder: 1, shipWithin: '86400' };
    expect(listingFormFrom(indexed, 6, null).token).toBe(emptyListing(settlement).token);
  });

  it('finds the new listing id in the receipt logs', () => {
    const [topic] = encodeEventTopics({ abi: chainMartCatalogAbi, eventName: 'ListingCreated' });
    const catalog = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
    const logs = [
      { address: '0x0000000000000000000000000000000000000001', topics: [topic, '0x01'] },
      { address: catalog.toLowerCase(), topics: [topic, `0x${'0'.repeat(62)}2a`] },
    ];
    expect(listingIdFromLogs(logs, catalog, topic)).toBe(42n);
    expect(listingIdFromLogs([], catalog, topic)).toBeNull();
  });
});
