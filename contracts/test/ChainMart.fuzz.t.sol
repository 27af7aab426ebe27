// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMart} from "../src/interfaces/IChainMart.sol";
import {IChainMartPoints} from "../src/interfaces/IChainMartPoints.sol";
import {Order, Status} from "../src/types/Order.sol";
import {BaseTest} from "./utils/BaseTest.sol";

/// @notice Fuzz tests for the external functions the unit suite covers with fixed values only.
contract ChainMartFuzzTest is BaseTest {
    function testFuzz_ship_boundsCarrierAndTracking(uint16 carrierLength, uint16 trackingLength) public {
        carrierLength = uint16(bound(carrierLength, 0, 300));
        trackingLength = uint16(bound(trackingLength, 0, 300));
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        string memory carrier = string(new bytes(carrierLength));
        string memory tracking = string(new bytes(trackingLength));
        if (carrierLength > 128) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.FieldTooLong.selector, carrierLength, 128));
        } else if (trackingLength > 128) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.FieldTooLong.selector, trackingLength, 128));
        }
        vm.prank(merchant);
        market.ship(id, order, carrier, tracking);
    }

    function testFuzz_addCheckpoint_onlyMerchantOrCourierAfterShipping(address caller, bool shipped) public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        if (shipped) order = _ship(id, order);
        bool allowed = caller == merchant;
        if (!allowed) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.NotAuthorized.selector, id, caller));
        } else if (!shipped) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.OrderStatusInvalid.selector, id, Status.Paid));
        }
        vm.prank(caller);
        market.addCheckpoint(id, order, "Hangzhou", "out for delivery");
    }

    function testFuzz_confirmReceipt_creditsExactShares(uint32 quantity, uint16 feeBps) public {
        quantity = uint32(bound(quantity, 1, 10));
        feeBps = uint16(bound(feeBps, 0, 500));
        vm.prank(owner);
        market.setFee(feeBps);
        (uint256 id, Order memory order) = _buy(buyer, usdListing, quantity, 0);
        _confirm(id, _ship(id, order));
        uint256 total = uint256(USD_PRICE) * quantity;
        uint256 fee = total * feeBps / 10_000;
        uint256 reward = total * REWARD_BPS / 10_000;
        assertEq(market.creditOf(merchant, address(usd)), total - fee - reward);
        assertEq(market.creditOf(feeRecipient, address(usd)), fee);
        assertEq(points.balanceOf(buyer), reward);
        assertEq(market.pointsReserve(), points.totalSupply());
    }

    function testFuzz_cancelUnshipped_onlyAfterDeadline(uint32 wait) public {
        wait = uint32(bound(wait, 0, 10 days));
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        vm.warp(block.timestamp + wait);
        if (block.timestamp <= order.shipBy) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.TooEarly.selector, id, uint256(order.shipBy) + 1));
        }
        vm.prank(buyer);
        market.cancelUnshipped(id, order);
    }

    function testFuzz_openDispute_withinAutoReleaseWindow(uint32 wait) public {
        wait = uint32(bound(wait, 0, 30 days));
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _ship(id, order);
        vm.warp(block.timestamp + wait);
        uint256 releaseAt = uint256(order.shippedAt) + AUTO_RELEASE;
        if (block.timestamp >= releaseAt) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.TooLate.selector, id, releaseAt));
        } else {
            vm.expectEmit(address(market));
            emit IChainMart.DisputeOpened(id, "cid", uint40(block.timestamp) + 14 days);
        }
        vm.prank(buyer);
        market.openDispute(id, order, "cid");
    }

    function testFuzz_submitStatement_partiesOnly(address caller) public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _dispute(id, order);
        bool party = caller == buyer || caller == merchant || caller == arbiter;
        if (!party) vm.expectRevert(abi.encodeWithSelector(IChainMart.NotAuthorized.selector, id, caller));
        else vm.expectEmit(address(market));
        if (party) emit IChainMart.DisputeStatement(id, caller, "cid");
        vm.prank(caller);
        market.submitStatement(id, order, "cid");
    }

    function testFuzz_settle_anySplitSignedByBuyerAndMerchant(uint96 buyerAmount) public {
        (, uint256 merchantKey) = makeAddrAndKey("merchant");
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 3, 0);
        order = _dispute(id, order);
        buyerAmount = uint96(bound(buyerAmount, 0, order.amount + 1));
        bytes32 digest = market.settlementDigest(id, buyerAmount);
        IChainMart.PartySignature[2] memory sigs;
        sigs[0] = IChainMart.PartySignature(buyer, _sign(buyerKey, digest));
        sigs[1] = IChainMart.PartySignature(merchant, _sign(merchantKey, digest));
        if (buyerAmount > order.amount) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.AmountInvalid.selector, id, buyerAmount, order.amount));
        }
        market.settle(id, order, buyerAmount, sigs);
        if (buyerAmount <= order.amount) assertEq(market.creditOf(buyer, address(usd)), buyerAmount);
    }

    function testFuzz_settle_rejectsSignatureForOtherSplit(uint96 signed, uint96 submitted) public {
        (, uint256 merchantKey) = makeAddrAndKey("merchant");
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _dispute(id, order);
        signed = uint96(bound(signed, 0, order.amount));
        submitted = uint96(bound(submitted, 0, order.amount));
        vm.assume(signed != submitted);
        bytes32 digest = market.settlementDigest(id, signed);
        IChainMart.PartySignature[2] memory sigs;
        sigs[0] = IChainMart.PartySignature(buyer, _sign(buyerKey, digest));
        sigs[1] = IChainMart.PartySignature(merchant, _sign(merchantKey, digest));
        vm.expectRevert(abi.encodeWithSelector(IChainMart.SignatureInvalid.selector, id, buyer));
        market.settle(id, order, submitted, sigs);
    }

    function testFuzz_resolveAfterArbiterTimeout_onlyAfterWindow(uint32 wait) public {
        wait = uint32(bound(wait, 0, 30 days));
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _dispute(id, order);
        vm.warp(block.timestamp + wait);
        uint256 deadline = uint256(order.disputedAt) + 14 days;
        if (block.timestamp < deadline) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.TooEarly.selector, id, deadline));
        }
        vm.prank(stranger);
        market.resolveAfterArbiterTimeout(id, order);
    }

    function testFuzz_review_ratingBounds(uint8 rating) public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _confirm(id, _ship(id, order));
        if (rating == 0 || rating > 5) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.RatingInvalid.selector, rating));
        }
        vm.prank(buyer);
        market.review(id, order, rating, "cid");
    }

    function testFuzz_replyToReview_merchantOnly(address caller) public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _confirm(id, _ship(id, order));
        vm.prank(buyer);
        market.review(id, order, 5, "cid");
        order.flags = 1;
        if (caller != merchant) vm.expectRevert(abi.encodeWithSelector(IChainMart.NotAuthorized.selector, id, caller));
        vm.prank(caller);
        market.replyToReview(id, order, "reply");
    }

    function testFuzz_withdraw_paysExactCredit(uint32 quantity, address to) public {
        vm.assume(to != address(0) && to != address(market) && to.code.length == 0 && uint160(to) > 0x100);
        quantity = uint32(bound(quantity, 1, 10));
        (uint256 id, Order memory order) = _buy(buyer, usdListing, quantity, 0);
        _confirm(id, _ship(id, order));
        uint256 credit = market.creditOf(merchant, address(usd));
        uint256 before = usd.balanceOf(to);
        vm.prank(merchant);
        market.withdraw(address(usd), to);
        assertEq(usd.balanceOf(to) - before, credit);
        assertEq(market.creditOf(merchant, address(usd)), 0);
    }

    function testFuzz_setCourier_merchantsOnly(address caller, address courier_, bool allowed) public {
        vm.assume(caller != merchant && caller != merchant2);
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.MerchantNotRegistered.selector, caller));
        market.setCourier(courier_, allowed);
        vm.prank(merchant);
        market.setCourier(courier_, allowed);
        assertEq(market.isCourier(merchant, courier_), allowed);
    }

    function testFuzz_setListingPaused_ownerOnly(address caller, bool paused) public {
        if (caller != merchant) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.NotListingMerchant.selector, usdListing, caller));
        }
        vm.prank(caller);
        market.setListingPaused(usdListing, paused);
    }

    function testFuzz_setFeeRecipient_ownerOnly(address recipient) public {
        vm.assume(recipient != address(0));
        vm.prank(owner);
        market.setFeeRecipient(recipient);
        assertEq(market.feeRecipient(), recipient);
    }

    function testFuzz_points_onlyMarketMintsAndBurns(address caller, uint256 amount) public {
        vm.assume(caller != address(market));
        vm.startPrank(caller);
        vm.expectRevert(abi.encodeWithSelector(IChainMartPoints.CallerNotMarket.selector, caller));
        points.mint(caller, amount);
        vm.expectRevert(abi.encodeWithSelector(IChainMartPoints.CallerNotMarket.selector, caller));
        points.burn(buyer, amount);
        vm.stopPrank();
        assertEq(points.decimals(), usd.decimals());
    }
}
