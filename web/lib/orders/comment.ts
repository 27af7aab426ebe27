// The comment documents of the order pages (a dispute statement with its evidence photos, a review with its
// photos): published through the shared uploader when this browser has one (the network's IPFS node, or the
// user's Storacha space: web/lib/ipfs/uploader.ts), else the CID of a document the user published elsewhere,
// pasted. Photos are uploaded first (PhotoPicker) and travel in the document as URIs.
import { parseCidInput } from '../ipfs/upload.ts';
import type { CommentDocument, IpfsUri, Locale } from '../protocol/metadata.ts';
import { MAX_COMMENT_IMAGES } from '../protocol/schemas.ts';

export class CommentInputError extends Error {
  constructor(readonly reason: 'text-required' | 'cid-required' | 'cid-invalid') {
    super(reason);
    this.name = 'CommentInputError';
  }
}

export interface CommentInput {
  /** Whether this browser can publish the document (an IPFS node or a Storacha login); else a CID is pasted. */
  canUpload: boolean;
  lang: Locale;
  text: string;
  images: IpfsUri[];
  pasted: string;
  /** A statement needs words; a review's comment is optional ('' then). */
  required: boolean;
}

export function commentDocument(lang: Locale, text: string, images: IpfsUri[]): CommentDocument {
  const doc: CommentDocument = { schema: 'chainmart.comment/1', lang, text: text.trim() };
  if (images.length) doc.images = images.slice(0, MAX_COMMENT_IMAGES);
  return doc;
}

/** The CID to put on chain for this comment ('' for an optional comment left empty). */
export async function commentCid(input: CommentInput, publish: (document: CommentDocument) => Promise<string>): Promise<string> {
  if (input.canUpload) {
    if (!input.text.trim() && !input.images.length) {
      if (input.required) throw new CommentInputError('text-required');
      return '';
    }
    return publish(commentDocument(input.lang, input.text, input.images));
  }
  if (!input.pasted.trim()) {
    if (input.required) throw new CommentInputError('cid-required');
    return '';
  }
  const cid = parseCidInput(input.pasted);
  if (!cid) throw new CommentInputError('cid-invalid');
  return cid;
}
