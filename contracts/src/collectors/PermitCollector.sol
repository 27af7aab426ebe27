// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TokenCollector} from "./TokenCollector.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title PermitCollector
/// @notice Pays with an EIP-2612 permit the buyer signed for this collector: one signature, one transaction.
/// Data: `abi.encode(uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)`.
contract PermitCollector is TokenCollector {
    using SafeERC20 for IERC20;

    /// @param escrow_ the escrow the tokens go to
    constructor(address escrow_) TokenCollector(escrow_) {}

    function _collect(address payer, address token, uint256 amount, bytes calldata data) internal override {
        (uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) =
            abi.decode(data, (uint256, uint256, uint8, bytes32, bytes32));
        // Someone may have submitted the permit first (it is public once in the mempool): then the allowance is
        // already there and the checkout goes on.
        try IERC20Permit(token).permit(payer, address(this), value, deadline, v, r, s) {} catch {}
        uint256 allowance = IERC20(token).allowance(payer, address(this));
        if (allowance < amount) revert AllowanceInsufficient(allowance, amount);
        IERC20(token).safeTransferFrom(payer, escrow, amount);
    }
}
