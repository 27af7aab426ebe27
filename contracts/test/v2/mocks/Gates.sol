// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPurchaseGate} from "../../../src/interfaces/IPurchaseGate.sol";

/// @notice Answers `false` (as bytes4(0)) instead of its selector: must not admit anyone.
contract FalseGate {
    function checkPurchase(address, uint64, uint32, bytes calldata) external pure returns (bytes4) {
        return bytes4(0);
    }
}

/// @notice A contract whose fallback accepts any call and returns nothing: must not admit anyone.
contract SilentFallbackGate {
    fallback() external {}
}

/// @notice Admits everyone properly.
contract OpenGate is IPurchaseGate {
    function checkPurchase(address, uint64, uint32, bytes calldata) external pure returns (bytes4) {
        return IPurchaseGate.checkPurchase.selector;
    }
}

/// @notice Refuses with its own reason.
contract RefusingGate {
    error NotOnList(address buyer);

    function checkPurchase(address buyer, uint64, uint32, bytes calldata) external pure returns (bytes4) {
        revert NotOnList(buyer);
    }
}
