// Comments are written by anyone: old ones without photos, hostile ones with anything in them.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { commentDocumentSchema } from './schemas.ts';

const CID = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const parse = (doc: unknown) => v.safeParse(commentDocumentSchema, doc);

describe('commentDocumentSchema', () => {
  it('parses an old comment without photos unchanged', () => {
    const old = { schema: 'chainmart.comment/1', lang: 'en', text: 'Lovely tea' };
    expect(parse(old)).toMatchObject({ success: true, output: old });
  });

  it('keeps valid photo URIs and drops everything else without losing the text', () => {
    const result = parse({
      schema: 'chainmart.comment/1',
      lang: 'zh-CN',
      text: '<script>alert(1)</script>',
      images: [`ipfs://${CID}`, 'https://evil.example/x.png', 'javascript:alert(1)', 'ipfs://notacid', 42, null, `ipfs://${CID}/photo.jpg`],
    });
    expect(result.success).toBe(true);
    expect(result.output).toEqual({ schema: 'chainmart.comment/1', lang: 'zh-CN', text: '<script>alert(1)</script>', images: [`ipfs://${CID}`, `ipfs://${CID}/photo.jpg`] });
  });

  it('shows at most six photos and refuses an absurd list or wrong shapes', () => {
    expect(parse({ schema: 'chainmart.comment/1', lang: 'en', text: '', images: Array(20).fill(`ipfs://${CID}`) }).output).toMatchObject({ images: Array(6).fill(`ipfs://${CID}`) });
    expect(parse({ schema: 'chainmart.comment/1', lang: 'en', text: '', images: Array(101).fill(`ipfs://${CID}`) }).success).toBe(false);
    expect(parse({ schema: 'chainmart.comment/1', lang: 'en', text: '', images: `ipfs://${CID}` }).success).toBe(false);
    expect(parse({ schema: 'chainmart.comment/1', lang: 'en', text: 'x'.repeat(4001) }).success).toBe(false);
    expect(parse({ schema: 'chainmart.comment/2', lang: 'en', text: '' }).success).toBe(false);
  });
});
