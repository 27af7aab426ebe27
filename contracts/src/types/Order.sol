// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Where an order stands. The numeric values are part of the stored state and the events: never reorder.
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

/// @notice How a dispute ended.
enum Resolution {
    Ruling, // the order's arbiter ruled
    Settlement, // two of buyer, merchant and arbiter signed the same split
    ArbiterTimeout // the arbiter did not rule in time: the documented default (full refund to the buyer) applied
}
