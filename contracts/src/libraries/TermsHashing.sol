// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OrderTerms} from "../types/OrderTerms.sol";

/// @title TermsHashing
/// @notice The commitment the escrow stores for an order: keccak256 of its terms' ABI encoding (13 words).
/// @dev `OrderTerms` has only static fields, so its calldata encoding and its memory layout are both the 13 words
/// `abi.encode(terms)` would produce. Dirty high bits in calldata can only make a hash differ from the stored one
/// (always computed from clean memory), never match it.
library TermsHashing {
    uint256 internal constant TERMS_SIZE = 13 * 32;

    /// @notice Hash of terms passed in calldata.
    /// @param terms the terms
    /// @return digest keccak256(abi.encode(terms))
    function hashCalldata(OrderTerms calldata terms) internal pure returns (bytes32 digest) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, terms, TERMS_SIZE)
            digest := keccak256(ptr, TERMS_SIZE)
        }
    }

    /// @notice Hash of terms in memory.
    /// @param terms the terms
    /// @return digest keccak256(abi.encode(terms))
    function hashMemory(OrderTerms memory terms) internal pure returns (bytes32 digest) {
        assembly ("memory-safe") {
            digest := keccak256(terms, TERMS_SIZE)
        }
    }
}
