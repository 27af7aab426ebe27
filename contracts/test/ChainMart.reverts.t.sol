// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ChainMart} from "../src/ChainMart.sol";
import {IChainMart} from "../src/interfaces/IChainMart.sol";
import {Order, Status} from "../src/types/Order.sol";
import {BaseTest} from "./utils/BaseTest.sol";

/// @notice The revert paths the scenario suites do not reach.
contract ChainMartRevertsTest is BaseTest {
    function test_constructor_revertsOnBadSettings() public {
        vm.expectRevert(abi.encodeWithSelector(IChainMart.FeeTooHigh.selector, 501, 500));
        new ChainMart(owner, feeRecipient, 501, address(usd));
        vm.expectRevert(abi.encodeWithSelector(IChainMart.RecipientInvalid.selector, address(0)));
        new ChainMart(owner, address(0), FEE_BPS, address(usd));
        vm.expectRevert(abi.encodeWithSelector(IChainMart.TokenInvalid.selector, stranger));
        new ChainMart(owner, feeRecipient, FEE_BPS, stranger);
    }

    function test_buy_revertsIfListingNotFound() public {
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.ListingNotFound.selector, 404));
        market.buy(_purchase(404, 1, USD_PRICE, 0));
    }

    function test_buy_revertsIfShippingInfoTooLong() public {
        IChainMart.Purchase memory purchase = _purchase(usdListing, 1, USD_PRICE, 0);
        purchase.shippingInfo = new bytes(2049);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.FieldTooLong.selector, 2049, 2048));
        market.buy(purchase);
    }

    function test_buy_revertsIfPointsExceedTotal() public {
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(IChainMart.PointsNotAccepted.selector, usdListing, USD_PRICE + 1, USD_PRICE)
        );
        market.buy(_purchase(usdListing, 1, USD_PRICE, USD_PRICE + 1));
    }

    function test_buyWithPermit_revertsForEthListing() public {
        IChainMart.Permit memory permit = _signPermit(ETH_PRICE);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.TokenInvalid.selector, address(0)));
        market.buyWithPermit(_purchase(ethListing, 1, ETH_PRICE, 0), permit);
    }

    function test_refundAndCancel_revertIfWrongCaller() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NotAuthorized.selector, id, buyer));
        market.refund(id, order, 1);
        vm.warp(uint256(order.shipBy) + 1);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NotAuthorized.selector, id, merchant));
        market.cancelUnshipped(id, order);
    }

    function test_refund_revertsOnFinishedOrder() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _confirm(id, _ship(id, order));
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.OrderStatusInvalid.selector, id, Status.Completed));
        market.refund(id, order, 1);
    }

    function test_disputeFunctions_revertOutsideDispute() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.OrderStatusInvalid.selector, id, Status.Paid));
        market.submitStatement(id, order, "cid");
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.OrderStatusInvalid.selector, id, Status.Paid));
        market.rule(id, order, 0);
        IChainMart.PartySignature[2] memory sigs;
        vm.expectRevert(abi.encodeWithSelector(IChainMart.OrderStatusInvalid.selector, id, Status.Paid));
        market.settle(id, order, 0, sigs);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.OrderStatusInvalid.selector, id, Status.Paid));
        market.resolveAfterArbiterTimeout(id, order);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NotAuthorized.selector, id, stranger));
        market.openDispute(id, order, "cid");
        order = _confirm(id, _ship(id, order));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.OrderStatusInvalid.selector, id, Status.Completed));
        market.openDispute(id, order, "cid");
    }

    function test_rule_revertsIfNotArbiterOrSplitTooLarge() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _dispute(id, order);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NotAuthorized.selector, id, merchant));
        market.rule(id, order, 0);
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.AmountInvalid.selector, id, USD_PRICE + 1, USD_PRICE));
        market.rule(id, order, USD_PRICE + 1);
    }

    function test_replyToReview_revertsBeforeReview() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _confirm(id, _ship(id, order));
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.OrderStatusInvalid.selector, id, Status.Completed));
        market.replyToReview(id, order, "reply");
    }

    function test_withdraw_revertsIfRecipientZero() public {
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.RecipientInvalid.selector, address(0)));
        market.withdraw(address(usd), address(0));
    }

    function test_addCheckpoint_revertsOnFinishedOrder() public {
        (uint256 id, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _confirm(id, _ship(id, order));
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.OrderStatusInvalid.selector, id, Status.Completed));
        market.addCheckpoint(id, order, "here", "late");
    }

    function test_setCourierAndListing_revertForStrangers() public {
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NotListingMerchant.selector, usdListing, stranger));
        market.restock(usdListing, 1);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.ListingNotFound.selector, 404));
        market.setListingPaused(404, true);
        vm.stopPrank();
    }
}
