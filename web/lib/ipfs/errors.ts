// Upload errors the pages translate (web/lib/tx/messages.ts). Kept apart from storacha.ts so that knowing
// them never loads the Storacha client.
export class CidMismatchError extends Error {
  constructor(
    readonly reported: string,
    readonly computed: string,
  ) {
    super(`the upload service reported ${reported}, but the file's bytes give ${computed}`);
    this.name = 'CidMismatchError';
  }
}

export class StorachaLoginNeeded extends Error {
  constructor() {
    super('not logged in to Storacha in this browser');
    this.name = 'StorachaLoginNeeded';
  }
}

export class NoUploaderError extends Error {
  constructor() {
    super('no uploader: log in to Storacha or paste a CID');
    this.name = 'NoUploaderError';
  }
}
