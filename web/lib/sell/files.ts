// Files people publish (listing photos, evidence, review photos), checked before upload; the upload itself
// goes through the shared uploader (web/lib/ipfs/uploader.ts: the network's IPFS node or Storacha).

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'] as const;

export type FileProblem = { kind: 'too-large'; size: number; max: number } | { kind: 'not-image'; name: string } | { kind: 'empty' };

/** How many leading bytes `sniffImageType` needs to read. */
export const SNIFF_BYTES = 64;

const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));
const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((byte, i) => bytes[at + i] === byte);

/**
 * The image type the file's first bytes say it is (its magic number), or null: a file's name and the type
 * the browser guesses from it prove nothing, and a text file renamed to .png must not be published as a photo.
 */
export function sniffImageType(head: Uint8Array): (typeof IMAGE_TYPES)[number] | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(head, 4, 4) === 'ftyp') {
    // ISO BMFF: the major brand at 8, then (after a minor version) compatible brands up to the box's end.
    const boxEnd = Math.min(new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0), head.length);
    const brands = [ascii(head, 8, 4)];
    for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(head, at, 4));
    if (brands.some((brand) => brand === 'avif' || brand === 'avis')) return 'image/avif';
  }
  return null;
}

/** Whether the file can be published as an image: not empty, within the limit, and an image by its bytes. */
export function imageProblem(file: { size: number; name: string }, head: Uint8Array): FileProblem | null {
  if (file.size === 0) return { kind: 'empty' };
  if (file.size > MAX_IMAGE_BYTES) return { kind: 'too-large', size: file.size, max: MAX_IMAGE_BYTES };
  if (head.length < 4 || sniffImageType(head) === null) return { kind: 'not-image', name: file.name };
  return null;
}

export function evidenceProblem(file: { size: number }): FileProblem | null {
  if (file.size === 0) return { kind: 'empty' };
  if (file.size > MAX_EVIDENCE_BYTES) return { kind: 'too-large', size: file.size, max: MAX_EVIDENCE_BYTES };
  return null;
}

/** "2 MB", "512 KB" */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
