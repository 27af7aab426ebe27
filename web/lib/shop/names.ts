// Shop names instead of bare addresses: a merchant's (or an arbiter's, when the arbiter also keeps a shop)
// name from its profile document on IPFS, else a readable label that still tells accounts apart.
import type { LocalizedText } from '../protocol/metadata.ts';
import { localized, shortAddress } from '../format/format.ts';

export interface NamedAccount {
  /** What the page shows. */
  name: string;
  /** Whether the name comes from a published profile (false: a label built from the address). */
  published: boolean;
  address: string;
}

/** The profile's name in the user's language (capped), else `fallback` followed by the short address. */
export function accountName(address: string, profileName: LocalizedText | undefined | null, locale: string, fallback: string): NamedAccount {
  const name = profileName ? localized(profileName, locale, 60).trim() : '';
  return name ? { name, published: true, address } : { name: `${fallback} ${shortAddress(address)}`, published: false, address };
}
