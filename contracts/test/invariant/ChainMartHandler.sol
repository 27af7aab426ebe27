// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ChainMart} from "../../src/ChainMart.sol";
import {ChainMartPoints} from "../../src/ChainMartPoints.sol";
import {TestStablecoin} from "../../src/TestStablecoin.sol";
import {IChainMart} from "../../src/interfaces/IChainMart.sol";
import {Order, Status} from "../../src/types/Order.sol";
import {Test, Vm} from "forge-std/Test.sol";

/// @notice Drives the market with bounded random actions of buyers, merchants, arbiters and strangers, and keeps
/// ghost sums of what went in and out.
contract ChainMartHandler is Test {
    ChainMart internal market;
    ChainMartPoints internal points;
    TestStablecoin internal usd;

    address[] public buyers;
    address[] public merchants;
    address[] public accounts;
    uint64[] internal listings;
    address internal arbiter;

    uint256[] public orderIds;
    mapping(uint256 orderId => Order) internal orders;
    mapping(uint256 orderId => uint256) public paidIn;
    mapping(uint256 orderId => uint256) public paidOut;
    mapping(uint256 orderId => uint256) public finalizations;

    mapping(address token => uint256) public ghostIn;
    mapping(address token => uint256) public ghostWithdrawn;
    mapping(bytes32 action => uint256) public calls;

    constructor(
        ChainMart market_,
        TestStablecoin usd_,
        address[] memory buyers_,
        address[] memory merchants_,
        uint64[] memory listings_,
        address arbiter_,
        address feeRecipient
    ) {
        market = market_;
        points = market_.points();
        usd = usd_;
        buyers = buyers_;
        merchants = merchants_;
        listings = listings_;
        arbiter = arbiter_;
        accounts = buyers_;
        for (uint256 i; i < merchants_.length; ++i) {
            accounts.push(merchants_[i]);
        }
        accounts.push(feeRecipient);
    }

    // ------------------------------------------------------------ views for the invariants

    function orderCount() external view returns (uint256) {
        return orderIds.length;
    }

    function orderOf(uint256 orderId) external view returns (Order memory) {
        return orders[orderId];
    }

    function accountCount() external view returns (uint256) {
        return accounts.length;
    }

    /// @dev Value each order still holds in escrow, per token.
    function escrowOf(address token) external view returns (uint256 total) {
        for (uint256 i; i < orderIds.length; ++i) {
            Order memory order = orders[orderIds[i]];
            if (order.token == token) total += order.amount;
        }
    }

    function creditsOf(address token) public view returns (uint256 total) {
        for (uint256 i; i < accounts.length; ++i) {
            total += market.creditOf(accounts[i], token);
        }
    }

    // ------------------------------------------------------------ actions

    function buy(uint256 buyerSeed, uint256 listingSeed, uint32 quantity, uint96 pointsWanted) external {
        address buyer = buyers[buyerSeed % buyers.length];
        uint64 listingId = listings[listingSeed % listings.length];
        (, address token, uint96 price, uint32 stock, uint16 maxPerOrder,,) = market.listingOf(listingId);
        if (stock == 0) return;
        quantity = uint32(bound(quantity, 1, stock < maxPerOrder ? stock : maxPerOrder));
        uint96 total = price * quantity;
        uint96 pointsSpent;
        if (token == address(usd)) {
            uint256 available = points.balanceOf(buyer);
            pointsSpent = uint96(bound(pointsWanted, 0, available < total ? available : total));
        }
        vm.recordLogs();
        vm.prank(buyer);
        uint256 orderId = token == address(0)
            ? market.buy{value: total}(_purchase(listingId, quantity, total, 0))
            : market.buy(_purchase(listingId, quantity, total, pointsSpent));
        orders[orderId] = _lastOrderPlaced();
        orderIds.push(orderId);
        paidIn[orderId] = total;
        ghostIn[token] += total - pointsSpent;
        calls["buy"]++;
    }

    function ship(uint256 orderSeed) external {
        (uint256 id, Order storage order) = _pick(orderSeed);
        if (id == 0 || order.status != Status.Paid) return;
        vm.prank(order.merchant);
        market.ship(id, order, "EMS", "EE123456789CN");
        order.status = Status.Shipped;
        order.shippedAt = uint40(block.timestamp);
        calls["ship"]++;
    }

    function confirm(uint256 orderSeed) external {
        (uint256 id, Order storage order) = _pick(orderSeed);
        if (id == 0 || order.status != Status.Shipped) return;
        _settle(id, order.buyer, abi.encodeCall(market.confirmReceipt, (id, order)));
        _finalize(id, order, Status.Completed);
        calls["confirm"]++;
    }

    function completeAfterTimeout(uint256 orderSeed, address caller) external {
        (uint256 id, Order storage order) = _pick(orderSeed);
        if (id == 0 || order.status != Status.Shipped) return;
        uint256 releaseAt = uint256(order.shippedAt) + order.autoReleaseWindow;
        if (block.timestamp < releaseAt) vm.warp(releaseAt);
        _settle(id, caller, abi.encodeCall(market.completeAfterTimeout, (id, order)));
        _finalize(id, order, Status.Completed);
        calls["completeAfterTimeout"]++;
    }

    function refund(uint256 orderSeed, uint96 amount) external {
        (uint256 id, Order storage order) = _pick(orderSeed);
        if (id == 0 || order.amount == 0) return;
        if (order.status != Status.Paid && order.status != Status.Shipped && order.status != Status.Disputed) return;
        amount = uint96(bound(amount, 1, order.amount));
        uint96 cashHeld = order.amount - order.pointsPaid;
        uint96 pointsBack = amount > cashHeld ? amount - cashHeld : 0;
        _settle(id, order.merchant, abi.encodeCall(market.refund, (id, order, amount)));
        order.amount -= amount;
        order.pointsPaid -= pointsBack;
        if (order.amount == 0) _finalize(id, order, Status.Refunded);
        calls["refund"]++;
    }

    function cancel(uint256 orderSeed) external {
        (uint256 id, Order storage order) = _pick(orderSeed);
        if (id == 0 || order.status != Status.Paid) return;
        if (block.timestamp <= order.shipBy) vm.warp(uint256(order.shipBy) + 1);
        _settle(id, order.buyer, abi.encodeCall(market.cancelUnshipped, (id, order)));
        _finalize(id, order, Status.Cancelled);
        calls["cancel"]++;
    }

    function dispute(uint256 orderSeed) external {
        (uint256 id, Order storage order) = _pick(orderSeed);
        if (id == 0) return;
        if (order.status == Status.Shipped) {
            if (block.timestamp >= uint256(order.shippedAt) + order.autoReleaseWindow) return;
        } else if (order.status != Status.Paid) {
            return;
        }
        vm.prank(order.buyer);
        market.openDispute(id, order, "bafystatement");
        order.status = Status.Disputed;
        order.disputedAt = uint40(block.timestamp);
        calls["dispute"]++;
    }

    function rule(uint256 orderSeed, uint96 buyerAmount) external {
        (uint256 id, Order storage order) = _pick(orderSeed);
        if (id == 0 || order.status != Status.Disputed) return;
        if (block.timestamp >= uint256(order.disputedAt) + market.ARBITER_WINDOW()) return;
        buyerAmount = uint96(bound(buyerAmount, 0, order.amount));
        _settle(id, order.arbiter, abi.encodeCall(market.rule, (id, order, buyerAmount)));
        _finalize(id, order, Status.Resolved);
        calls["rule"]++;
    }

    function arbiterTimeout(uint256 orderSeed) external {
        (uint256 id, Order storage order) = _pick(orderSeed);
        if (id == 0 || order.status != Status.Disputed) return;
        uint256 deadline = uint256(order.disputedAt) + market.ARBITER_WINDOW();
        if (block.timestamp < deadline) vm.warp(deadline);
        _settle(id, address(this), abi.encodeCall(market.resolveAfterArbiterTimeout, (id, order)));
        _finalize(id, order, Status.Resolved);
        calls["arbiterTimeout"]++;
    }

    function replayFinished(uint256 orderSeed) external {
        (uint256 id, Order storage order) = _pick(orderSeed);
        if (id == 0 || finalizations[id] == 0) return;
        // A finished order can never pay out again, whoever asks and however.
        vm.prank(order.buyer);
        (bool ok,) = address(market).call(abi.encodeCall(market.confirmReceipt, (id, order)));
        assertFalse(ok, "finished order confirmed again");
        (ok,) = address(market).call(abi.encodeCall(market.resolveAfterArbiterTimeout, (id, order)));
        assertFalse(ok, "finished order resolved again");
        calls["replayFinished"]++;
    }

    function withdraw(uint256 accountSeed, bool eth) external {
        address account = accounts[accountSeed % accounts.length];
        address token = eth ? address(0) : address(usd);
        uint256 credit = market.creditOf(account, token);
        if (credit == 0) return;
        vm.prank(account);
        market.withdraw(token, account);
        ghostWithdrawn[token] += credit;
        calls["withdraw"]++;
    }

    function transferPoints(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = buyers[fromSeed % buyers.length];
        address to = buyers[toSeed % buyers.length];
        uint256 balance = points.balanceOf(from);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(from);
        points.transfer(to, amount);
        calls["transferPoints"]++;
    }

    function warp(uint32 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 3 days));
    }

    // ------------------------------------------------------------ internal

    /// @dev Runs a settling call and books what it paid out: credits to every tracked account plus points minted.
    function _settle(uint256 id, address caller, bytes memory call) private {
        address token = orders[id].token;
        uint256 before = creditsOf(token) + points.totalSupply();
        vm.prank(caller);
        (bool ok, bytes memory reason) = address(market).call(call);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(reason, 32), mload(reason))
            }
        }
        paidOut[id] += creditsOf(token) + points.totalSupply() - before;
    }

    function _finalize(uint256 id, Order storage order, Status status) private {
        order.status = status;
        order.amount = 0;
        order.pointsPaid = 0;
        finalizations[id]++;
    }

    function _pick(uint256 seed) private view returns (uint256 id, Order storage order) {
        if (orderIds.length == 0) return (0, orders[0]);
        id = orderIds[seed % orderIds.length];
        order = orders[id];
    }

    function _purchase(uint64 listingId, uint32 quantity, uint96 maxTotal, uint96 pointsSpent)
        private
        pure
        returns (IChainMart.Purchase memory)
    {
        return IChainMart.Purchase({
            listingId: listingId, quantity: quantity, maxTotal: maxTotal, points: pointsSpent, shippingInfo: hex"01"
        });
    }

    function _lastOrderPlaced() private returns (Order memory order) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = logs.length; i > 0; i--) {
            if (logs[i - 1].topics[0] == IChainMart.OrderPlaced.selector) {
                (order,) = abi.decode(logs[i - 1].data, (Order, bytes));
                return order;
            }
        }
        revert("no OrderPlaced event");
    }
}
