// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IERC3009
/// @notice The part of ERC-3009 (as in Circle's FiatToken v2.2, USDC on Base) the collector uses.
interface IERC3009 {
    /// @notice Receive a transfer signed by `from`; only `to` may submit it, so it cannot be front-run.
    /// @param from payer
    /// @param to payee (must be the caller)
    /// @param value amount
    /// @param validAfter the authorization is valid after this time
    /// @param validBefore the authorization is valid before this time
    /// @param nonce unique nonce chosen by the signer
    /// @param signature ECDSA (r, s, v) or ERC-1271 signature of `from`
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external;
}
