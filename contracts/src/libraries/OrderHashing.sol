// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Order} from "../types/Order.sol";

/// @title OrderHashing
/// @notice The commitment stored for an order: keccak256 of its ABI encoding (17 static words).
/// @dev `Order` has only static fields, so its calldata encoding and its memory layout are both the 17 words
/// `abi.encode(order)` would produce. Hashing them in place skips the copy. Dirty high bits in calldata can
/// only make a hash differ from the stored one (which is always computed from clean memory), never match.
library OrderHashing {
    uint256 internal constant ORDER_SIZE = 17 * 32;

    /// @notice Hash of an order passed in calldata.
    /// @param order the order
    /// @return digest keccak256(abi.encode(order))
    function hashCalldata(Order calldata order) internal pure returns (bytes32 digest) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, order, ORDER_SIZE)
            digest := keccak256(ptr, ORDER_SIZE)
        }
    }

    /// @notice Hash of an order in memory.
    /// @param order the order
    /// @return digest keccak256(abi.encode(order))
    function hashMemory(Order memory order) internal pure returns (bytes32 digest) {
        assembly ("memory-safe") {
            digest := keccak256(order, ORDER_SIZE)
        }
    }
}
