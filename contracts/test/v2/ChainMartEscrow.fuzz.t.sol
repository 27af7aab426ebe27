// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMartEscrow} from "../../src/interfaces/IChainMartEscrow.sol";
import {Status} from "../../src/types/Order.sol";
import {OrderTerms} from "../../src/types/OrderTerms.sol";
import {BaseV2Test} from "./utils/BaseV2Test.sol";

contract ChainMartEscrowFuzzTest is BaseV2Test {
    function testFuzz_checkout_chargesExactlyTheSumOfTheLines(uint8 lineCount, uint256 seed) public {
        lineCount = uint8(bound(lineCount, 1, 8));
        IChainMartEscrow.Cart memory cart;
        cart.token = address(usd);
        cart.lines = new IChainMartEscrow.CartLine[](lineCount);
        uint256 due;
        for (uint256 i; i < lineCount; ++i) {
            uint64 listing = uint256(keccak256(abi.encode(seed, i))) % 2 == 0 ? usdListing : usdListing2;
            uint32 quantity = uint32(bound(uint256(keccak256(abi.encode(seed, i, "q"))), 1, 10));
            cart.lines[i] = _line(listing, quantity, 0);
            due += uint256(USD_PRICE) * quantity;
        }
        uint256 before = usd.balanceOf(buyer);
        (uint256[] memory ids, OrderTerms[] memory terms) = _checkout(buyer, cart, _approval());
        assertEq(before - usd.balanceOf(buyer), due);
        assertEq(usd.balanceOf(address(escrow)), due);
        assertEq(ids.length, lineCount);
        for (uint256 i; i < lineCount; ++i) {
            assertEq(ids[i], i + 1);
            assertEq(terms[i].total, uint256(USD_PRICE) * cart.lines[i].quantity);
            assertEq(_state(ids[i], terms[i]).remaining, terms[i].total);
        }
        assertEq(_stock(usdListing) + _stock(usdListing2), 2000 - due / USD_PRICE);
    }

    /// @dev Any change to any word of the terms is refused.
    function testFuzz_terms_anyChangedWordIsRefused(uint8 word, uint256 value) public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        word = uint8(bound(word, 0, 12));
        bytes memory encoded = abi.encode(terms);
        uint256 original;
        assembly {
            original := mload(add(add(encoded, 32), mul(word, 32)))
        }
        vm.assume(value != original);
        assembly {
            mstore(add(add(encoded, 32), mul(word, 32)), value)
        }
        bytes memory call = bytes.concat(escrow.stateOf.selector, abi.encode(id), encoded);
        (bool ok, bytes memory reason) = address(escrow).staticcall(call);
        assertFalse(ok);
        assertEq(reason, abi.encodeWithSelector(IChainMartEscrow.TermsMismatch.selector, id));
    }

    struct Balances {
        uint256 buyerCash;
        uint256 buyerPoints;
        uint256 merchant;
        uint256 fee;
    }

    /// @dev Partial refunds and then a ruling: every unit ends with the buyer (cash or points), the merchant or
    /// the fee recipient, and the points stay fully backed.
    function testFuzz_refundsThenRuling_conserveValue(uint96 pointsSpent, uint96 refundA, uint96 toBuyer) public {
        (uint256 earnId, OrderTerms memory earnTerms) = _buy(buyer, usdListing, 10, 0);
        _ship(earnId, earnTerms);
        _confirm(earnId, earnTerms);
        pointsSpent = uint96(bound(pointsSpent, 0, points.balanceOf(buyer)));
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 4, pointsSpent);
        refundA = uint96(bound(refundA, 0, terms.total - 1));
        toBuyer = uint96(bound(toBuyer, 0, terms.total));
        Balances memory before = _balances();
        if (refundA != 0) {
            vm.prank(merchant);
            escrow.refund(id, terms, refundA);
        }
        _dispute(id, terms);
        vm.prank(arbiter);
        escrow.rule(id, terms, toBuyer);
        Balances memory got = _balances();
        got.buyerCash -= before.buyerCash;
        got.buyerPoints -= before.buyerPoints;
        got.merchant -= before.merchant;
        got.fee -= before.fee;

        uint256 total = terms.total;
        assertEq(got.buyerCash + got.buyerPoints + got.merchant + got.fee, total, "every unit accounted for");
        uint256 buyerShare = refundA + (toBuyer < total - refundA ? toBuyer : total - refundA);
        assertEq(got.buyerCash + got.buyerPoints, buyerShare, "buyer share");
        uint256 cashPaid = total - pointsSpent;
        assertEq(got.buyerCash, buyerShare < cashPaid ? buyerShare : cashPaid, "cash returned first");
        assertEq(got.fee, (total - buyerShare) * FEE_BPS / 10_000, "fee on the merchant share only");
        assertEq(escrow.pointsReserve(), points.totalSupply(), "points fully backed");
        assertEq(uint8(_status(id, terms)), uint8(Status.Resolved));
    }

    function _balances() private view returns (Balances memory) {
        return Balances({
            buyerCash: usd.balanceOf(buyer),
            buyerPoints: points.balanceOf(buyer),
            merchant: escrow.creditOf(merchant, address(usd)),
            fee: escrow.creditOf(feeRecipient, address(usd))
        });
    }

    function testFuzz_complete_splitsExactly(uint32 quantity, uint16 feeBps) public {
        quantity = uint32(bound(quantity, 1, 10));
        feeBps = uint16(bound(feeBps, 0, 500));
        vm.prank(owner);
        escrow.announceFee(feeBps);
        vm.warp(block.timestamp + 7 days);
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, quantity, 0);
        assertEq(terms.feeBps, feeBps);
        _ship(id, terms);
        _confirm(id, terms);
        uint256 fee = uint256(terms.total) * feeBps / 10_000;
        uint256 reward = uint256(terms.total) * REWARD_BPS / 10_000;
        assertEq(escrow.creditOf(feeRecipient, address(usd)), fee);
        assertEq(points.balanceOf(buyer), reward);
        assertEq(escrow.creditOf(merchant, address(usd)), terms.total - fee - reward);
        assertEq(usd.balanceOf(address(escrow)), fee + reward + (terms.total - fee - reward));
    }

    function testFuzz_announceFee_neverRaisesWithoutNotice(uint16 first, uint16 second, uint32 wait) public {
        first = uint16(bound(first, 0, 500));
        second = uint16(bound(second, 0, 500));
        vm.prank(owner);
        escrow.announceFee(first);
        uint256 announcedAt = block.timestamp;
        vm.warp(block.timestamp + bound(wait, 0, 30 days));
        uint16 feeNow = escrow.currentFeeBps();
        if (first > FEE_BPS && block.timestamp < announcedAt + 7 days) assertEq(feeNow, FEE_BPS);
        else assertEq(feeNow, first);
        vm.prank(owner);
        escrow.announceFee(second);
        if (second > feeNow) {
            assertEq(escrow.currentFeeBps(), feeNow);
            vm.warp(block.timestamp + 7 days);
        }
        assertEq(escrow.currentFeeBps(), second);
    }
}
