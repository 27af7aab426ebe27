// Attestations from the subgraph (subgraph/schema.graphql `Attestation`): who attested what, and whether it
// was revoked. Pages that load a merchant or buyer embed ATTESTATION_FIELDS in their own query
// (`merchant { account { attestations { ...fields } } }`) so badges come with the listing.
import { graphqlRequest } from '../graphql/client.ts';

export interface SubgraphAttestation {
  /** uid */
  id: string;
  /** schema name: verifiedMerchant, verifiedBuyer, adult */
  schema: string;
  attester: string;
  recipient: { id: string };
  time: string;
  revoked: boolean;
  revokedAt: string | null;
}

export const ATTESTATION_FIELDS = 'id schema attester recipient { id } time revoked revokedAt';

/** At most this many per query: badges and an attester's list, not an archive. */
export const ATTESTATION_PAGE = 200;

export async function attestationsOf(url: string, recipient: string, signal?: AbortSignal): Promise<SubgraphAttestation[]> {
  const data = await graphqlRequest<{ account: { attestations: SubgraphAttestation[] } | null }>(
    url,
    `query AttestationsOf($id: ID!, $first: Int!) {
      account(id: $id) { attestations(first: $first, orderBy: time, orderDirection: desc) { ${ATTESTATION_FIELDS} } }
    }`,
    { id: recipient.toLowerCase(), first: ATTESTATION_PAGE },
    { signal },
  );
  return data.account?.attestations ?? [];
}

export async function attestationsBy(url: string, attester: string, signal?: AbortSignal): Promise<SubgraphAttestation[]> {
  const data = await graphqlRequest<{ attestations: SubgraphAttestation[] }>(
    url,
    `query AttestationsBy($attester: Bytes!, $first: Int!) {
      attestations(where: { attester: $attester }, first: $first, orderBy: time, orderDirection: desc) { ${ATTESTATION_FIELDS} }
    }`,
    { attester: attester.toLowerCase(), first: ATTESTATION_PAGE },
    { signal },
  );
  return data.attestations;
}
