// Failures of the index, IPFS and the RPC read as sentences in the page's language, without the technical
// English text (URLs, HTTP statuses) the errors carry for logs.
import { HttpRequestError } from 'viem';
import { afterAll, describe, expect, it } from 'vitest';
import { SubgraphError } from '../graphql/client.ts';
import { ContentError } from '../ipfs/content.ts';
import { overwriteGetLocale } from '../paraglide/runtime.js';
import { errorMessage } from './messages.ts';

const failures = [
  new SubgraphError('the subgraph at http://127.0.0.1:8000/subgraphs/name/chainmart is unreachable', 'unreachable'),
  new SubgraphError('the subgraph answered HTTP 502', 'http'),
  new SubgraphError('Type `Query` has no field `foo`', 'graphql'),
  new SubgraphError('the subgraph answered without data', 'invalid'),
  new ContentError('gateway answered 504 for bafy', 'unreachable'),
  new HttpRequestError({ url: 'http://127.0.0.1:8545', body: { method: 'eth_call' }, details: 'fetch failed' }),
];

describe('errorMessage', () => {
  afterAll(() => overwriteGetLocale(() => 'zh-CN'));

  it('says in Chinese what failed, without the error’s English text', () => {
    overwriteGetLocale(() => 'zh-CN');
    for (const error of failures) {
      const { text } = errorMessage(error);
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(text).not.toMatch(/subgraph|HTTP|http:|fetch|unreachable|Query|gateway/i);
    }
    expect(errorMessage(failures[0]).text).toBe('索引服务暂时无法访问。');
  });

  it('says it in English on the English site', () => {
    overwriteGetLocale(() => 'en');
    expect(errorMessage(failures[0]).text).toBe('The index service cannot be reached right now.');
    expect(errorMessage(failures[5]).text).toMatch(/^The blockchain node \(RPC\) cannot be reached/);
  });
});
