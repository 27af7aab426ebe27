// The provenance editor: one step (what, where, when, who) and the EvidenceDocument that backs it.
import type { EvidenceDocument, IpfsUri } from '../protocol/metadata.ts';
import { localizedText } from './profile.ts';

export const PROVENANCE_KINDS = ['origin', 'production', 'inspection', 'storage', 'packaging', 'certification'] as const;
export type ProvenanceKind = (typeof PROVENANCE_KINDS)[number];

export interface ProvenanceForm {
  kind: ProvenanceKind;
  location: string;
  /** `<input type="datetime-local">` value, in the browser's time zone. */
  occurredAt: string;
  actor: string;
  evidenceTitleZh: string;
  evidenceTitleEn: string;
  /** "name: value" per line. */
  facts: string;
  /** The uploaded (or pasted) evidence file. */
  attachment: IpfsUri | '';
}

export type ProvenanceField = keyof ProvenanceForm;
export type ProvenanceProblem = 'required' | 'too-long' | 'time' | 'facts' | 'evidence';

export const emptyProvenance = (): ProvenanceForm => ({
  kind: 'origin',
  location: '',
  occurredAt: '',
  actor: '',
  evidenceTitleZh: '',
  evidenceTitleEn: '',
  facts: '',
  attachment: '',
});

/** datetime-local ("2024-05-01T09:30") -> unix seconds, null when malformed. */
export function localTimeToSeconds(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : null;
}

/** unix seconds -> datetime-local value in the browser's time zone. */
export function secondsToLocalTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "name: value" lines -> facts; null when a line has no name or value. */
export function parseFacts(text: string): Record<string, string> | null {
  const facts: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf(':');
    if (at <= 0) return null;
    const name = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    if (!name || !value || name.length > 80 || value.length > 400) return null;
    facts[name] = value;
  }
  return Object.keys(facts).length <= 40 ? facts : null;
}

/** `latest`: the chain's time, a step cannot be stated in the future beyond a day. */
export function provenanceProblems(form: ProvenanceForm, latest: number): Partial<Record<ProvenanceField, ProvenanceProblem>> {
  const problems: Partial<Record<ProvenanceField, ProvenanceProblem>> = {};
  const bytes = (s: string) => new TextEncoder().encode(s.trim()).length;
  if (!form.location.trim()) problems.location = 'required';
  else if (bytes(form.location) > 512) problems.location = 'too-long';
  if (!form.actor.trim()) problems.actor = 'required';
  else if (bytes(form.actor) > 200) problems.actor = 'too-long';
  const at = localTimeToSeconds(form.occurredAt);
  if (at === null || at > latest + 86_400) problems.occurredAt = 'time';
  if (!form.evidenceTitleZh.trim() && !form.evidenceTitleEn.trim()) problems.evidenceTitleZh = problems.evidenceTitleEn = 'required';
  if (parseFacts(form.facts) === null) problems.facts = 'facts';
  if (!form.attachment) problems.attachment = 'evidence';
  return problems;
}

export function buildEvidenceDocument(form: ProvenanceForm): EvidenceDocument {
  const doc: EvidenceDocument = {
    schema: 'chainmart.evidence/1',
    kind: form.kind,
    title: localizedText(form.evidenceTitleZh, form.evidenceTitleEn),
    issuer: form.actor.trim(),
    issuedAt: new Date(localTimeToSeconds(form.occurredAt)! * 1000).toISOString(),
    facts: parseFacts(form.facts) ?? {},
  };
  if (form.attachment) doc.attachments = [form.attachment];
  return doc;
}

export function provenanceStep(form: ProvenanceForm, evidenceCid: string) {
  return {
    kind: form.kind,
    location: form.location.trim(),
    occurredAt: BigInt(localTimeToSeconds(form.occurredAt)!),
    actor: form.actor.trim(),
    evidenceCid,
  };
}
