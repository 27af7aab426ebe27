// Every message exists in both languages with the same parameters, and no key is defined twice across the
// message files (Paraglide compiles them into one namespace).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { m } from './paraglide/messages.js';

const dir = join(import.meta.dirname, '../messages');
const areas = readdirSync(dir);
/** A plain message, or one with variants (English plurals): declarations, selectors and one text per case. */
type Variants = { declarations: string[]; selectors: string[]; match: Record<string, string> }[];
type Message = string | Variants;
const load = (area: string, locale: string): Record<string, Message> => {
  const { $schema: _, ...messages } = JSON.parse(readFileSync(join(dir, area, `${locale}.json`), 'utf8'));
  return messages;
};
const texts = (message: Message): string[] => (typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match)));
/** The values a message prints, in any of its variants (an input only used to choose a plural form is not printed). */
const params = (message: Message) => [...new Set(texts(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1])))].sort();

describe('messages', () => {
  it('the project lists every message area', () => {
    const settings = JSON.parse(readFileSync(join(import.meta.dirname, '../project.inlang/settings.json'), 'utf8'));
    const listed = settings['plugin.inlang.messageFormat'].pathPattern.map((p: string) => p.split('/')[2]);
    expect([...listed].sort()).toEqual([...areas].sort());
  });

  for (const area of areas) {
    it(`${area}: zh-CN and en have the same keys and parameters, none empty`, () => {
      const zh = load(area, 'zh-CN');
      const en = load(area, 'en');
      expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
      for (const key of Object.keys(zh)) {
        expect(params(en[key]), `${area}/${key}`).toEqual(params(zh[key]));
        for (const text of texts(zh[key])) expect(text.trim(), `${area}/${key} (zh-CN)`).not.toBe('');
        for (const text of texts(en[key])) expect(text.trim(), `${area}/${key} (en)`).not.toBe('');
      }
    });
  }

  it('the brand is spelt 链市 in every Chinese message', () => {
    const misspelt = areas.flatMap((area) =>
      Object.entries(load(area, 'zh-CN'))
        .filter(([, message]) => texts(message).some((text) => text.includes('链商')))
        .map(([key]) => `${area}/${key}`),
    );
    expect(misspelt).toEqual([]);
  });

  it('English counts choose singular or plural (a plain English message never reads "1 disputes")', () => {
    const counted = /\{(?!symbol\})\w+\} (order|dispute|review|star|listing|merchant|attester|unit|day|point|difference|record|decimal)s\b|\(s\)/;
    const unpluralized = areas.flatMap((area) =>
      Object.entries(load(area, 'en'))
        .filter(([, message]) => typeof message === 'string' && counted.test(message))
        .map(([key]) => `${area}/${key}`),
    );
    expect(unpluralized).toEqual([]);
    for (const area of areas) {
      for (const [key, message] of Object.entries(load(area, 'en'))) {
        if (typeof message === 'string') continue;
        const [{ selectors, match }] = message;
        // Every plural selector has a catch-all, so no count falls through to an empty string.
        expect(Object.keys(match), `${area}/${key}`).toContain(selectors.map((s) => `${s}=*`).join(', '));
      }
    }
  });

  it('the compiled English messages pick the plural form from the count; Chinese has one form', () => {
    const history = (completed: number, disputes: number, locale: 'en' | 'zh-CN') =>
      m.listing_merchant_history_value({ since: 'May 2026', completed, disputes }, { locale });
    expect(history(1, 1, 'en')).toBe('on ChainMart since May 2026, 1 order completed, 1 dispute');
    expect(history(12, 0, 'en')).toBe('on ChainMart since May 2026, 12 orders completed, 0 disputes');
    expect(history(1, 1, 'zh-CN')).toBe('May 2026 起在链市，完成 1 单，纠纷 1 次');
    expect(m.so_export_done({ count: 1 }, { locale: 'en' })).toBe('Exported 1 order.');
    expect(m.so_export_done({ count: '3' }, { locale: 'en' })).toBe('Exported 3 orders.');
    expect(m.so_sales_none({ days: 1 }, { locale: 'en' })).toBe('No sales in the last day.');
    expect(m.points_unit({ count: 1 }, { locale: 'en' })).toBe('point');
    expect(m.points_unit({ count: 1.5 }, { locale: 'en' })).toBe('points');
    expect(m.points_unit({ count: 1 }, { locale: 'zh-CN' })).toBe('积分');
  });

  it('no key is defined in two areas', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const area of areas) {
      for (const key of Object.keys(load(area, 'zh-CN'))) {
        if (seen.has(key)) duplicates.push(`${key} in ${seen.get(key)} and ${area}`);
        seen.set(key, area);
      }
    }
    expect(duplicates).toEqual([]);
  });
});
