// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMartEscrow} from "../../src/interfaces/IChainMartEscrow.sol";
import {OrderTerms} from "../../src/types/OrderTerms.sol";
import {BaseV2Test} from "../v2/utils/BaseV2Test.sol";

/// @notice Named gas snapshots of protocol v2 for `npm run bench:gas`, in one run on the USDC-like TestUsdc. Run
/// with `--isolate` so every call is a real transaction (21k intrinsic + calldata included). Steady state: the
/// merchants, the escrow and the fee recipient already hold tokens or credits and the buyer holds points, as on
/// a live platform.
contract GasBenchmarkV2 is BaseV2Test {
    address internal spender = makeAddr("spender");
    uint64[5] internal shops;

    function setUp() public override {
        super.setUp();
        vm.prank(buyer);
        usd.approve(spender, type(uint256).max);
        usd.mint(merchant, 1e6);
        shops[0] = usdListing;
        shops[1] = usdListing2;
        for (uint256 i = 2; i < 5; ++i) {
            address shop = makeAddr(string.concat("shop", vm.toString(i)));
            shops[i] = _registerWithListing(shop, address(usd), USD_PRICE);
        }
        // Warm-up orders so balances, credits, points and counters are non-zero, as in steady state.
        for (uint256 i; i < 5; ++i) {
            (uint256 id, OrderTerms memory terms) = _buy(buyer, shops[i], 1, 0);
            _ship(id, terms);
            _confirm(id, terms);
        }
        (uint256 ethId, OrderTerms memory ethTerms) = _buy(buyer, ethListing, 1, 0);
        _ship(ethId, ethTerms);
        _confirm(ethId, ethTerms);
        // Deployed last so every other contract keeps its address.
        _setUpPermit2();
    }

    function test_gas_benchmark() public {
        vm.prank(spender);
        usd.transferFrom(buyer, merchant, USD_PRICE);
        vm.snapshotGasLastCall("bareTransferFrom");

        IChainMartEscrow.Cart memory one = _cart(address(usd), _line(usdListing, 1, 0));
        vm.recordLogs();
        vm.prank(buyer);
        escrow.checkout(one, _approval());
        uint256 cart1 = vm.snapshotGasLastCall("cart1");
        vm.snapshotValue("buyErc20", cart1);
        (uint256[] memory ids, OrderTerms[] memory terms) = _placedOrders();

        IChainMartEscrow.Payment memory permit = IChainMartEscrow.Payment({
            collector: address(permitCollector), data: _permitData(address(permitCollector), USD_PRICE)
        });
        vm.prank(buyer);
        escrow.checkout(one, permit);
        vm.snapshotGasLastCall("buyErc20Permit");

        IChainMartEscrow.Payment memory authorization = IChainMartEscrow.Payment({
            collector: address(erc3009Collector), data: _erc3009Data(USD_PRICE, keccak256("benchmark"))
        });
        vm.prank(buyer);
        escrow.checkout(one, authorization);
        vm.snapshotGasLastCall("buyErc3009");

        IChainMartEscrow.Cart memory ethCart = _cart(address(0), _line(ethListing, 1, 0));
        vm.prank(buyer);
        escrow.checkout{value: ETH_PRICE}(ethCart, _noCollector());
        vm.snapshotGasLastCall("buyEth");

        IChainMartEscrow.Cart memory cart3 = _multiShopCart(3, 3);
        vm.prank(buyer);
        escrow.checkout(cart3, _approval());
        vm.snapshotGasLastCall("cart3");
        IChainMartEscrow.Cart memory cart10 = _multiShopCart(10, 5);
        vm.prank(buyer);
        escrow.checkout(cart10, _approval());
        vm.snapshotGasLastCall("cart10");

        vm.prank(merchant);
        escrow.ship(ids[0], terms[0], "SF Express", "SF1234567890");
        vm.snapshotGasLastCall("ship");
        vm.prank(buyer);
        escrow.confirmReceipt(ids[0], terms[0]);
        vm.snapshotGasLastCall("confirm");

        (uint256 timeoutId, OrderTerms memory timeoutTerms) = _buy(buyer, usdListing, 1, 0);
        _ship(timeoutId, timeoutTerms);
        vm.warp(block.timestamp + AUTO_RELEASE);
        vm.prank(stranger);
        escrow.completeAfterTimeout(timeoutId, timeoutTerms);
        vm.snapshotGasLastCall("completeAfterTimeout");

        (uint256 disputeId, OrderTerms memory disputeTerms) = _buy(buyer, usdListing, 1, 0);
        vm.prank(buyer);
        escrow.openDispute(disputeId, disputeTerms, "bafkreistatement");
        uint256 openGas = vm.snapshotGasLastCall("disputeOpen");
        vm.prank(arbiter);
        escrow.rule(disputeId, disputeTerms, USD_PRICE / 2);
        uint256 ruleGas = vm.snapshotGasLastCall("disputeRule");
        vm.snapshotValue("disputeAndRule", openGas + ruleGas);

        address[] memory usdOnly = new address[](1);
        usdOnly[0] = address(usd);
        vm.prank(merchant);
        escrow.withdraw(usdOnly, merchant);
        vm.snapshotGasLastCall("withdraw");

        _lifecycleBatch10(cart1);
        _buyPermit2();
    }

    /// @dev Last, so no other figure moves. Steady state: the buyer approved Permit2 long ago and used nonce 0, so
    /// nonce 1 writes an already non-zero word of its nonce bitmap.
    function _buyPermit2() private {
        IChainMartEscrow.Cart memory one = _cart(address(usd), _line(usdListing, 1, 0));
        _checkout(buyer, one, _permit2Payment(USD_PRICE, 0));
        IChainMartEscrow.Payment memory payment = _permit2Payment(USD_PRICE, 1);
        vm.prank(buyer);
        escrow.checkout(one, payment);
        vm.snapshotGasLastCall("buyPermit2");
    }

    /// @dev Ten orders at one shop, batched at every step: a 10-line cart, one shipment batch, one completion
    /// batch, one withdrawal of both tokens the shop sells in.
    function _lifecycleBatch10(uint256 cart1) private {
        IChainMartEscrow.Cart memory cart = _multiShopCart(10, 1);
        vm.recordLogs();
        vm.prank(buyer);
        escrow.checkout(cart, _approval());
        uint256 buyGas = vm.snapshotGasLastCall("cart10OneShop");
        (uint256[] memory ids, OrderTerms[] memory terms) = _placedOrders();

        IChainMartEscrow.Shipment[] memory shipments = new IChainMartEscrow.Shipment[](10);
        IChainMartEscrow.OrderRef[] memory refs = new IChainMartEscrow.OrderRef[](10);
        for (uint256 i; i < 10; ++i) {
            shipments[i] = IChainMartEscrow.Shipment({
                orderId: ids[i], terms: terms[i], carrier: "SF Express", trackingRef: "SF1234567890"
            });
            refs[i] = IChainMartEscrow.OrderRef({orderId: ids[i], terms: terms[i]});
        }
        vm.prank(merchant);
        escrow.shipBatch(shipments);
        uint256 shipGas = vm.snapshotGasLastCall("shipBatch10");
        vm.warp(block.timestamp + AUTO_RELEASE);
        vm.prank(stranger);
        escrow.completeBatch(refs);
        uint256 completeGas = vm.snapshotGasLastCall("completeBatch10");

        address[] memory tokens = new address[](2);
        tokens[0] = address(usd);
        tokens[1] = address(0);
        vm.prank(merchant);
        escrow.withdraw(tokens, merchant);
        uint256 withdrawGas = vm.snapshotGasLastCall("withdrawMany");

        vm.snapshotValue("lifecyclePerOrderBatch10", (buyGas + shipGas + completeGas + withdrawGas) / 10);
        vm.snapshotValue("lifecyclePerOrderSingleBuysBatch10", cart1 + (shipGas + completeGas + withdrawGas) / 10);
    }

    /// @dev `lines` lines spread round-robin over the first `shopCount` shops, one unit each.
    function _multiShopCart(uint256 lines, uint256 shopCount) private view returns (IChainMartEscrow.Cart memory cart) {
        cart.token = address(usd);
        cart.lines = new IChainMartEscrow.CartLine[](lines);
        for (uint256 i; i < lines; ++i) {
            cart.lines[i] = _line(shops[i % shopCount], 1, 0);
        }
    }
}
