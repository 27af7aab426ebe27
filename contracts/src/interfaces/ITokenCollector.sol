// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ITokenCollector
/// @notice Moves a buyer's tokens into the escrow for one checkout, in one particular way (a prior approval, an
/// EIP-2612 permit, an ERC-3009 authorization...). Only the escrow may call it; the escrow never trusts it: it
/// checks its own balance grew by exactly `amount`.
interface ITokenCollector {
    /// @notice The caller is not the escrow.
    error CallerNotEscrow(address caller);
    /// @notice After the permit (or without one) the buyer's allowance for this collector is below the amount.
    error AllowanceInsufficient(uint256 allowance, uint256 amount);

    /// @notice Transfers exactly `amount` of `token` from `payer` to the escrow.
    /// @param payer the buyer (always the account that called checkout)
    /// @param token the ERC-20
    /// @param amount the cash due for the whole cart
    /// @param data collector-specific data (a permit, an authorization...)
    function collect(address payer, address token, uint256 amount, bytes calldata data) external;
}
