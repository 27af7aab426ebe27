// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMart} from "../src/interfaces/IChainMart.sol";
import {Order, Resolution, Status} from "../src/types/Order.sol";
import {BaseTest} from "./utils/BaseTest.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract ChainMartTest is BaseTest {
    // ------------------------------------------------------------ merchants

    function test_registerMerchant_revertsIfAlreadyRegistered() public {
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.MerchantAlreadyRegistered.selector, merchant));
        market.registerMerchant(_profile(arbiter));
    }

    function test_registerMerchant_revertsIfArbiterIsSelfOrZero() public {
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.ArbiterInvalid.selector, stranger));
        market.registerMerchant(_profile(stranger));
        vm.expectRevert(abi.encodeWithSelector(IChainMart.ArbiterInvalid.selector, address(0)));
        market.registerMerchant(_profile(address(0)));
        vm.stopPrank();
    }

    function testFuzz_registerMerchant_boundsRates(uint16 rewardBps, uint32 window) public {
        IChainMart.MerchantProfile memory profile = _profile(arbiter);
        profile.rewardBps = rewardBps;
        profile.autoReleaseWindow = window;
        if (rewardBps > market.MAX_REWARD_BPS()) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.RewardRateTooHigh.selector, rewardBps, 2000));
        } else if (window < market.MIN_AUTO_RELEASE() || window > market.MAX_AUTO_RELEASE()) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.AutoReleaseWindowInvalid.selector, window));
        } else {
            vm.expectEmit(address(market));
            emit IChainMart.MerchantRegistered(
                stranger, profile.metadataURI, profile.encryptionKey, arbiter, rewardBps, window
            );
        }
        vm.prank(stranger);
        market.registerMerchant(profile);
    }

    function test_updateMerchant_keepsPlacedOrdersTerms() public {
        (uint256 orderId, Order memory order) = _buy(buyer, usdListing, 1, 0);
        IChainMart.MerchantProfile memory profile = _profile(courier);
        profile.rewardBps = 2000;
        vm.prank(merchant);
        market.updateMerchant(profile);
        (, address newArbiter, uint16 newReward,,) = market.merchantOf(merchant);
        assertEq(newArbiter, courier);
        assertEq(newReward, 2000);
        order = _confirm(orderId, _ship(orderId, order));
        assertEq(points.balanceOf(buyer), uint256(USD_PRICE) * REWARD_BPS / 10_000, "snapshotted reward rate");
    }

    function test_updateMerchant_revertsIfNotRegistered() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.MerchantNotRegistered.selector, stranger));
        market.updateMerchant(_profile(arbiter));
    }

    function test_setCourier_allowsCheckpoints() public {
        (uint256 orderId, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _ship(orderId, order);
        vm.prank(courier);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NotAuthorized.selector, orderId, courier));
        market.addCheckpoint(orderId, order, "Shanghai hub", "sorted");
        vm.prank(merchant);
        market.setCourier(courier, true);
        vm.expectEmit(address(market));
        emit IChainMart.CheckpointAdded(orderId, courier, "Shanghai hub", "sorted");
        vm.prank(courier);
        market.addCheckpoint(orderId, order, "Shanghai hub", "sorted");
    }

    // ------------------------------------------------------------ listings

    function test_createListing_revertsIfNotMerchant() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.MerchantNotRegistered.selector, stranger));
        market.createListing(_listingParams(address(usd), 1));
    }

    function test_createListing_revertsIfTokenNotContract() public {
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.TokenInvalid.selector, stranger));
        market.createListing(_listingParams(stranger, 1));
    }

    function testFuzz_createListing_validatesTerms(uint96 price, uint16 maxPerOrder, uint32 shipWithin) public {
        IChainMart.ListingParams memory params = _listingParams(address(usd), price);
        params.maxPerOrder = maxPerOrder;
        params.shipWithin = shipWithin;
        vm.prank(merchant);
        if (price == 0 || maxPerOrder == 0) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.ListingTermsInvalid.selector, price, maxPerOrder));
        } else if (shipWithin < 1 hours || shipWithin > 90 days) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.ShipWithinInvalid.selector, shipWithin));
        }
        uint64 id = market.createListing(params);
        if (id != 0) {
            (address m,, uint96 storedPrice,,,,) = market.listingOf(id);
            assertEq(m, merchant);
            assertEq(storedPrice, price);
        }
    }

    function test_createListing_revertsIfTitleTooLong() public {
        IChainMart.ListingParams memory params = _listingParams(address(usd), 1);
        params.title = string(new bytes(513));
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.FieldTooLong.selector, 513, 512));
        market.createListing(params);
    }

    function test_updateListing_priceChangeDoesNotTouchPlacedOrder() public {
        (uint256 orderId, Order memory order) = _buy(buyer, usdListing, 1, 0);
        IChainMart.ListingUpdate memory update = IChainMart.ListingUpdate({
            price: USD_PRICE * 2, maxPerOrder: 5, shipWithin: SHIP_WITHIN, title: "t", category: "c", metadataURI: "m"
        });
        vm.prank(merchant);
        market.updateListing(usdListing, update);
        order = _confirm(orderId, _ship(orderId, order));
        uint256 fee = uint256(USD_PRICE) * FEE_BPS / 10_000;
        uint256 reward = uint256(USD_PRICE) * REWARD_BPS / 10_000;
        assertEq(market.creditOf(merchant, address(usd)), USD_PRICE - fee - reward);
    }

    function test_buy_revertsIfPriceRaisedAboveMaxTotal() public {
        IChainMart.ListingUpdate memory update = IChainMart.ListingUpdate({
            price: USD_PRICE + 1, maxPerOrder: 10, shipWithin: SHIP_WITHIN, title: "t", category: "c", metadataURI: "m"
        });
        vm.prank(merchant);
        market.updateListing(usdListing, update);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.PriceAboveMax.selector, USD_PRICE + 1, USD_PRICE));
        market.buy(_purchase(usdListing, 1, USD_PRICE, 0));
    }

    function test_updateListing_revertsIfNotOwner() public {
        IChainMart.ListingUpdate memory update = IChainMart.ListingUpdate({
            price: 1, maxPerOrder: 1, shipWithin: SHIP_WITHIN, title: "", category: "", metadataURI: ""
        });
        vm.prank(merchant2);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NotListingMerchant.selector, usdListing, merchant2));
        market.updateListing(usdListing, update);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.ListingNotFound.selector, 999));
        market.updateListing(999, update);
    }

    function test_setListingPaused_blocksPurchases() public {
        vm.prank(merchant);
        market.setListingPaused(usdListing, true);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.ListingIsPaused.selector, usdListing));
        market.buy(_purchase(usdListing, 1, USD_PRICE, 0));
    }

    function testFuzz_restock_addsOrReverts(uint32 added) public {
        vm.prank(merchant);
        if (uint256(added) + 1000 > type(uint32).max) {
            vm.expectRevert(abi.encodeWithSelector(IChainMart.StockOverflow.selector, usdListing, 1000, added));
            market.restock(usdListing, added);
        } else {
            vm.expectEmit(address(market));
            emit IChainMart.ListingRestocked(usdListing, added, 1000 + added);
            market.restock(usdListing, added);
        }
    }

    function test_addProvenance_emits() public {
        IChainMart.ProvenanceStep memory step = IChainMart.ProvenanceStep({
            kind: "origin",
            location: unicode"勐海, Yunnan",
            occurredAt: 1_700_000_000,
            actor: "Farm 7",
            evidenceCid: "bafy"
        });
        vm.expectEmit(address(market));
        emit IChainMart.ProvenanceAdded(usdListing, "origin", unicode"勐海, Yunnan", 1_700_000_000, "Farm 7", "bafy");
        vm.prank(merchant);
        market.addProvenance(usdListing, step);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NotListingMerchant.selector, usdListing, stranger));
        market.addProvenance(usdListing, step);
    }

    // ------------------------------------------------------------ checkout

    function testFuzz_buy_takesStockAndEscrowsExactly(uint32 quantity) public {
        quantity = uint32(bound(quantity, 1, 10));
        uint256 before = usd.balanceOf(address(market));
        (uint256 orderId, Order memory order) = _buy(buyer, usdListing, quantity, 0);
        assertEq(usd.balanceOf(address(market)) - before, uint256(USD_PRICE) * quantity);
        assertEq(order.amount, uint256(USD_PRICE) * quantity);
        assertEq(order.arbiter, arbiter);
        assertEq(order.feeBps, FEE_BPS);
        assertEq(order.shipBy, block.timestamp + SHIP_WITHIN);
        (,,, uint32 stock,,,) = market.listingOf(usdListing);
        assertEq(stock, 1000 - quantity);
        assertEq(market.orderHashOf(orderId), market.hashOrder(order));
    }

    function test_buy_revertsOnBadQuantity() public {
        vm.startPrank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.QuantityInvalid.selector, 0, 10));
        market.buy(_purchase(usdListing, 0, USD_PRICE, 0));
        vm.expectRevert(abi.encodeWithSelector(IChainMart.QuantityInvalid.selector, 11, 10));
        market.buy(_purchase(usdListing, 11, USD_PRICE * 11, 0));
        vm.stopPrank();
    }

    function test_buy_revertsIfSoldOut() public {
        IChainMart.ListingParams memory params = _listingParams(address(usd), USD_PRICE);
        params.stock = 1;
        vm.prank(merchant);
        uint64 scarce = market.createListing(params);
        _buy(buyer, scarce, 1, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.OutOfStock.selector, scarce, 1, 0));
        market.buy(_purchase(scarce, 1, USD_PRICE, 0));
    }

    function test_buy_revertsIfSelfDealing() public {
        usd.mint(merchant, USD_PRICE);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.SelfDealing.selector, merchant));
        market.buy(_purchase(usdListing, 1, USD_PRICE, 0));
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.SelfDealing.selector, arbiter));
        market.buy(_purchase(usdListing, 1, USD_PRICE, 0));
    }

    function test_buy_revertsOnEthMismatch() public {
        vm.startPrank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.EthAmountMismatch.selector, 1, ETH_PRICE));
        market.buy{value: 1}(_purchase(ethListing, 1, ETH_PRICE, 0));
        vm.expectRevert(abi.encodeWithSelector(IChainMart.EthAmountMismatch.selector, 1, 0));
        market.buy{value: 1}(_purchase(usdListing, 1, USD_PRICE, 0));
        vm.stopPrank();
    }

    function test_buy_revertsIfPointsOnEthListing() public {
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.PointsNotAccepted.selector, ethListing, 1, ETH_PRICE));
        market.buy{value: ETH_PRICE - 1}(_purchase(ethListing, 1, ETH_PRICE, 1));
    }

    function test_buy_pointsEarnedAtOneMerchantSpentAtAnother() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 10, 0);
        _confirm(id, _ship(id, order));
        uint96 earned = uint96(points.balanceOf(buyer));
        assertEq(earned, 10 * uint256(USD_PRICE) * REWARD_BPS / 10_000);
        uint256 cashBefore = usd.balanceOf(buyer);
        (uint256 id2, Order memory order2) = _buy(buyer, usdListing2, 1, earned);
        assertEq(cashBefore - usd.balanceOf(buyer), USD_PRICE - earned, "paid the rest in cash");
        assertEq(points.balanceOf(buyer), 0);
        assertEq(market.pointsReserve(), 0);
        _confirm(id2, _ship(id2, order2));
        uint256 fee = uint256(USD_PRICE) * FEE_BPS / 10_000;
        uint256 reward = uint256(USD_PRICE) * REWARD_BPS / 10_000;
        assertEq(market.creditOf(merchant2, address(usd)), USD_PRICE - fee - reward, "paid in full from the reserve");
    }

    function test_buyWithPermit_oneTransaction() public {
        vm.prank(buyer);
        usd.approve(address(market), 0);
        IChainMart.Permit memory permit = _signPermit(USD_PRICE);
        vm.prank(buyer);
        market.buyWithPermit(_purchase(usdListing, 1, USD_PRICE, 0), permit);
        assertEq(market.orderCount(), 1);
    }

    function test_buyWithPermit_survivesFrontRunPermit() public {
        vm.prank(buyer);
        usd.approve(address(market), 0);
        IChainMart.Permit memory permit = _signPermit(USD_PRICE);
        usd.permit(buyer, address(market), permit.value, permit.deadline, permit.v, permit.r, permit.s);
        vm.prank(buyer);
        market.buyWithPermit(_purchase(usdListing, 1, USD_PRICE, 0), permit);
        assertEq(market.orderCount(), 1);
    }

    function test_buyWithPermit_revertsIfPermitTooSmall() public {
        vm.prank(buyer);
        usd.approve(address(market), 0);
        IChainMart.Permit memory permit = _signPermit(USD_PRICE - 1);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.PermitInsufficient.selector, USD_PRICE - 1, USD_PRICE));
        market.buyWithPermit(_purchase(usdListing, 1, USD_PRICE, 0), permit);
    }

    // ------------------------------------------------------------ lifecycle

    function test_ship_revertsIfNotMerchantOrTampered() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NotAuthorized.selector, id, stranger));
        market.ship(id, order, "c", "t");
        order.amount += 1;
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.OrderMismatch.selector, id));
        market.ship(id, order, "c", "t");
    }

    function test_confirmReceipt_revertsIfNotShippedOrNotBuyer() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.OrderStatusInvalid.selector, id, Status.Paid));
        market.confirmReceipt(id, order);
        order = _ship(id, order);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NotAuthorized.selector, id, stranger));
        market.confirmReceipt(id, order);
    }

    function testFuzz_completeAfterTimeout_onlyAfterWindow(uint32 wait) public {
        wait = uint32(bound(wait, 0, 30 days));
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _ship(id, order);
        vm.warp(block.timestamp + wait);
        vm.prank(stranger);
        if (wait < AUTO_RELEASE) {
            vm.expectRevert(
                abi.encodeWithSelector(IChainMart.TooEarly.selector, id, uint256(order.shippedAt) + AUTO_RELEASE)
            );
        }
        market.completeAfterTimeout(id, order);
    }

    function testFuzz_refund_cashThenPoints(uint96 pointsSpent, uint96 refundAmount) public {
        (uint256 id0, Order memory o0) = _buy(buyer, usdListing, 10, 0);
        _confirm(id0, _ship(id0, o0));
        pointsSpent = uint96(bound(pointsSpent, 0, points.balanceOf(buyer)));
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, pointsSpent);
        refundAmount = uint96(bound(refundAmount, 1, order.amount));
        uint96 cashHeld = order.amount - order.pointsPaid;
        uint96 cash = refundAmount < cashHeld ? refundAmount : cashHeld;
        vm.expectEmit(address(market));
        emit IChainMart.OrderRefunded(id, cash, refundAmount - cash, order.amount - refundAmount);
        vm.prank(merchant);
        market.refund(id, order, refundAmount);
        assertEq(market.creditOf(buyer, address(usd)), cash);
        assertEq(market.pointsReserve(), points.totalSupply());
    }

    function test_refund_revertsOnBadAmount() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        vm.startPrank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.AmountInvalid.selector, id, 0, USD_PRICE));
        market.refund(id, order, 0);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.AmountInvalid.selector, id, USD_PRICE + 1, USD_PRICE));
        market.refund(id, order, USD_PRICE + 1);
        vm.stopPrank();
    }

    function test_cancelUnshipped_afterDeadlineOnly() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.TooEarly.selector, id, uint256(order.shipBy) + 1));
        market.cancelUnshipped(id, order);
        vm.warp(uint256(order.shipBy) + 1);
        vm.prank(buyer);
        market.cancelUnshipped(id, order);
        assertEq(market.creditOf(buyer, address(usd)), USD_PRICE);
        (,,, uint32 stock,,,) = market.listingOf(usdListing);
        assertEq(stock, 999, "stock is not returned: the merchant restocks");
    }

    // ------------------------------------------------------------ disputes

    function testFuzz_rule_splitsWithFeeOnMerchantShare(uint96 buyerAmount) public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 4, 0);
        order = _dispute(id, order);
        buyerAmount = uint96(bound(buyerAmount, 0, order.amount));
        uint256 merchantShare = order.amount - buyerAmount;
        uint256 fee = merchantShare * FEE_BPS / 10_000;
        vm.prank(arbiter);
        market.rule(id, order, buyerAmount);
        assertEq(market.creditOf(buyer, address(usd)), buyerAmount);
        assertEq(market.creditOf(merchant, address(usd)), merchantShare - fee);
        assertEq(market.creditOf(feeRecipient, address(usd)), fee);
    }

    function test_rule_revertsAfterWindowThenDefaultRefunds() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _dispute(id, order);
        vm.warp(block.timestamp + 14 days);
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.TooLate.selector, id, uint256(order.disputedAt) + 14 days));
        market.rule(id, order, 0);
        vm.expectEmit(address(market));
        emit IChainMart.DisputeResolved(id, Resolution.ArbiterTimeout, stranger, USD_PRICE, 0, 0, 0);
        vm.prank(stranger);
        market.resolveAfterArbiterTimeout(id, order);
        assertEq(market.creditOf(buyer, address(usd)), USD_PRICE);
    }

    function test_openDispute_revertsAfterAutoRelease() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _ship(id, order);
        vm.warp(uint256(order.shippedAt) + AUTO_RELEASE);
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(IChainMart.TooLate.selector, id, uint256(order.shippedAt) + AUTO_RELEASE)
        );
        market.openDispute(id, order, "cid");
    }

    function test_settle_twoOfThreeSignatures() public {
        (, uint256 merchantKey) = makeAddrAndKey("merchant");
        (, uint256 arbiterKey) = makeAddrAndKey("arbiter");
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 2, 0);
        order = _dispute(id, order);
        uint96 split = USD_PRICE;
        bytes32 digest = market.settlementDigest(id, split);
        IChainMart.PartySignature[2] memory sigs;
        sigs[0] = IChainMart.PartySignature(buyer, _sign(buyerKey, digest));
        sigs[1] = IChainMart.PartySignature(buyer, _sign(buyerKey, digest));
        vm.expectRevert(abi.encodeWithSelector(IChainMart.SignatureInvalid.selector, id, buyer));
        market.settle(id, order, split, sigs);
        sigs[1] = IChainMart.PartySignature(stranger, _sign(buyerKey, digest));
        vm.expectRevert(abi.encodeWithSelector(IChainMart.SignatureInvalid.selector, id, stranger));
        market.settle(id, order, split, sigs);
        sigs[1] = IChainMart.PartySignature(merchant, _sign(arbiterKey, digest));
        vm.expectRevert(abi.encodeWithSelector(IChainMart.SignatureInvalid.selector, id, merchant));
        market.settle(id, order, split, sigs);
        sigs[1] = IChainMart.PartySignature(arbiter, _sign(arbiterKey, digest));
        sigs[0] = IChainMart.PartySignature(merchant, _sign(merchantKey, digest));
        vm.prank(stranger);
        market.settle(id, order, split, sigs);
        assertEq(market.creditOf(buyer, address(usd)), split);
    }

    // ------------------------------------------------------------ reviews

    function test_review_onlyBuyerOnceAfterCompletion() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.OrderStatusInvalid.selector, id, Status.Paid));
        market.review(id, order, 5, "cid");
        order = _confirm(id, _ship(id, order));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NotAuthorized.selector, id, stranger));
        market.review(id, order, 5, "cid");
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.RatingInvalid.selector, 6));
        market.review(id, order, 6, "cid");
        vm.expectEmit(address(market));
        emit IChainMart.Reviewed(id, usdListing, merchant, buyer, 4, "cid");
        vm.prank(buyer);
        market.review(id, order, 4, "cid");
        order.flags = 1;
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.AlreadyReviewed.selector, id));
        market.review(id, order, 4, "cid");
        vm.prank(merchant);
        market.replyToReview(id, order, "thanks");
        order.flags = 3;
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.AlreadyReviewed.selector, id));
        market.replyToReview(id, order, "again");
    }

    // ------------------------------------------------------------ funds and admin

    function test_withdraw_toAnotherAddress() public {
        (uint256 id, Order memory order) = _buy(buyer, ethListing, 1, 0);
        _confirm(id, _ship(id, order));
        uint256 credit = market.creditOf(merchant, address(0));
        vm.prank(merchant);
        market.withdraw(address(0), stranger);
        assertEq(stranger.balance, credit);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NothingToWithdraw.selector, merchant, address(0)));
        market.withdraw(address(0), stranger);
    }

    function testFuzz_setFee_cappedAndOwnerOnly(uint16 fee) public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        market.setFee(fee);
        vm.prank(owner);
        if (fee > 500) vm.expectRevert(abi.encodeWithSelector(IChainMart.FeeTooHigh.selector, fee, 500));
        market.setFee(fee);
    }

    function test_setFeeRecipient_revertsIfZero() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.RecipientInvalid.selector, address(0)));
        market.setFeeRecipient(address(0));
    }
}
