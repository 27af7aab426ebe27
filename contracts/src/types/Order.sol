// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Where an order stands. The numeric values are part of the order hash and the events: never reorder.
enum Status {
    None, // no order (never stored)
    Paid, // funds in escrow, waiting for the merchant to ship
    Shipped, // shipped; the buyer confirms, or anyone completes after the auto-release window
    Disputed, // the buyer opened a dispute; settles by signatures, the arbiter's ruling, or the default
    Completed, // merchant paid (minus fee and points reward); final
    Refunded, // fully refunded by the merchant; final
    Cancelled, // cancelled by the buyer after the shipping deadline passed; full refund; final
    Resolved // dispute settled with a split; final
}

/// @notice An order's terms and state. Only its hash is stored on chain: callers pass the full struct back
/// (from the `OrderPlaced` event and the events after it, or from the subgraph) and the contract checks it.
/// @dev Packed into as few words as the ABI allows; every field is bounded at creation.
struct Order {
    address buyer;
    address merchant;
    /// @dev address(0) for ETH.
    address token;
    /// @dev fixed when the order is placed; settles disputes.
    address arbiter;
    uint64 listingId;
    uint32 quantity;
    /// @dev value still held in escrow for this order, in `token` units (includes the points part).
    uint96 amount;
    /// @dev part of `amount` that was paid with points (always 0 unless `token` is the settlement token).
    uint96 pointsPaid;
    /// @dev platform fee snapshotted at placement, in basis points of the merchant's share.
    uint16 feeBps;
    /// @dev points reward rate snapshotted at placement, in basis points of the completed amount.
    uint16 rewardBps;
    uint32 autoReleaseWindow;
    uint40 placedAt;
    uint40 shipBy;
    uint40 shippedAt;
    uint40 disputedAt;
    Status status;
    /// @dev bit 0: the buyer reviewed; bit 1: the merchant replied.
    uint8 flags;
}

/// @notice How a dispute ended.
enum Resolution {
    Ruling, // the order's arbiter ruled
    Settlement, // two of buyer, merchant and arbiter signed the same split
    ArbiterTimeout // the arbiter did not rule in time: the documented default (full refund to the buyer) applied
}
