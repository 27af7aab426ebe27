import { afterAll, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '../paraglide/runtime.js';
import { StorachaError, storachaError } from './storacha-errors.ts';
import { storachaLoginProblem, uploadErrorMessage, uploadProblem } from './upload-errors.ts';
import { UploadError } from './upload.ts';

const refused = new Error('failed space/blob/add invocation', { cause: { name: 'InsufficientStorage', message: 'did:key:z6Mkabc has no storage provider' } });

describe('uploadProblem', () => {
  afterAll(() => overwriteGetLocale(() => 'zh-CN'));

  it('says a Storacha failure in Chinese with no English inside; the English stays as detail', () => {
    overwriteGetLocale(() => 'zh-CN');
    const problem = uploadProblem(storachaError(refused));
    expect(problem.text).toBe('你的 Storacha 空间还没有存储套餐。请先在 Storacha 账户中选择套餐，再重试。');
    expect(problem.text.replace(/Storacha/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    expect(problem.detail).toBe('failed space/blob/add invocation: did:key:z6Mkabc has no storage provider');
    expect(uploadProblem(new StorachaError('unreachable', 'fetch failed')).text).toBe('无法连接 Storacha 上传服务。请检查网络后重试。');
  });

  it('says a refusing IPFS node as a sentence too, in either language', () => {
    const failed = new UploadError('the IPFS node refused the upload (HTTP 500): disk full');
    overwriteGetLocale(() => 'zh-CN');
    expect(uploadProblem(failed)).toEqual({ text: '本网络的 IPFS 节点没有接收该文件，请稍后重试。', detail: failed.message });
    expect(uploadErrorMessage(failed)).toEqual({ tone: 'error', text: '本网络的 IPFS 节点没有接收该文件，请稍后重试。' });
    overwriteGetLocale(() => 'en');
    expect(uploadProblem(failed).text).toBe("This network's IPFS node did not take the file. Try again in a moment.");
  });

  it('calls an aborted login cancelled, and sorts the raw client errors of a login', () => {
    overwriteGetLocale(() => 'en');
    expect(storachaLoginProblem(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toEqual({ text: 'Login cancelled.' });
    expect(storachaLoginProblem(new TypeError('fetch failed'))).toEqual({ text: 'Could not reach the Storacha upload service. Check your connection and try again.', detail: 'fetch failed' });
  });
});
