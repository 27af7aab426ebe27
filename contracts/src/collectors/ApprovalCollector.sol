// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TokenCollector} from "./TokenCollector.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title ApprovalCollector
/// @notice Pays from an allowance the buyer gave this collector beforehand (for example in the same EIP-5792
/// batch as the checkout). Takes no data.
contract ApprovalCollector is TokenCollector {
    using SafeERC20 for IERC20;

    /// @param escrow_ the escrow the tokens go to
    constructor(address escrow_) TokenCollector(escrow_) {}

    function _collect(address payer, address token, uint256 amount, bytes calldata) internal override {
        uint256 allowance = IERC20(token).allowance(payer, address(this));
        if (allowance < amount) revert AllowanceInsufficient(allowance, amount);
        IERC20(token).safeTransferFrom(payer, escrow, amount);
    }
}
