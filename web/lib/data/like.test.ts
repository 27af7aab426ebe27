import { describe, expect, it } from 'vitest';
import { escapeLike } from './like.ts';
import { listingWhere } from './subgraph.ts';

describe('escapeLike', () => {
  it('escapes the LIKE wildcards and the escape character itself', () => {
    expect(escapeLike('100%')).toBe('100\\%');
    expect(escapeLike('a_b')).toBe('a\\_b');
    expect(escapeLike('C:\\tea')).toBe('C:\\\\tea');
    expect(escapeLike('龙井 茶')).toBe('龙井 茶');
  });
});

describe('listingWhere', () => {
  it('searches titles and categories for the typed text taken literally, trimmed and capped', () => {
    const where = listingWhere({ text: '  50%_off  ' }) as { and: Record<string, unknown>[] };
    expect(where.and).toContainEqual({ or: [{ title_contains_nocase: '50\\%\\_off' }, { category_contains_nocase: '50\\%\\_off' }] });
    const long = listingWhere({ text: 'x'.repeat(300) }) as { and: { or?: { title_contains_nocase: string }[] }[] };
    expect(long.and.find((clause) => clause.or)!.or![0].title_contains_nocase).toHaveLength(100);
  });
});
