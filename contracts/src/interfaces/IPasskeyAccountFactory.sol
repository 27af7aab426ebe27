// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPasskeyAccountFactory
/// @notice Creates passkey accounts as deterministic clones of one implementation: the address follows from the
/// passkey's P-256 public key and a salt, so it is known (and can receive funds) before it exists, and the first
/// user operation deploys it through its `initCode`.
interface IPasskeyAccountFactory {
    /// @notice A passkey account was created and bound to its public key.
    /// @param account the new account (a clone of `implementation()`)
    /// @param qx the x coordinate of the passkey's P-256 public key
    /// @param qy the y coordinate of the passkey's P-256 public key
    /// @param salt the salt chosen by the owner (0 for the first account of a passkey)
    event AccountCreated(address indexed account, bytes32 qx, bytes32 qy, uint256 salt);

    /// @notice Creates the account of (`qx`, `qy`, `salt`) if it does not exist yet, and returns its address.
    /// @dev Idempotent, as ERC-4337 factories must be: an existing account is returned untouched.
    /// @param qx the x coordinate of the passkey's P-256 public key
    /// @param qy the y coordinate of the passkey's P-256 public key
    /// @param salt the salt chosen by the owner
    /// @return account the account's address
    function createAccount(bytes32 qx, bytes32 qy, uint256 salt) external returns (address account);

    /// @notice The implementation every account is a minimal proxy (ERC-1167) of.
    /// @return the implementation's address
    function implementation() external view returns (address);

    /// @notice The address `createAccount(qx, qy, salt)` creates, whether it exists yet or not.
    /// @param qx the x coordinate of the passkey's P-256 public key
    /// @param qy the y coordinate of the passkey's P-256 public key
    /// @param salt the salt chosen by the owner
    /// @return the counterfactual address
    function accountAddress(bytes32 qx, bytes32 qy, uint256 salt) external view returns (address);
}
