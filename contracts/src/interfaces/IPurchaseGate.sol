// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPurchaseGate
/// @notice A purchase condition a merchant attaches to a listing (age-restricted or high-value goods). The catalog
/// asks it with STATICCALL at checkout: a gate can refuse a purchase, never change state.
interface IPurchaseGate {
    /// @notice Returns this function's selector if `buyer` may buy `quantity` of `listingId`, and reverts with a
    /// reason otherwise. Anything else (no return data, `false`, another value) refuses the purchase, so a
    /// contract that merely does not revert never admits anyone.
    /// @param buyer the buyer
    /// @param listingId the listing
    /// @param quantity units in this line
    /// @param proof gate-specific evidence supplied by the buyer (for the EAS gate: an attestation uid)
    /// @return magic `IPurchaseGate.checkPurchase.selector`
    function checkPurchase(address buyer, uint64 listingId, uint32 quantity, bytes calldata proof)
        external
        view
        returns (bytes4 magic);
}
