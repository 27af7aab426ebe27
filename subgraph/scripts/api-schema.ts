// Prints the query API schema graph-node serves for subgraph/schema.graphql (as the local graph node derives it,
// subgraph/node/api-schema.ts) to subgraph/build/api-schema.graphql (gitignored). The site's GraphQL operations
// are typed and validated against this file at build time (.graphclientrc.yml, `npm run prepare:web`).
//   tsx subgraph/scripts/api-schema.ts [out]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { printSchema } from 'graphql';
import { buildApiSchema } from '../node/api-schema.ts';
import { parseSchema } from '../node/schema.ts';

const root = join(import.meta.dirname, '..');
const out = resolve(process.argv[2] ?? join(root, 'build/api-schema.graphql'));
const schema = buildApiSchema(parseSchema(readFileSync(join(root, 'schema.graphql'), 'utf8')));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${printSchema(schema)}\n`);
