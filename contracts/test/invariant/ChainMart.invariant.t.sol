// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Order} from "../../src/types/Order.sol";
import {BaseTest} from "../utils/BaseTest.sol";
import {ChainMartHandler} from "./ChainMartHandler.sol";

contract ChainMartInvariantTest is BaseTest {
    ChainMartHandler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory buyers = new address[](3);
        buyers[0] = buyer;
        buyers[1] = makeAddr("buyer2");
        buyers[2] = makeAddr("buyer3");
        address[] memory merchants = new address[](2);
        merchants[0] = merchant;
        merchants[1] = merchant2;
        uint64[] memory listings = new uint64[](3);
        listings[0] = usdListing;
        listings[1] = usdListing2;
        listings[2] = ethListing;
        handler = new ChainMartHandler(market, usd, buyers, merchants, listings, arbiter, feeRecipient);
        for (uint256 i = 1; i < buyers.length; ++i) {
            usd.mint(buyers[i], 1_000_000e6);
            vm.deal(buyers[i], 100 ether);
            vm.prank(buyers[i]);
            usd.approve(address(market), type(uint256).max);
        }
        targetContract(address(handler));
    }

    function invariant_solvency() public view {
        assertGe(
            usd.balanceOf(address(market)),
            handler.escrowOf(address(usd)) + handler.creditsOf(address(usd)) + market.pointsReserve(),
            "stablecoin held < escrow + credits + points reserve"
        );
        assertGe(
            address(market).balance,
            handler.escrowOf(address(0)) + handler.creditsOf(address(0)),
            "ETH held < escrow + credits"
        );
    }

    function invariant_conservation() public view {
        assertEq(
            usd.balanceOf(address(market)) + handler.ghostWithdrawn(address(usd)),
            handler.ghostIn(address(usd)),
            "stablecoin in != held + withdrawn"
        );
        assertEq(
            address(market).balance + handler.ghostWithdrawn(address(0)),
            handler.ghostIn(address(0)),
            "ETH in != held + withdrawn"
        );
    }

    function invariant_pointsFullyBacked() public view {
        assertGe(market.pointsReserve(), points.totalSupply(), "points reserve < points supply");
    }

    function invariant_noOrderPaysOutMoreThanPaidOrTwice() public view {
        uint256 count = handler.orderCount();
        for (uint256 i; i < count; ++i) {
            uint256 id = handler.orderIds(i);
            assertLe(handler.paidOut(id), handler.paidIn(id), "order paid out more than was paid in");
            assertLe(handler.finalizations(id), 1, "order finalized twice");
            Order memory order = handler.orderOf(id);
            assertEq(market.orderHashOf(id), market.hashOrder(order), "ghost order diverged from chain");
        }
    }
}
