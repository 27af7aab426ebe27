// Every message exists in both languages with the same parameters, and no key is defined twice across the
// message files (Paraglide compiles them into one namespace).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../messages');
const areas = readdirSync(dir);
const load = (area: string, locale: string): Record<string, string> => {
  const { $schema: _, ...messages } = JSON.parse(readFileSync(join(dir, area, `${locale}.json`), 'utf8'));
  return messages;
};
const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

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
        expect(zh[key].trim(), `${area}/${key} (zh-CN)`).not.toBe('');
        expect(en[key].trim(), `${area}/${key} (en)`).not.toBe('');
      }
    });
  }

  it('the brand is spelt 链市 in every Chinese message', () => {
    const misspelt = areas.flatMap((area) =>
      Object.entries(load(area, 'zh-CN'))
        .filter(([, text]) => text.includes('链商'))
        .map(([key]) => `${area}/${key}`),
    );
    expect(misspelt).toEqual([]);
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
