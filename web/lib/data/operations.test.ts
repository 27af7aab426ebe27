// Every GraphQL operation the site sends is valid against the subgraph's API schema (the schema graph-node
// derives from subgraph/schema.graphql, as the local graph node builds it), and so are its variables. The
// operations are captured by calling each query function with a fetch that records the request. Those in the
// modules' .graphql documents (web/lib/**/*.graphql) are also validated when they are built (`npm run
// codegen:web`, see codegen.test.ts); here they are checked as sent, with the variables the functions compute.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GraphQLSchema, getVariableValues, parse, validate } from 'graphql';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApiSchema } from '../../../subgraph/node/api-schema.ts';
import { parseSchema } from '../../../subgraph/node/schema.ts';
import { attestationsBy, attestationsOf } from '../attest/subgraph.ts';
import { disputesOf } from '../arbiter/disputes.ts';
import { liveFromSubgraph } from '../cart/live.ts';
import { indexedBlock } from '../graphql/indexer.ts';
import { couriersOf as sellCouriersOf } from '../sell/data.ts';
import { loadArbiterRecords } from '../sell/arbiters.ts';
import { merchantProfiles } from '../shop/queries.ts';
import { allOrdersForExport, couriersOf, merchantDays, ordersOfMerchant } from '../sell-orders/data.ts';
import { transparencyData } from '../stats/queries.ts';
import * as data from './subgraph.ts';

const ADDRESS = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const URL_ = 'http://subgraph.test';

const operations: Record<string, () => Promise<unknown>> = {
  searchListings: () => data.searchListings(URL_, { text: 'tea', category: 'tea', token: ADDRESS, minPrice: 1n, maxPrice: 2n, inStock: true, merchant: ADDRESS }, 'rating', { first: 25, skip: 0 }),
  homeData: () => data.homeData(URL_),
  listingDetail: () => data.listingDetail(URL_, '1'),
  merchantDetail: () => data.merchantDetail(URL_, ADDRESS),
  ordersOfBuyer: () => data.ordersOfBuyer(URL_, ADDRESS),
  orderDetail: () => data.orderDetail(URL_, '1'),
  pointsData: () => data.pointsData(URL_, ADDRESS),
  recommendationData: () => data.recommendationData(URL_),
  attestationsOf: () => attestationsOf(URL_, ADDRESS),
  attestationsBy: () => attestationsBy(URL_, ADDRESS),
  disputesOf: () => disputesOf(URL_, ADDRESS),
  indexedBlock: () => indexedBlock(URL_),
  sellCouriersOf: () => sellCouriersOf(URL_, ADDRESS),
  ordersOfMerchant: () => ordersOfMerchant(URL_, ADDRESS, 'all', { first: 20, skip: 0 }),
  allOrdersForExport: () => allOrdersForExport(URL_, ADDRESS),
  merchantDays: () => merchantDays(URL_, ADDRESS, 0),
  couriersOf: () => couriersOf(URL_, ADDRESS),
  transparencyData: () => transparencyData(URL_, 1_800_000_000),
  loadArbiterRecords: () => loadArbiterRecords(URL_),
  merchantProfiles: () => merchantProfiles(URL_, [ADDRESS]),
  liveFromSubgraph: () => liveFromSubgraph(URL_, ['1']),
};

let schema: GraphQLSchema;
beforeAll(() => {
  schema = buildApiSchema(parseSchema(readFileSync(join(import.meta.dirname, '../../../subgraph/schema.graphql'), 'utf8')));
});

describe('GraphQL operations against the subgraph API schema', () => {
  for (const [name, run] of Object.entries(operations)) {
    it(name, async () => {
      const sent: { query: string; variables: Record<string, unknown> }[] = [];
      vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
        sent.push(JSON.parse(String(init.body)));
        return new Response(JSON.stringify({ errors: [{ message: 'captured' }] }), { status: 200 });
      });
      try {
        await run().catch(() => undefined);
      } finally {
        vi.unstubAllGlobals();
      }
      expect(sent.length, 'the function sent a request').toBeGreaterThan(0);
      for (const { query, variables } of sent) {
        const document = parse(query);
        expect(validate(schema, document).map((e) => e.message)).toEqual([]);
        const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
        if (operation?.kind === 'OperationDefinition') {
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
          expect(coerced.errors?.map((e) => e.message) ?? []).toEqual([]);
        }
      }
    });
  }
});
