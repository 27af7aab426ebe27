// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMartEscrow} from "../../src/interfaces/IChainMartEscrow.sol";
import {Status} from "../../src/types/Order.sol";
import {OrderState, OrderTerms} from "../../src/types/OrderTerms.sol";
import {RefusingReceiver} from "./mocks/Actors.sol";
import {BaseV2Test} from "./utils/BaseV2Test.sol";

contract ChainMartEscrowLifecycleTest is BaseV2Test {
    // ---------------------------------------------------------------- ship

    function test_ship_recordsTheShipment() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.OrderShipped(id, uint40(block.timestamp), "SF Express", "SF1234567890");
        _ship(id, terms);
        OrderState memory state = _state(id, terms);
        assertEq(uint8(state.status), uint8(Status.Shipped));
        assertEq(state.shippedAt, block.timestamp);
        assertEq(state.remaining, USD_PRICE);
    }

    /// @dev Exploit 5 of the v1 review: a late shipment pre-empted the buyer's cancellation.
    function test_ship_revertsIfAfterShipBy() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        vm.warp(terms.shipBy + 1);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.TooLate.selector, id, terms.shipBy));
        escrow.ship(id, terms, "SF", "1");
        vm.warp(terms.shipBy);
        _ship(id, terms);
    }

    function test_ship_revertsIfNotMerchantWrongTermsOrNotPaid() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.NotAuthorized.selector, id, stranger));
        escrow.ship(id, terms, "SF", "1");
        OrderTerms memory forged = abi.decode(abi.encode(terms), (OrderTerms));
        forged.total = 1;
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.TermsMismatch.selector, id));
        escrow.ship(id, forged, "SF", "1");
        _ship(id, terms);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.OrderStatusInvalid.selector, id, Status.Shipped));
        escrow.ship(id, terms, "SF", "1");
    }

    function test_ship_revertsIfCarrierTooLong() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.FieldTooLong.selector, 129, 128));
        escrow.ship(id, terms, string(new bytes(129)), "1");
    }

    function test_shipBatch_shipsAllAndSkipsWhatTheBuyerDisputed() public {
        (uint256[] memory ids, OrderTerms[] memory terms) = _buyLines(buyer, 4);
        _dispute(ids[2], terms[2]);
        IChainMartEscrow.Shipment[] memory shipments = new IChainMartEscrow.Shipment[](4);
        for (uint256 i; i < 4; ++i) {
            shipments[i] = IChainMartEscrow.Shipment({
                orderId: ids[i], terms: terms[i], carrier: "SF Express", trackingRef: vm.toString(i)
            });
        }
        vm.prank(merchant);
        assertEq(escrow.shipBatch(shipments), 3);
        assertEq(uint8(_status(ids[0], terms[0])), uint8(Status.Shipped));
        assertEq(uint8(_status(ids[2], terms[2])), uint8(Status.Disputed));
        assertEq(uint8(_status(ids[3], terms[3])), uint8(Status.Shipped));
    }

    function test_shipBatch_revertsIfAnOrderIsAnotherMerchants() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing2, 1, 0);
        IChainMartEscrow.Shipment[] memory shipments = new IChainMartEscrow.Shipment[](1);
        shipments[0] = IChainMartEscrow.Shipment({orderId: id, terms: terms, carrier: "SF", trackingRef: "1"});
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.NotAuthorized.selector, id, merchant));
        escrow.shipBatch(shipments);
    }

    // ---------------------------------------------------------------- checkpoints

    function test_addCheckpoint_byMerchantOrCourierOnceShipped() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.OrderStatusInvalid.selector, id, Status.Paid));
        escrow.addCheckpoint(id, terms, "Kunming", "picked up");
        _ship(id, terms);
        vm.prank(courier);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.NotAuthorized.selector, id, courier));
        escrow.addCheckpoint(id, terms, "Kunming", "picked up");
        vm.prank(merchant);
        catalog.setCourier(courier, true);
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.CheckpointAdded(id, courier, "Kunming", "picked up");
        vm.prank(courier);
        escrow.addCheckpoint(id, terms, "Kunming", "picked up");
    }

    // ---------------------------------------------------------------- completion

    function test_confirmReceipt_paysMerchantFeeAndPoints() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 4, 0);
        _ship(id, terms);
        uint96 total = 4 * USD_PRICE;
        uint96 fee = total * FEE_BPS / 10_000;
        uint96 reward = total * REWARD_BPS / 10_000;
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.OrderCompleted(id, buyer, total - fee - reward, fee, reward);
        _confirm(id, terms);
        assertEq(escrow.creditOf(merchant, address(usd)), total - fee - reward);
        assertEq(escrow.creditOf(feeRecipient, address(usd)), fee);
        assertEq(points.balanceOf(buyer), reward);
        assertEq(escrow.pointsReserve(), reward);
        assertEq(uint8(_status(id, terms)), uint8(Status.Completed));
        assertEq(_state(id, terms).remaining, 0);
    }

    function test_confirmReceipt_revertsIfNotBuyerOrNotShipped() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.OrderStatusInvalid.selector, id, Status.Paid));
        escrow.confirmReceipt(id, terms);
        _ship(id, terms);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.NotAuthorized.selector, id, merchant));
        escrow.confirmReceipt(id, terms);
    }

    /// @dev The fee is snapshotted: a fee change after checkout never reaches the order.
    function test_confirmReceipt_usesTheFeeOfCheckoutTime() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        vm.prank(owner);
        escrow.announceFee(0);
        _ship(id, terms);
        _confirm(id, terms);
        assertEq(escrow.creditOf(feeRecipient, address(usd)), USD_PRICE * FEE_BPS / 10_000);
    }

    function test_completeAfterTimeout_byAnyoneOnceTheWindowPassed() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        _ship(id, terms);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.TooEarly.selector, id, block.timestamp + AUTO_RELEASE));
        escrow.completeAfterTimeout(id, terms);
        vm.warp(block.timestamp + AUTO_RELEASE);
        vm.prank(stranger);
        escrow.completeAfterTimeout(id, terms);
        assertEq(uint8(_status(id, terms)), uint8(Status.Completed));
    }

    function test_completeBatch_completesAndSkipsWhatSomeoneElseFinished() public {
        (uint256[] memory ids, OrderTerms[] memory terms) = _buyLines(buyer, 3);
        IChainMartEscrow.OrderRef[] memory refs = new IChainMartEscrow.OrderRef[](3);
        for (uint256 i; i < 3; ++i) {
            _ship(ids[i], terms[i]);
            refs[i] = IChainMartEscrow.OrderRef({orderId: ids[i], terms: terms[i]});
        }
        vm.prank(stranger);
        vm.expectRevert(
            abi.encodeWithSelector(IChainMartEscrow.TooEarly.selector, ids[0], block.timestamp + AUTO_RELEASE)
        );
        escrow.completeBatch(refs);
        _confirm(ids[1], terms[1]);
        vm.warp(block.timestamp + AUTO_RELEASE);
        vm.prank(stranger);
        assertEq(escrow.completeBatch(refs), 2);
        uint96 fee = USD_PRICE * FEE_BPS / 10_000;
        uint96 reward = USD_PRICE * REWARD_BPS / 10_000;
        assertEq(escrow.creditOf(merchant, address(usd)), 3 * (USD_PRICE - fee - reward));
    }

    // ---------------------------------------------------------------- refunds and cancellations

    function test_refund_partialThenFull_pushesToTheWalletAndReturnsStock() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 2, 0);
        uint256 before = usd.balanceOf(buyer);
        vm.prank(merchant);
        escrow.refund(id, terms, 1e6);
        assertEq(usd.balanceOf(buyer), before + 1e6, "straight to the wallet");
        assertEq(escrow.creditOf(buyer, address(usd)), 0);
        assertEq(_state(id, terms).remaining, 2 * USD_PRICE - 1e6);
        assertEq(_stock(usdListing), 998);
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.OrderRefunded(id, 2 * USD_PRICE - 1e6, 0, 0);
        vm.prank(merchant);
        escrow.refund(id, terms, 2 * USD_PRICE - 1e6);
        assertEq(usd.balanceOf(buyer), before + 2 * USD_PRICE);
        assertEq(uint8(_status(id, terms)), uint8(Status.Refunded));
        assertEq(_stock(usdListing), 1000, "unshipped and fully refunded: stock comes back");
    }

    function test_refund_ofAShippedOrderKeepsTheStockOut() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 2, 0);
        _ship(id, terms);
        vm.prank(merchant);
        escrow.refund(id, terms, 2 * USD_PRICE);
        assertEq(_stock(usdListing), 998);
    }

    function test_refund_returnsCashFirstThenPoints() public {
        _earnPointsOnce();
        uint96 held = uint96(points.balanceOf(buyer));
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, held);
        uint96 cash = USD_PRICE - held;
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.OrderRefunded(id, cash, 1, held - 1);
        vm.prank(merchant);
        escrow.refund(id, terms, cash + 1);
        assertEq(points.balanceOf(buyer), 1);
        assertEq(escrow.pointsReserve(), 1);
    }

    function test_refund_creditsABlocklistedBuyerAndEveryoneElseStillMoves() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 2, 0);
        usd.setBlocklisted(buyer, true);
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.BuyerCredited(id, buyer, address(usd), USD_PRICE);
        vm.prank(merchant);
        escrow.refund(id, terms, USD_PRICE);
        assertEq(escrow.creditOf(buyer, address(usd)), USD_PRICE);
        usd.setBlocklisted(buyer, false);
        address[] memory tokens = new address[](1);
        tokens[0] = address(usd);
        address fresh = makeAddr("buyer's new wallet");
        vm.prank(buyer);
        escrow.withdraw(tokens, fresh);
        assertEq(usd.balanceOf(fresh), USD_PRICE);
    }

    function test_refund_creditsAContractBuyerThatRefusesOrBurnsGas() public {
        RefusingReceiver contractBuyer = new RefusingReceiver();
        vm.deal(address(contractBuyer), 1 ether);
        IChainMartEscrow.Cart memory cart = _cart(address(0), _line(ethListing, 1, 0));
        vm.recordLogs();
        contractBuyer.call(address(escrow), ETH_PRICE, abi.encodeCall(escrow.checkout, (cart, _noCollector())));
        (uint256[] memory ids, OrderTerms[] memory terms) = _placedOrders();
        vm.prank(merchant);
        escrow.refund(ids[0], terms[0], ETH_PRICE / 2);
        assertEq(escrow.creditOf(address(contractBuyer), address(0)), ETH_PRICE / 2);
        contractBuyer.setBurnGas(true);
        vm.prank(merchant);
        escrow.refund{gas: 1_000_000}(ids[0], terms[0], ETH_PRICE / 2);
        assertEq(escrow.creditOf(address(contractBuyer), address(0)), ETH_PRICE);
    }

    function test_refund_revertsIfStarvedOfTheGasForThePush() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        vm.prank(merchant);
        vm.expectRevert();
        escrow.refund{gas: 90_000}(id, terms, 1);
        assertEq(_state(id, terms).remaining, USD_PRICE);
    }

    function test_refund_revertsIfZeroTooMuchOrNotMerchant() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        vm.startPrank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.AmountInvalid.selector, id, 0, USD_PRICE));
        escrow.refund(id, terms, 0);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.AmountInvalid.selector, id, USD_PRICE + 1, USD_PRICE));
        escrow.refund(id, terms, USD_PRICE + 1);
        vm.stopPrank();
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.NotAuthorized.selector, id, buyer));
        escrow.refund(id, terms, 1);
    }

    function test_cancelUnshipped_afterShipByRefundsInFullAndReturnsStock() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 3, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.TooEarly.selector, id, uint256(terms.shipBy) + 1));
        escrow.cancelUnshipped(id, terms);
        vm.warp(terms.shipBy + 1);
        uint256 before = usd.balanceOf(buyer);
        vm.prank(buyer);
        escrow.cancelUnshipped(id, terms);
        assertEq(usd.balanceOf(buyer), before + 3 * USD_PRICE);
        assertEq(_stock(usdListing), 1000);
        assertEq(uint8(_status(id, terms)), uint8(Status.Cancelled));
    }

    function test_cancelUnshipped_neverBlockedByAFullStockCounter() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 3, 0);
        vm.prank(merchant);
        catalog.restock(usdListing, type(uint32).max - 997);
        vm.warp(terms.shipBy + 1);
        vm.prank(buyer);
        escrow.cancelUnshipped(id, terms);
        assertEq(_stock(usdListing), type(uint32).max);
    }

    // ---------------------------------------------------------------- reviews

    function test_review_onceByTheBuyerThenOneReply() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.OrderStatusInvalid.selector, id, Status.Paid));
        escrow.review(id, terms, 5, "ipfs://nice");
        _ship(id, terms);
        _confirm(id, terms);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.RatingInvalid.selector, 6));
        escrow.review(id, terms, 6, "");
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.NotAuthorized.selector, id, stranger));
        escrow.review(id, terms, 5, "");
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.OrderStatusInvalid.selector, id, Status.Completed));
        escrow.replyToReview(id, terms, "ipfs://thanks");
        vm.prank(buyer);
        escrow.review(id, terms, 5, "ipfs://nice");
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.AlreadyReviewed.selector, id));
        escrow.review(id, terms, 1, "");
        vm.prank(merchant);
        escrow.replyToReview(id, terms, "ipfs://thanks");
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.AlreadyReviewed.selector, id));
        escrow.replyToReview(id, terms, "ipfs://again");
        assertEq(_state(id, terms).flags, 3);
    }

    // ---------------------------------------------------------------- withdraw

    function test_withdraw_severalTokensAtOnce() public {
        (uint256 a, OrderTerms memory ta) = _buy(buyer, usdListing, 1, 0);
        (uint256 b, OrderTerms memory tb) = _buy(buyer, ethListing, 1, 0);
        _ship(a, ta);
        _ship(b, tb);
        _confirm(a, ta);
        _confirm(b, tb);
        address[] memory tokens = new address[](3);
        tokens[0] = address(usd);
        tokens[1] = address(0);
        tokens[2] = address(0xdead);
        uint256 usdCredit = escrow.creditOf(merchant, address(usd));
        uint256 ethCredit = escrow.creditOf(merchant, address(0));
        address to = makeAddr("merchant treasury");
        vm.prank(merchant);
        escrow.withdraw(tokens, to);
        assertEq(usd.balanceOf(to), usdCredit);
        assertEq(to.balance, ethCredit);
        assertEq(escrow.creditOf(merchant, address(usd)), 0);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.NothingToWithdraw.selector, merchant));
        escrow.withdraw(tokens, to);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.RecipientInvalid.selector, address(0)));
        escrow.withdraw(tokens, address(0));
    }

    // ---------------------------------------------------------------- helpers

    function _buyLines(address who, uint256 count) private returns (uint256[] memory, OrderTerms[] memory) {
        IChainMartEscrow.Cart memory cart;
        cart.token = address(usd);
        cart.lines = new IChainMartEscrow.CartLine[](count);
        for (uint256 i; i < count; ++i) {
            cart.lines[i] = _line(usdListing, 1, 0);
        }
        return _checkout(who, cart, _approval());
    }

    function _earnPointsOnce() private {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 10, 0);
        _ship(id, terms);
        _confirm(id, terms);
    }
}
