// The build-time check of the site's GraphQL operations (`npm run codegen:web`, part of `prepare:web`): The Graph
// Client's codegen rejects an operation that asks for a field the API schema does not have, and the document
// printer sends each operation with exactly the fragments it spreads.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFiles, printOperations } from '../../../scripts/codegen-documents.ts';

const root = join(import.meta.dirname, '../../..');
const run = promisify(execFile);

describe('graphclient build validates the operations against the API schema', () => {
  let dir: string;
  beforeAll(() => {
    // Inside the checkout (subgraph/build/ is gitignored): the codegen resolves its plugins from the config's folder.
    mkdirSync(join(root, 'subgraph/build'), { recursive: true });
    dir = mkdtempSync(join(root, 'subgraph/build/codegen-test-'));
    // The project's own config, with absolute paths to the printed API schema and to a document in `dir`.
    const config = readFileSync(join(root, '.graphclientrc.yml'), 'utf8')
      .replace('./subgraph/build/api-schema.graphql', join(root, 'subgraph/build/api-schema.graphql'))
      .replace('./web/lib/**/*.graphql', join(dir, 'operations.graphql'));
    expect(config).toContain(join(dir, 'operations.graphql'));
    writeFileSync(join(dir, '.graphclientrc.yml'), config);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const build = (document: string) => {
    writeFileSync(join(dir, 'operations.graphql'), document);
    return run(join(root, 'node_modules/.bin/graphclient'), ['build', '--dir', dir], { cwd: dir });
  };
  // Every module's document (fragments are shared across them), as one.
  const site = documentFiles().map((f) => readFileSync(f, 'utf8')).join('\n');

  // Each build is a child process (about 6 s alone, 17 s beside the rest of `npm test`; a loaded CI machine took
  // over 120 s for the two), so each case gets its own generous limit.
  it('builds the site operations', async () => {
    await build(site);
    const generated = readFileSync(join(dir, '.graphclient/index.ts'), 'utf8');
    expect(generated).toContain('export type HomeQuery =');
  }, 600_000);

  it('fails on a field the schema does not have', async () => {
    const wrong = site.replace(/^ {2}soldQuantity$/m, '  soldQuantityTypo');
    expect(wrong).not.toBe(site);
    const error = await build(wrong).then(() => null, (e: { code?: number; stdout?: string; stderr?: string }) => e);
    expect(error, 'graphclient build exits non-zero').not.toBeNull();
    expect(error?.code).not.toBe(0);
    expect(`${error?.stdout}${error?.stderr}`).toContain('Cannot query field "soldQuantityTypo" on type "Listing"');
  }, 600_000);
});

describe('printOperations', () => {
  it('prints each operation with the fragments it spreads, transitively, and no others', () => {
    const printed = printOperations(parse(`
      fragment A on Listing { id b: merchant { ...B } }
      fragment B on Merchant { id }
      fragment Unused on Token { id }
      query One { listings { ...A } }
      query Two { tokens { id } }
    `));
    expect(printed).toEqual([
      { name: 'One', text: 'query One{listings{...A}} fragment A on Listing{id b:merchant{...B}} fragment B on Merchant{id}' },
      { name: 'Two', text: 'query Two{tokens{id}}' },
    ]);
  });

  it('refuses an anonymous operation, an unknown fragment, and a fragment or operation defined twice', () => {
    expect(() => printOperations(parse('{ tokens { id } }'))).toThrow(/needs a name/);
    expect(() => printOperations(parse('query X { tokens { ...Missing } }'))).toThrow(/unknown fragment Missing/);
    expect(() => printOperations(parse('fragment A on Token { id } fragment A on Token { symbol } query X { tokens { ...A } }'))).toThrow(/fragment A is defined twice/);
    expect(() => printOperations(parse('query X { tokens { id } } query X { tokens { symbol } }'))).toThrow(/operation X is defined twice/);
  });

  it('finds every module document under web/lib, and only .graphql files', () => {
    const files = documentFiles().map((f) => f.slice(root.length + 1));
    for (const f of ['web/lib/data/subgraph.graphql', 'web/lib/attest/attest.graphql', 'web/lib/chain/order.graphql', 'web/lib/sell-orders/sell-orders.graphql']) {
      expect(files).toContain(f);
    }
    expect(files.every((f) => f.endsWith('.graphql'))).toBe(true);
  });
});
