// Attestations from the subgraph (subgraph/schema.graphql `Attestation`): who attested what, and whether it
// was revoked. The operations and the Attestation fragment are in attest.graphql; pages that load a merchant or
// buyer spread `...Attestation` in their own query (`merchant { account { attestations { ...Attestation } } }`)
// so badges come with the listing. Types are generated from the API schema (`npm run prepare:web`).
import { graphqlRequest } from '../graphql/client.ts';
import type * as G from '../../../.graphclient/index.ts';
import { AttestationsByDocument, AttestationsOfDocument } from '../data/generated/documents.ts';

/** An attestation: `id` is its uid, `schema` its schema name (verifiedMerchant, verifiedBuyer, adult). */
export type SubgraphAttestation = G.AttestationFragment;

/** At most this many per query: badges and an attester's list, not an archive. */
export const ATTESTATION_PAGE = 200;

export async function attestationsOf(url: string, recipient: string, signal?: AbortSignal): Promise<SubgraphAttestation[]> {
  const data = await graphqlRequest<G.AttestationsOfQuery, G.AttestationsOfQueryVariables>(
    url,
    AttestationsOfDocument,
    { id: recipient.toLowerCase(), first: ATTESTATION_PAGE },
    { signal },
  );
  return data.account?.attestations ?? [];
}

export async function attestationsBy(url: string, attester: string, signal?: AbortSignal): Promise<SubgraphAttestation[]> {
  const data = await graphqlRequest<G.AttestationsByQuery, G.AttestationsByQueryVariables>(
    url,
    AttestationsByDocument,
    { attester: attester.toLowerCase(), first: ATTESTATION_PAGE },
    { signal },
  );
  return data.attestations;
}
