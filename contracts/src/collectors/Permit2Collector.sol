// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TokenCollector} from "./TokenCollector.sol";
import {ISignatureTransfer} from "@uniswap/v4-periphery/lib/permit2/src/interfaces/ISignatureTransfer.sol";

/// @title Permit2Collector
/// @notice Pays with a Permit2 `PermitTransferFrom` the buyer signed to this collector: after one approval of
/// Permit2 per token (shared with every app that uses it), each checkout is one signature and one transaction.
/// The signature names this collector as its spender, so only this collector can use it, and the escrow only asks
/// it for the buyer who called checkout, so a signature seen in the mempool cannot pay for anyone else's cart. It
/// permits exactly the cart's cash in the cart's token, straight to the escrow.
/// Data: `abi.encode(uint256 nonce, uint256 deadline, bytes signature)` (a Permit2 unordered nonce).
contract Permit2Collector is TokenCollector {
    /// @notice Permit2, whose SignatureTransfer moves the tokens (the same address on every chain).
    ISignatureTransfer public immutable permit2;

    /// @param escrow_ the escrow the tokens go to
    /// @param permit2_ the chain's Permit2
    constructor(address escrow_, address permit2_) TokenCollector(escrow_) {
        permit2 = ISignatureTransfer(permit2_);
    }

    function _collect(address payer, address token, uint256 amount, bytes calldata data) internal override {
        (uint256 nonce, uint256 deadline, bytes memory signature) = abi.decode(data, (uint256, uint256, bytes));
        permit2.permitTransferFrom(
            ISignatureTransfer.PermitTransferFrom({
                permitted: ISignatureTransfer.TokenPermissions({token: token, amount: amount}),
                nonce: nonce,
                deadline: deadline
            }),
            ISignatureTransfer.SignatureTransferDetails({to: escrow, requestedAmount: amount}),
            payer,
            signature
        );
    }
}
