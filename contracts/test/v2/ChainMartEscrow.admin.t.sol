// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ChainMartEscrow} from "../../src/ChainMartEscrow.sol";
import {IChainMartEscrow} from "../../src/interfaces/IChainMartEscrow.sol";
import {OrderTerms} from "../../src/types/OrderTerms.sol";
import {BaseV2Test} from "./utils/BaseV2Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract ChainMartEscrowAdminTest is BaseV2Test {
    function test_announceFee_increaseWaitsSevenDays() public {
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.FeeAnnounced(300, uint40(block.timestamp + 7 days));
        vm.prank(owner);
        escrow.announceFee(300);
        assertEq(escrow.currentFeeBps(), FEE_BPS);
        (, OrderTerms memory before) = _buy(buyer, usdListing, 1, 0);
        assertEq(before.feeBps, FEE_BPS);
        vm.warp(block.timestamp + 7 days - 1);
        assertEq(escrow.currentFeeBps(), FEE_BPS);
        vm.warp(block.timestamp + 1);
        assertEq(escrow.currentFeeBps(), 300);
        (, OrderTerms memory afterNotice) = _buy(buyer, usdListing, 1, 0);
        assertEq(afterNotice.feeBps, 300);
    }

    function test_announceFee_decreaseAppliesAtOnceAndCancelsAPendingIncrease() public {
        vm.startPrank(owner);
        escrow.announceFee(500);
        escrow.announceFee(100);
        vm.stopPrank();
        assertEq(escrow.currentFeeBps(), 100);
        vm.warp(block.timestamp + 8 days);
        assertEq(escrow.currentFeeBps(), 100, "the cancelled increase never applies");
    }

    function test_announceFee_aNewIncreaseRestartsTheNotice() public {
        vm.prank(owner);
        escrow.announceFee(300);
        vm.warp(block.timestamp + 6 days);
        vm.prank(owner);
        escrow.announceFee(400);
        vm.warp(block.timestamp + 6 days);
        assertEq(escrow.currentFeeBps(), FEE_BPS);
        vm.warp(block.timestamp + 1 days);
        assertEq(escrow.currentFeeBps(), 400);
    }

    function test_announceFee_revertsAboveCapOrIfNotOwner() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.FeeTooHigh.selector, 501, 500));
        escrow.announceFee(501);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        escrow.announceFee(0);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        escrow.setFeeRecipient(stranger);
    }

    function test_setFeeRecipient_onlyFutureFeesMove() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        _ship(id, terms);
        _confirm(id, terms);
        uint256 earned = escrow.creditOf(feeRecipient, address(usd));
        address next = makeAddr("next recipient");
        vm.prank(owner);
        escrow.setFeeRecipient(next);
        assertEq(escrow.creditOf(feeRecipient, address(usd)), earned);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.RecipientInvalid.selector, address(0)));
        escrow.setFeeRecipient(address(0));
    }

    function test_constructor_revertsOnBadArguments() public {
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.FeeTooHigh.selector, 501, 500));
        new ChainMartEscrow(owner, feeRecipient, 501, address(usd));
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.RecipientInvalid.selector, address(0)));
        new ChainMartEscrow(owner, address(0), 0, address(usd));
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.TokenInvalid.selector, stranger));
        new ChainMartEscrow(owner, feeRecipient, 0, stranger);
    }

    function test_catalog_takeAndGiveBackOnlyForTheEscrow() public {
        vm.expectRevert();
        catalog.take(buyer, usdListing, 1, "");
        vm.expectRevert();
        catalog.giveBack(usdListing, 1);
        assertEq(catalog.escrow(), address(escrow));
    }
}
