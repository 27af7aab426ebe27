// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3009} from "../interfaces/IERC3009.sol";
import {TokenCollector} from "./TokenCollector.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Erc3009Collector
/// @notice Pays with an ERC-3009 `ReceiveWithAuthorization` the buyer signed to this collector (USDC's
/// gasless transfer): no approval at all. Only this collector may submit it, and the escrow only asks it for the
/// buyer who called checkout, so a signature seen in the mempool cannot pay for anyone else's cart.
/// Data: `abi.encode(uint256 validAfter, uint256 validBefore, bytes32 nonce, bytes signature)` (a random nonce).
contract Erc3009Collector is TokenCollector {
    using SafeERC20 for IERC20;

    /// @param escrow_ the escrow the tokens go to
    constructor(address escrow_) TokenCollector(escrow_) {}

    function _collect(address payer, address token, uint256 amount, bytes calldata data) internal override {
        (uint256 validAfter, uint256 validBefore, bytes32 nonce, bytes memory signature) =
            abi.decode(data, (uint256, uint256, bytes32, bytes));
        IERC3009(token)
            .receiveWithAuthorization(payer, address(this), amount, validAfter, validBefore, nonce, signature);
        IERC20(token).safeTransfer(escrow, amount);
    }
}
