// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Order, Status} from "../src/types/Order.sol";
import {BaseTest} from "./utils/BaseTest.sol";

contract ChainMartSmokeTest is BaseTest {
    function test_fullLifecycle_creditsMerchantFeeAndPoints() public {
        (uint256 orderId, Order memory order) = _buy(buyer, usdListing, 2, 0);
        assertEq(uint8(order.status), uint8(Status.Paid));
        assertEq(market.orderHashOf(orderId), market.hashOrder(order));
        order = _ship(orderId, order);
        order = _confirm(orderId, order);
        uint256 total = 2 * uint256(USD_PRICE);
        uint256 fee = total * FEE_BPS / 10_000;
        uint256 reward = total * REWARD_BPS / 10_000;
        assertEq(market.creditOf(merchant, address(usd)), total - fee - reward);
        assertEq(market.creditOf(feeRecipient, address(usd)), fee);
        assertEq(points.balanceOf(buyer), reward);
        assertEq(market.pointsReserve(), reward);
        assertEq(market.orderHashOf(orderId), market.hashOrder(order));
    }
}
