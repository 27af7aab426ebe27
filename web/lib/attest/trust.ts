// Whom the user trusts to attest: anyone can issue an attestation, so a badge counts only when its attester
// is on the user's list. Plain functions over checksummed addresses; trust.svelte.ts keeps the list.
import { type Address, getAddress, isAddress } from 'viem';

/** A checksummed address from what the user typed (spaces allowed around it), or null. */
export function parseAttester(input: string): Address | null {
  const value = input.trim();
  return isAddress(value, { strict: false }) ? getAddress(value) : null;
}

/** The stored list (JSON written by serializeTrust) or, when nothing valid is stored, the network's defaults. */
export function parseStoredTrust(raw: string | null, defaults: readonly string[]): Address[] {
  if (raw !== null) {
    try {
      const stored: unknown = JSON.parse(raw);
      if (Array.isArray(stored) && stored.every((a) => typeof a === 'string')) return unique(stored.map(parseAttester).filter((a) => a !== null));
    } catch {
      // Corrupt storage falls back to the defaults below.
    }
  }
  return unique(defaults.map((a) => parseAttester(a)).filter((a) => a !== null));
}

export function serializeTrust(list: readonly Address[]): string {
  return JSON.stringify(list);
}

export function withAttester(list: readonly Address[], attester: Address): Address[] {
  return unique([...list, attester]);
}

export function withoutAttester(list: readonly Address[], attester: string): Address[] {
  return list.filter((a) => a.toLowerCase() !== attester.toLowerCase());
}

export function isTrusted(list: readonly string[], attester: string): boolean {
  return list.some((a) => a.toLowerCase() === attester.toLowerCase());
}

function unique(list: Address[]): Address[] {
  const seen = new Set<string>();
  return list.filter((a) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()) !== undefined);
}
