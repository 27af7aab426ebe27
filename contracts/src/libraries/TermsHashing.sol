// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OrderTerms} from "../types/OrderTerms.sol";

/// @title TermsHashing
/// @notice The key the escrow stores an order's state under: keccak256(abi.encode(orderId, terms)), 14 words.
/// @dev `OrderTerms` has only static fields, so its calldata encoding and its memory layout are both the 13 words
/// `abi.encode` would produce. Dirty high bits in calldata can only make a key differ from the stored one (always
/// computed from clean memory), never match it.
library TermsHashing {
    uint256 internal constant TERMS_SIZE = 13 * 32;

    /// @notice Key of an order whose terms are in calldata.
    /// @param orderId the order
    /// @param terms the terms
    /// @return key keccak256(abi.encode(orderId, terms))
    function orderKeyCalldata(uint256 orderId, OrderTerms calldata terms) internal pure returns (bytes32 key) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, orderId)
            calldatacopy(add(ptr, 32), terms, TERMS_SIZE)
            key := keccak256(ptr, add(TERMS_SIZE, 32))
        }
    }

    /// @notice Key of an order whose terms are in memory.
    /// @param orderId the order
    /// @param terms the terms
    /// @return key keccak256(abi.encode(orderId, terms))
    function orderKeyMemory(uint256 orderId, OrderTerms memory terms) internal pure returns (bytes32 key) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, orderId)
            mcopy(add(ptr, 32), terms, TERMS_SIZE)
            key := keccak256(ptr, add(TERMS_SIZE, 32))
        }
    }
}
