// Files a merchant publishes (images, evidence), checked before upload and added to a kubo-compatible API
// (`POST <api>/api/v0/add?cid-version=1`), like web/lib/ipfs/upload.ts does for JSON documents.
import { uploadBlob } from '../ipfs/upload.ts';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];

export type FileProblem = { kind: 'too-large'; size: number; max: number } | { kind: 'type'; type: string } | { kind: 'empty' };

export function imageProblem(file: { size: number; type: string }): FileProblem | null {
  if (file.size === 0) return { kind: 'empty' };
  if (!IMAGE_TYPES.includes(file.type)) return { kind: 'type', type: file.type || '?' };
  if (file.size > MAX_IMAGE_BYTES) return { kind: 'too-large', size: file.size, max: MAX_IMAGE_BYTES };
  return null;
}

export function evidenceProblem(file: { size: number; type: string }): FileProblem | null {
  if (file.size === 0) return { kind: 'empty' };
  if (file.size > MAX_EVIDENCE_BYTES) return { kind: 'too-large', size: file.size, max: MAX_EVIDENCE_BYTES };
  return null;
}

/** "2 MB", "512 KB" */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function uploadFile(api: string, file: Blob, name: string, options: { fetch?: typeof fetch } = {}): Promise<string> {
  return uploadBlob(api, file, { name, fetch: options.fetch });
}
