// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMart} from "../src/interfaces/IChainMart.sol";
import {Order} from "../src/types/Order.sol";
import {BlocklistToken, FeeOnTransferToken, ReentrantToken, ReturnsFalseToken} from "./mocks/HostileTokens.sol";
import {BaseTest} from "./utils/BaseTest.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

contract ChainMartHostileTokensTest is BaseTest {
    function _listToken(address token) internal returns (uint64 listingId) {
        vm.prank(merchant);
        listingId = market.createListing(_listingParams(token, USD_PRICE));
        vm.prank(buyer);
        (bool ok,) = token.call(abi.encodeWithSignature("approve(address,uint256)", address(market), type(uint256).max));
        assertTrue(ok);
    }

    function test_buy_rejectsFeeOnTransferToken() public {
        FeeOnTransferToken token = new FeeOnTransferToken();
        token.mint(buyer, 100e6);
        uint64 listingId = _listToken(address(token));
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IChainMart.TokenTransferMismatch.selector, address(token), USD_PRICE, USD_PRICE - USD_PRICE / 100
            )
        );
        market.buy(_purchase(listingId, 1, USD_PRICE, 0));
    }

    function test_buy_revertsIfTokenReturnsFalse() public {
        ReturnsFalseToken token = new ReturnsFalseToken();
        token.mint(buyer, 100e6);
        uint64 listingId = _listToken(address(token));
        token.setFailing(true);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(token)));
        market.buy(_purchase(listingId, 1, USD_PRICE, 0));
        assertEq(market.orderCount(), 0);
    }

    function test_withdraw_revertsIfTokenReturnsFalse_creditKept() public {
        ReturnsFalseToken token = new ReturnsFalseToken();
        token.mint(buyer, 100e6);
        uint64 listingId = _listToken(address(token));
        (uint256 id, Order memory order) = _buy(buyer, listingId, 1, 0);
        _confirm(id, _ship(id, order));
        uint256 credit = market.creditOf(merchant, address(token));
        token.setFailing(true);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, address(token)));
        market.withdraw(address(token), merchant);
        assertEq(market.creditOf(merchant, address(token)), credit, "credit intact after a failed withdrawal");
    }

    function test_reentrantToken_cannotReenterBuyOrWithdraw() public {
        ReentrantToken token = new ReentrantToken();
        token.mint(buyer, 100e6);
        uint64 listingId = _listToken(address(token));
        (uint256 id, Order memory order) = _buy(buyer, listingId, 1, 0);
        _confirm(id, _ship(id, order));
        uint256 credit = market.creditOf(merchant, address(token));

        // During the merchant's withdrawal the token re-enters withdraw: the guard refuses it.
        token.arm(address(market), abi.encodeCall(market.withdraw, (address(token), merchant)));
        vm.prank(merchant);
        market.withdraw(address(token), merchant);
        assertFalse(token.lastCallSucceeded());
        assertEq(bytes4(token.lastRevert()), ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector, "guarded");
        assertEq(token.balanceOf(merchant), credit, "paid exactly once");

        // During a purchase the token re-enters buy: refused too; the outer purchase completes alone.
        token.arm(address(market), abi.encodeCall(market.buy, (_purchase(listingId, 1, USD_PRICE, 0))));
        vm.prank(buyer);
        market.buy(_purchase(listingId, 1, USD_PRICE, 0));
        assertFalse(token.lastCallSucceeded());
        assertEq(market.orderCount(), 2);
        assertEq(
            token.balanceOf(address(market)),
            USD_PRICE + market.creditOf(feeRecipient, address(token)),
            "one order in escrow plus the unclaimed fee"
        );
    }

    function test_blocklistedRecipient_cannotLockOthers() public {
        BlocklistToken token = new BlocklistToken();
        address buyer2 = makeAddr("buyer2");
        token.mint(buyer, 100e6);
        token.mint(buyer2, 100e6);
        uint64 listingId = _listToken(address(token));
        vm.prank(buyer2);
        token.approve(address(market), type(uint256).max);

        (uint256 id1, Order memory o1) = _buy(buyer, listingId, 1, 0);
        (uint256 id2, Order memory o2) = _buy(buyer2, listingId, 1, 0);
        vm.prank(merchant);
        market.refund(id1, o1, USD_PRICE);
        _confirm(id2, _ship(id2, o2));

        token.setBlocked(buyer, true);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(BlocklistToken.Blocked.selector, buyer));
        market.withdraw(address(token), buyer);

        // Everyone else withdraws as usual.
        uint256 merchantCredit = market.creditOf(merchant, address(token));
        vm.prank(merchant);
        market.withdraw(address(token), merchant);
        assertEq(token.balanceOf(merchant), merchantCredit);
        vm.prank(feeRecipient);
        market.withdraw(address(token), feeRecipient);

        // The blocked buyer withdraws to another address it controls.
        address fresh = makeAddr("buyer fresh address");
        vm.prank(buyer);
        market.withdraw(address(token), fresh);
        assertEq(token.balanceOf(fresh), USD_PRICE);
        assertEq(token.balanceOf(address(market)), 0, "nothing stranded");
    }
}
