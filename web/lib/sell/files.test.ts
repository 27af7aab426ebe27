import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, evidenceProblem, formatBytes, imageProblem, sniffImageType } from './files.ts';

describe('merchant files', () => {
  const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
  const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR');
  const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');
  const GIF = bytes('GIF89a', [1, 0, 1, 0]);
  const WEBP = bytes('RIFF', [36, 0, 0, 0], 'WEBPVP8 ');
  const AVIF = bytes([0, 0, 0, 28], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf');
  const AVIF_COMPATIBLE = bytes([0, 0, 0, 24], 'ftypmif1', [0, 0, 0, 0], 'mif1avif');
  const HEIC = bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0], 'mif1heic');

  it('tells the image type from the first bytes', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(GIF)).toBe('image/gif');
    expect(sniffImageType(WEBP)).toBe('image/webp');
    expect(sniffImageType(AVIF)).toBe('image/avif');
    expect(sniffImageType(AVIF_COMPATIBLE)).toBe('image/avif');
    expect(sniffImageType(HEIC)).toBeNull();
    expect(sniffImageType(bytes('RIFF', [36, 0, 0, 0], 'WAVEfmt '))).toBeNull();
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(bytes('just some notes, saved as photo.png'))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });

  it('refuses oversized, empty and non-image files, whatever their name', () => {
    expect(imageProblem({ size: 1000, name: 'a.png' }, PNG)).toBeNull();
    expect(imageProblem({ size: 1000, name: 'photo.jpg' }, WEBP)).toBeNull();
    expect(imageProblem({ size: MAX_IMAGE_BYTES + 1, name: 'big.jpg' }, JPEG)).toEqual({ kind: 'too-large', size: MAX_IMAGE_BYTES + 1, max: MAX_IMAGE_BYTES });
    expect(imageProblem({ size: 40, name: 'notes.png' }, bytes('just some notes, saved as .png'))).toEqual({ kind: 'not-image', name: 'notes.png' });
    expect(imageProblem({ size: 3, name: 'x.png' }, bytes([0x89, 0x50]))).toEqual({ kind: 'not-image', name: 'x.png' });
    expect(imageProblem({ size: 0, name: 'a.png' }, new Uint8Array())).toEqual({ kind: 'empty' });
    expect(evidenceProblem({ size: 10 })).toBeNull();
    expect(formatBytes(MAX_IMAGE_BYTES)).toBe('2 MB');
    expect(formatBytes(3000)).toBe('3 KB');
  });
});
