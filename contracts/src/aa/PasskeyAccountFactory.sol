// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPasskeyAccountFactory} from "../interfaces/IPasskeyAccountFactory.sol";
import {PasskeyAccount} from "./PasskeyAccount.sol";
import {Clones} from "@openzeppelin/contracts-5.7/proxy/Clones.sol";

/// @title PasskeyAccountFactory
/// @notice Creates {PasskeyAccount} clones at addresses derived from the passkey's public key and a salt. Deployed
/// through the deterministic deployer (as is the implementation), so an account has the same address on every chain.
contract PasskeyAccountFactory is IPasskeyAccountFactory {
    /// @inheritdoc IPasskeyAccountFactory
    address public immutable implementation;

    /// @param implementation_ the {PasskeyAccount} implementation the clones delegate to
    constructor(address implementation_) {
        implementation = implementation_;
    }

    /// @inheritdoc IPasskeyAccountFactory
    function createAccount(bytes32 qx, bytes32 qy, uint256 salt) external returns (address account) {
        bytes32 cloneSalt = _cloneSalt(qx, qy, salt);
        account = Clones.predictDeterministicAddress(implementation, cloneSalt);
        if (account.code.length != 0) return account;
        Clones.cloneDeterministic(implementation, cloneSalt);
        PasskeyAccount(payable(account)).initialize(qx, qy);
        emit AccountCreated(account, qx, qy, salt);
    }

    /// @inheritdoc IPasskeyAccountFactory
    function accountAddress(bytes32 qx, bytes32 qy, uint256 salt) external view returns (address) {
        return Clones.predictDeterministicAddress(implementation, _cloneSalt(qx, qy, salt));
    }

    /// @dev The key is part of the salt, so an address can only ever hold the account of that key.
    function _cloneSalt(bytes32 qx, bytes32 qy, uint256 salt) private pure returns (bytes32) {
        return keccak256(abi.encode(qx, qy, salt));
    }
}
