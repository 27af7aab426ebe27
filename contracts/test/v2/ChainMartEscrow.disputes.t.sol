// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMartCatalog} from "../../src/interfaces/IChainMartCatalog.sol";
import {IChainMartEscrow} from "../../src/interfaces/IChainMartEscrow.sol";
import {Resolution, Status} from "../../src/types/Order.sol";
import {OrderTerms} from "../../src/types/OrderTerms.sol";
import {BaseV2Test} from "./utils/BaseV2Test.sol";

contract ChainMartEscrowDisputesTest is BaseV2Test {
    uint256 internal id;
    OrderTerms internal terms;

    function setUp() public override {
        super.setUp();
        (id, terms) = _buy(buyer, usdListing, 4, 0);
    }

    // ---------------------------------------------------------------- open and statements

    function test_openDispute_onPaidOrBeforeAutoRelease() public {
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.DisputeOpened(id, "ipfs://statement", uint40(block.timestamp + 14 days));
        _dispute(id, terms);
        assertEq(uint8(_status(id, terms)), uint8(Status.Disputed));
        assertEq(_state(id, terms).disputedAt, block.timestamp);
    }

    function test_openDispute_revertsAfterAutoReleaseOrIfNotBuyer() public {
        _ship(id, terms);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.NotAuthorized.selector, id, merchant));
        escrow.openDispute(id, terms, "");
        vm.warp(block.timestamp + AUTO_RELEASE);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.TooLate.selector, id, block.timestamp));
        escrow.openDispute(id, terms, "");
    }

    /// @dev Exploit 1 of the v1 review: 1-unit refunds changed the order struct and made every buyer call fail.
    function test_partialRefundsNeverBlockTheBuyer() public {
        vm.prank(merchant);
        escrow.refund(id, terms, 1);
        // The buyer's pending transaction was built from the terms it saw before the refund: still valid.
        _dispute(id, terms);
        vm.prank(merchant);
        escrow.refund(id, terms, 1);
        vm.prank(buyer);
        escrow.submitStatement(id, terms, "ipfs://more");
        vm.warp(block.timestamp + 14 days);
        vm.prank(merchant);
        escrow.refund(id, terms, 1);
        uint256 before = usd.balanceOf(buyer);
        vm.prank(stranger);
        escrow.resolveAfterArbiterTimeout(id, terms);
        assertEq(usd.balanceOf(buyer), before + 4 * USD_PRICE - 3);
    }

    function test_partialRefundsNeverBlockCancellation() public {
        vm.warp(terms.shipBy + 1);
        vm.prank(merchant);
        escrow.refund(id, terms, 1);
        uint256 before = usd.balanceOf(buyer);
        vm.prank(buyer);
        escrow.cancelUnshipped(id, terms);
        assertEq(usd.balanceOf(buyer), before + 4 * USD_PRICE - 1);
    }

    function test_submitStatement_byPartiesOfAnOpenDispute() public {
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.OrderStatusInvalid.selector, id, Status.Paid));
        escrow.submitStatement(id, terms, "ipfs://m");
        _dispute(id, terms);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.NotAuthorized.selector, id, stranger));
        escrow.submitStatement(id, terms, "ipfs://s");
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.DisputeStatement(id, arbiter, "ipfs://a");
        vm.prank(arbiter);
        escrow.submitStatement(id, terms, "ipfs://a");
    }

    // ---------------------------------------------------------------- ruling

    function test_rule_splitsWithTheFeeOnTheMerchantShare() public {
        _dispute(id, terms);
        uint96 total = 4 * USD_PRICE;
        uint96 toBuyer = 30e6;
        uint96 fee = (total - toBuyer) * FEE_BPS / 10_000;
        uint256 before = usd.balanceOf(buyer);
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.DisputeResolved(id, Resolution.Ruling, arbiter, toBuyer, 0, total - toBuyer - fee, fee);
        vm.prank(arbiter);
        escrow.rule(id, terms, toBuyer);
        assertEq(usd.balanceOf(buyer), before + toBuyer);
        assertEq(escrow.creditOf(merchant, address(usd)), total - toBuyer - fee);
        assertEq(escrow.creditOf(feeRecipient, address(usd)), fee);
        assertEq(uint8(_status(id, terms)), uint8(Status.Resolved));
    }

    function test_rule_aRefundMeanwhileCapsTheBuyerShareInsteadOfFailing() public {
        _dispute(id, terms);
        vm.prank(merchant);
        escrow.refund(id, terms, 1);
        uint256 before = usd.balanceOf(buyer);
        vm.prank(arbiter);
        escrow.rule(id, terms, 4 * USD_PRICE);
        assertEq(usd.balanceOf(buyer), before + 4 * USD_PRICE - 1);
        assertEq(escrow.creditOf(merchant, address(usd)), 0);
    }

    function test_rule_revertsIfNotArbiterOrAfterWindow() public {
        _dispute(id, terms);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.NotAuthorized.selector, id, merchant));
        escrow.rule(id, terms, 0);
        vm.warp(block.timestamp + 14 days);
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.TooLate.selector, id, block.timestamp));
        escrow.rule(id, terms, 0);
    }

    // ---------------------------------------------------------------- settlement

    function test_settle_byTwoSignaturesSubmittedByAnyone() public {
        _dispute(id, terms);
        uint40 deadline = uint40(block.timestamp + 1 days);
        bytes32 digest = escrow.settlementDigest(id, 50e6, deadline);
        IChainMartEscrow.Approval[2] memory approvals = [
            IChainMartEscrow.Approval({party: buyer, signature: _sign(buyerKey, digest)}),
            IChainMartEscrow.Approval({party: merchant, signature: _sign(merchantKey, digest)})
        ];
        uint256 before = usd.balanceOf(buyer);
        vm.prank(stranger);
        escrow.settle(id, terms, 50e6, deadline, approvals);
        assertEq(usd.balanceOf(buyer), before + 50e6);
        assertEq(uint8(_status(id, terms)), uint8(Status.Resolved));
    }

    function test_settle_offerOnChainAcceptedWithOneCall() public {
        _dispute(id, terms);
        uint40 deadline = uint40(block.timestamp + 3 days);
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.SettlementOffered(id, merchant, 30e6, deadline);
        vm.prank(merchant);
        escrow.offerSettlement(id, terms, 30e6, deadline);
        IChainMartEscrow.Approval[2] memory approvals = [
            IChainMartEscrow.Approval({party: merchant, signature: ""}),
            IChainMartEscrow.Approval({party: buyer, signature: ""})
        ];
        // A stranger cannot accept on the buyer's behalf: only the merchant's offer is on chain.
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.ApprovalInvalid.selector, id, buyer));
        escrow.settle(id, terms, 30e6, deadline, approvals);
        // Another amount than offered is not the merchant's approval.
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.ApprovalInvalid.selector, id, merchant));
        escrow.settle(id, terms, 31e6, deadline, approvals);
        uint256 before = usd.balanceOf(buyer);
        vm.prank(buyer);
        escrow.settle(id, terms, 30e6, deadline, approvals);
        assertEq(usd.balanceOf(buyer), before + 30e6);
    }

    function test_settle_revertsIfSignerNotAPartyOrTheSamePartyTwice() public {
        _dispute(id, terms);
        uint40 deadline = uint40(block.timestamp + 1 days);
        (address mallory, uint256 malloryKey) = makeAddrAndKey("mallory");
        bytes32 digest = escrow.settlementDigest(id, 0, deadline);
        IChainMartEscrow.Approval[2] memory approvals = [
            IChainMartEscrow.Approval({party: merchant, signature: _sign(merchantKey, digest)}),
            IChainMartEscrow.Approval({party: mallory, signature: _sign(malloryKey, digest)})
        ];
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.ApprovalInvalid.selector, id, mallory));
        escrow.settle(id, terms, 0, deadline, approvals);
        approvals[1] = approvals[0];
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.ApprovalInvalid.selector, id, merchant));
        escrow.settle(id, terms, 0, deadline, approvals);
        approvals[1] = IChainMartEscrow.Approval({party: arbiter, signature: _sign(merchantKey, digest)});
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.ApprovalInvalid.selector, id, arbiter));
        escrow.settle(id, terms, 0, deadline, approvals);
    }

    /// @dev Exploit 3 of the v1 review: after the arbiter window, merchant and arbiter front-ran the default
    /// with a 0-to-buyer split; and signed offers never expired.
    function test_settle_revertsAfterTheArbiterWindowAndAfterItsDeadline() public {
        _dispute(id, terms);
        uint40 deadline = uint40(block.timestamp + 20 days);
        bytes32 digest = escrow.settlementDigest(id, 0, deadline);
        IChainMartEscrow.Approval[2] memory approvals = [
            IChainMartEscrow.Approval({party: merchant, signature: _sign(merchantKey, digest)}),
            IChainMartEscrow.Approval({party: arbiter, signature: _sign(arbiterKey, digest)})
        ];
        vm.warp(block.timestamp + 14 days);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.TooLate.selector, id, block.timestamp));
        escrow.settle(id, terms, 0, deadline, approvals);

        (uint256 other, OrderTerms memory otherTerms) = _buy(buyer, usdListing, 1, 0);
        _dispute(other, otherTerms);
        uint40 soon = uint40(block.timestamp + 1 hours);
        digest = escrow.settlementDigest(other, 0, soon);
        approvals = [
            IChainMartEscrow.Approval({party: merchant, signature: _sign(merchantKey, digest)}),
            IChainMartEscrow.Approval({party: buyer, signature: _sign(buyerKey, digest)})
        ];
        vm.warp(soon + 1);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.SettlementExpired.selector, other, soon));
        escrow.settle(other, otherTerms, 0, soon, approvals);
    }

    function test_offerSettlement_revertsIfNotPartyExpiredOrTooMuch() public {
        _dispute(id, terms);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.NotAuthorized.selector, id, stranger));
        escrow.offerSettlement(id, terms, 0, uint40(block.timestamp));
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(IChainMartEscrow.SettlementExpired.selector, id, uint40(block.timestamp - 1))
        );
        escrow.offerSettlement(id, terms, 0, uint40(block.timestamp - 1));
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(IChainMartEscrow.AmountInvalid.selector, id, 4 * USD_PRICE + 1, 4 * USD_PRICE)
        );
        escrow.offerSettlement(id, terms, 4 * USD_PRICE + 1, uint40(block.timestamp));
    }

    // ---------------------------------------------------------------- default

    function test_resolveAfterArbiterTimeout_refundsTheBuyerInFull() public {
        _dispute(id, terms);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.TooEarly.selector, id, block.timestamp + 14 days));
        escrow.resolveAfterArbiterTimeout(id, terms);
        vm.warp(block.timestamp + 14 days);
        uint256 before = usd.balanceOf(buyer);
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.DisputeResolved(id, Resolution.ArbiterTimeout, stranger, 4 * USD_PRICE, 0, 0, 0);
        vm.prank(stranger);
        escrow.resolveAfterArbiterTimeout(id, terms);
        assertEq(usd.balanceOf(buyer), before + 4 * USD_PRICE);
    }

    // ---------------------------------------------------------------- stock

    function test_resolution_returnsStockOnlyWhenAnUnshippedOrderGoesBackInFull() public {
        assertEq(_stock(usdListing), 996);
        _dispute(id, terms);
        vm.prank(arbiter);
        escrow.rule(id, terms, 4 * USD_PRICE);
        assertEq(_stock(usdListing), 1000, "unshipped, ruled in full to the buyer: stock comes back");

        (uint256 split, OrderTerms memory splitTerms) = _buy(buyer, usdListing, 2, 0);
        _dispute(split, splitTerms);
        vm.prank(arbiter);
        escrow.rule(split, splitTerms, USD_PRICE);
        assertEq(_stock(usdListing), 998, "a split keeps the stock out");

        (uint256 shipped, OrderTerms memory shippedTerms) = _buy(buyer, usdListing, 3, 0);
        _ship(shipped, shippedTerms);
        _dispute(shipped, shippedTerms);
        vm.prank(arbiter);
        escrow.rule(shipped, shippedTerms, 3 * USD_PRICE);
        assertEq(_stock(usdListing), 995, "shipped goods are out even if refunded in full");

        (uint256 late, OrderTerms memory lateTerms) = _buy(buyer, usdListing, 5, 0);
        _dispute(late, lateTerms);
        vm.warp(block.timestamp + 14 days);
        vm.expectEmit(address(catalog));
        emit IChainMartCatalog.StockReturned(usdListing, 5, 995);
        escrow.resolveAfterArbiterTimeout(late, lateTerms);
        assertEq(_stock(usdListing), 995, "the default (full refund) of an unshipped order returns the stock");
    }
}
