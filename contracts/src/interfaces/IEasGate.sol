// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPurchaseGate} from "./IPurchaseGate.sol";

/// @title IEasGate
/// @notice A purchase gate backed by the Ethereum Attestation Service: the buyer must be the recipient of a live
/// (not revoked, not expired) attestation of the listing's schema, from one of the attesters the merchant
/// accepts, that says what the requirement asks (its data must hash to the requirement's `dataHash`, e.g.
/// `keccak256(abi.encode(true))` for a schema `bool isAdult`). Nobody approves anyone: attesters are ordinary
/// addresses, and each merchant picks whom to accept.
interface IEasGate is IPurchaseGate {
    /// @notice The caller is not the listing's merchant.
    error NotListingMerchant(uint64 listingId, address caller);
    /// @notice A requirement needs a schema, a data hash and 1 to `MAX_ATTESTERS` distinct non-zero attesters.
    error RequirementInvalid(uint64 listingId, bytes32 schema, uint256 attesters);
    /// @notice The listing has no requirement in this gate.
    error RequirementMissing(uint64 listingId);
    /// @notice The proof is not one 32-byte attestation uid.
    error ProofMalformed(uint256 length);
    /// @notice No attestation with this uid.
    error AttestationNotFound(bytes32 uid);
    /// @notice The attestation is of another schema than required.
    error AttestationSchemaMismatch(bytes32 uid, bytes32 schema);
    /// @notice The attestation is about someone else than the buyer.
    error AttestationRecipientMismatch(bytes32 uid, address recipient);
    /// @notice The attestation was revoked.
    error AttestationRevoked(bytes32 uid, uint64 revokedAt);
    /// @notice The attestation has expired.
    error AttestationExpired(bytes32 uid, uint64 expiredAt);
    /// @notice The attester is not one the merchant accepts for this listing.
    error AttesterNotTrusted(bytes32 uid, address attester);
    /// @notice The attestation says something else than the requirement asks (e.g. `isAdult = false`).
    error AttestationDataMismatch(bytes32 uid, bytes32 dataHash);

    /// @notice A merchant set (or, with zeros and no attesters, cleared) a listing's requirement.
    /// @param listingId the listing
    /// @param schema EAS schema uid the buyer's attestation must have
    /// @param dataHash keccak256 of the attestation data required
    /// @param attesters attesters whose attestations are accepted
    event RequirementSet(uint64 indexed listingId, bytes32 schema, bytes32 dataHash, address[] attesters);

    /// @notice Set a listing's requirement. Only the listing's merchant; takes effect once the merchant also points
    /// the listing at this gate with `IChainMartCatalog.setListingGate`.
    /// @param listingId the listing
    /// @param schema EAS schema uid (zero, with a zero data hash and no attesters, clears)
    /// @param dataHash keccak256 of the attestation data required
    /// @param attesters accepted attesters
    function setRequirement(uint64 listingId, bytes32 schema, bytes32 dataHash, address[] calldata attesters) external;

    /// @notice A listing's requirement.
    /// @param listingId the listing
    /// @return schema the EAS schema uid (zero: none)
    /// @return dataHash keccak256 of the attestation data required
    /// @return attesters accepted attesters
    function requirementOf(uint64 listingId)
        external
        view
        returns (bytes32 schema, bytes32 dataHash, address[] memory attesters);
}
