// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMart} from "../../src/interfaces/IChainMart.sol";
import {Order, Status} from "../../src/types/Order.sol";
import {BaseTest} from "../utils/BaseTest.sol";

/// @notice Named gas snapshots for `npm run bench:gas`, all in one run on the same token (tUSD, OpenZeppelin
/// ERC20Permit). Run with `--isolate` so every call is a real transaction (21k intrinsic + calldata included).
/// Steady state: the merchant, the market and the fee recipient already hold tokens and the buyer already
/// holds points, as on a live platform; first-ever writes would add ~17k per fresh storage slot.
contract GasBenchmark is BaseTest {
    address internal spender = makeAddr("spender");

    function setUp() public override {
        super.setUp();
        vm.prank(buyer);
        usd.approve(spender, type(uint256).max);
        usd.mint(merchant, 1e6);
        // Warm-up order so balances, credits, points and counters are non-zero, as in steady state.
        (uint256 orderId, Order memory order) = _buy(buyer, usdListing, 1, 0);
        order = _ship(orderId, order);
        _confirm(orderId, order);
    }

    function test_gas_benchmark() public {
        vm.prank(spender);
        usd.transferFrom(buyer, merchant, USD_PRICE);
        vm.snapshotGasLastCall("bareTransferFrom");
        // The same transfer to a recipient holding no tokens yet (a merchant's first sale paid directly).
        vm.prank(spender);
        usd.transferFrom(buyer, makeAddr("fresh merchant"), USD_PRICE);
        vm.snapshotGasLastCall("bareTransferFromFreshRecipient");

        vm.recordLogs();
        vm.prank(buyer);
        uint256 orderId = market.buy(_purchase(usdListing, 1, USD_PRICE, 0));
        vm.snapshotGasLastCall("buyErc20");
        Order memory order = _lastOrderPlaced();

        IChainMart.Permit memory permit = _signPermit(USD_PRICE);
        vm.prank(buyer);
        market.buyWithPermit(_purchase(usdListing, 1, USD_PRICE, 0), permit);
        vm.snapshotGasLastCall("buyErc20Permit");
        // The permit replaced the buyer's standing approval; restore it for the remaining purchases.
        vm.prank(buyer);
        usd.approve(address(market), type(uint256).max);

        vm.prank(buyer);
        market.buy{value: ETH_PRICE}(_purchase(ethListing, 1, ETH_PRICE, 0));
        vm.snapshotGasLastCall("buyEth");

        vm.prank(merchant);
        market.ship(orderId, order, "SF Express", "SF1234567890");
        vm.snapshotGasLastCall("ship");
        order.status = _shipped();
        order.shippedAt = uint40(block.timestamp);

        vm.prank(buyer);
        market.confirmReceipt(orderId, order);
        vm.snapshotGasLastCall("confirm");

        (uint256 timeoutId, Order memory timeoutOrder) = _buy(buyer, usdListing, 1, 0);
        timeoutOrder = _ship(timeoutId, timeoutOrder);
        vm.warp(block.timestamp + AUTO_RELEASE);
        vm.prank(stranger);
        market.completeAfterTimeout(timeoutId, timeoutOrder);
        vm.snapshotGasLastCall("completeAfterTimeout");

        (uint256 disputeId, Order memory disputeOrder) = _buy(buyer, usdListing, 1, 0);
        vm.prank(buyer);
        market.openDispute(disputeId, disputeOrder, "bafkreistatement");
        uint256 openGas = vm.snapshotGasLastCall("disputeOpen");
        disputeOrder = _disputed(disputeOrder);
        vm.prank(arbiter);
        market.rule(disputeId, disputeOrder, USD_PRICE / 2);
        uint256 ruleGas = vm.snapshotGasLastCall("disputeRule");
        vm.snapshotValue("disputeAndRule", openGas + ruleGas);

        vm.prank(merchant);
        market.withdraw(address(usd), merchant);
        vm.snapshotGasLastCall("withdraw");
    }

    function _shipped() private pure returns (Status) {
        return Status.Shipped;
    }

    function _disputed(Order memory order) private view returns (Order memory) {
        order.status = Status.Disputed;
        order.disputedAt = uint40(block.timestamp);
        return order;
    }
}
