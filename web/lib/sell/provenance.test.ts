import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { evidenceDocumentSchema } from '../protocol/schemas.ts';
import { buildEvidenceDocument, emptyProvenance, localTimeToSeconds, parseFacts, provenanceProblems, provenanceStep, secondsToLocalTime } from './provenance.ts';

const file = 'ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy' as const;
const filled = () => ({ ...emptyProvenance(), kind: 'inspection' as const, location: 'Hangzhou', occurredAt: '2024-05-01T09:30', actor: 'Lab', evidenceTitleEn: 'Report', facts: 'ref: A-1\nresult: pass', attachment: file });

describe('provenance step', () => {
  it('round-trips local times', () => {
    const s = localTimeToSeconds('2024-05-01T09:30')!;
    expect(secondsToLocalTime(s)).toBe('2024-05-01T09:30');
    expect(localTimeToSeconds('yesterday')).toBeNull();
  });

  it('parses facts lines', () => {
    expect(parseFacts('a: 1\n\n b : two words ')).toEqual({ a: '1', b: 'two words' });
    expect(parseFacts('')).toEqual({});
    expect(parseFacts('no colon')).toBeNull();
    expect(parseFacts(': value')).toBeNull();
  });

  it('builds an evidence document the site accepts and the step struct', () => {
    const form = filled();
    const doc = buildEvidenceDocument(form);
    expect(v.safeParse(evidenceDocumentSchema, doc).success).toBe(true);
    expect(doc).toMatchObject({ kind: 'inspection', issuer: 'Lab', facts: { ref: 'A-1', result: 'pass' }, attachments: [file], title: { en: 'Report' } });
    expect(provenanceStep(form, 'bafyX')).toEqual({ kind: 'inspection', location: 'Hangzhou', occurredAt: BigInt(localTimeToSeconds(form.occurredAt)!), actor: 'Lab', evidenceCid: 'bafyX' });
    expect(provenanceProblems(form, 1_800_000_000)).toEqual({});
  });

  it('refuses missing fields, future times and a step without evidence', () => {
    const latest = localTimeToSeconds('2024-05-01T09:30')!;
    expect(provenanceProblems({ ...filled(), occurredAt: '2024-05-03T09:30' }, latest).occurredAt).toBe('time');
    expect(provenanceProblems({ ...filled(), attachment: '' }, latest).attachment).toBe('evidence');
    expect(provenanceProblems({ ...filled(), location: ' ' }, latest).location).toBe('required');
    expect(provenanceProblems({ ...filled(), facts: 'oops' }, latest).facts).toBe('facts');
  });
});
