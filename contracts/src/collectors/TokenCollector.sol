// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ITokenCollector} from "../interfaces/ITokenCollector.sol";

/// @title TokenCollector
/// @notice Base of every collector: only the escrow may ask it to move a buyer's tokens, and always for the
/// buyer who called checkout, so an allowance given to a collector can only ever pay for the buyer's own cart.
abstract contract TokenCollector is ITokenCollector {
    /// @notice The escrow the tokens go to.
    address public immutable escrow;

    /// @param escrow_ the escrow the tokens go to
    constructor(address escrow_) {
        escrow = escrow_;
    }

    /// @inheritdoc ITokenCollector
    function collect(address payer, address token, uint256 amount, bytes calldata data) external {
        if (msg.sender != escrow) revert CallerNotEscrow(msg.sender);
        _collect(payer, token, amount, data);
    }

    /// @dev Moves exactly `amount` of `token` from `payer` to `escrow`.
    function _collect(address payer, address token, uint256 amount, bytes calldata data) internal virtual;
}
