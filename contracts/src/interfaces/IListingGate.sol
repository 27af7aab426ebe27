// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IListingGate
/// @notice A purchase condition a merchant attaches to a listing (age-restricted or high-value goods).
/// The market calls it with STATICCALL during checkout: a gate can refuse a purchase, never change state.
interface IListingGate {
    /// @notice Reverts, with a reason, unless `buyer` may buy from `listingId`.
    /// @param buyer the buyer
    /// @param listingId the listing
    /// @param proof gate-specific evidence supplied by the buyer (for the EAS gate: an attestation uid)
    function checkPurchase(address buyer, uint64 listingId, bytes calldata proof) external view;
}
