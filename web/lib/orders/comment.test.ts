import { describe, expect, it, vi } from 'vitest';
import { CommentInputError, commentCid, commentDocument } from './comment.ts';

const CID = 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
const photo = `ipfs://${CID}` as const;
const base = { canUpload: true, lang: 'zh-CN' as const, text: '', images: [], pasted: '', required: true };

describe('commentDocument', () => {
  it('keeps the old shape without photos and adds them when there are some (capped)', () => {
    expect(commentDocument('en', ' Box crushed ', [])).toEqual({ schema: 'chainmart.comment/1', lang: 'en', text: 'Box crushed' });
    expect(commentDocument('en', 'x', Array(9).fill(photo)).images).toHaveLength(6);
  });
});

describe('commentCid', () => {
  it('publishes the document with its photos through the uploader', async () => {
    const upload = vi.fn(async () => CID);
    expect(await commentCid({ ...base, text: '盒子压坏了', images: [photo] }, upload)).toBe(CID);
    expect(upload).toHaveBeenCalledWith({ schema: 'chainmart.comment/1', lang: 'zh-CN', text: '盒子压坏了', images: [photo] });
  });

  it('accepts photos without words, refuses an empty statement, allows an empty optional comment', async () => {
    const upload = vi.fn(async () => CID);
    expect(await commentCid({ ...base, images: [photo] }, upload)).toBe(CID);
    await expect(commentCid({ ...base, text: '   ' }, upload)).rejects.toEqual(new CommentInputError('text-required'));
    expect(await commentCid({ ...base, required: false }, upload)).toBe('');
    expect(upload).toHaveBeenCalledTimes(1);
  });

  it('takes a pasted CID without an uploader, and says what is wrong with a bad one', async () => {
    const noNode = { ...base, canUpload: false };
    const upload = vi.fn(async () => CID);
    expect(await commentCid({ ...noNode, pasted: `ipfs://${CID}` }, upload)).toBe(CID);
    await expect(commentCid({ ...noNode, pasted: 'not a cid' }, upload)).rejects.toMatchObject({ reason: 'cid-invalid' });
    await expect(commentCid(noNode, upload)).rejects.toMatchObject({ reason: 'cid-required' });
    expect(await commentCid({ ...noNode, required: false }, upload)).toBe('');
    expect(upload).not.toHaveBeenCalled();
  });
});
