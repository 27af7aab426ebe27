// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Status} from "./Order.sol";

/// @notice What buyer and merchant agreed when an order was placed. Never changes: the escrow keeps the order's
/// state under the hash of its id and these terms, callers pass them back (from the `OrderPlaced` event or the
/// subgraph). Nothing a party can change later is in here, so no party can make another party's pending call fail.
/// @dev 13 static words; every field is bounded at checkout.
struct OrderTerms {
    address buyer;
    address merchant;
    /// @dev address(0) for ETH.
    address token;
    /// @dev the merchant's arbiter when the order was placed; settles disputes.
    address arbiter;
    uint64 listingId;
    uint32 quantity;
    /// @dev unit price x quantity, in `token` units (includes the points part).
    uint96 total;
    /// @dev part of `total` paid with points (0 unless `token` is the settlement token).
    uint96 points;
    /// @dev platform fee in force at checkout, in basis points of the merchant's share.
    uint16 feeBps;
    /// @dev points reward rate, in basis points of the completed amount (0 unless in the settlement token).
    uint16 rewardBps;
    uint32 autoReleaseWindow;
    uint40 placedAt;
    uint40 shipBy;
}

/// @notice What changes during an order's life: one storage word per order, written at checkout.
/// @dev The points still held are not stored: refunds return cash first, so they are always
/// `min(terms.points, remaining)`.
struct OrderState {
    /// @dev value still in escrow, in `token` units.
    uint96 remaining;
    uint40 shippedAt;
    uint40 disputedAt;
    Status status;
    /// @dev bit 0: the buyer reviewed; bit 1: the merchant replied.
    uint8 flags;
}
