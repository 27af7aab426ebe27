// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC7821} from "@openzeppelin/contracts/account/extensions/draft-ERC7821.sol";

/// @notice The browser tests' EIP-5792 wallet delegates its account to this (EIP-7702) and runs a
/// `wallet_sendCalls` batch as one `execute` from the account to itself: every call succeeds or the whole
/// transaction reverts. OpenZeppelin's ERC-7821 executor, which only the account itself may call.
contract TestBatchExecutor is ERC7821 {}
