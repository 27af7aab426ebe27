// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AttestationGate} from "../../src/AttestationGate.sol";
import {ChainMart} from "../../src/ChainMart.sol";
import {ChainMartPoints} from "../../src/ChainMartPoints.sol";
import {TestStablecoin} from "../../src/TestStablecoin.sol";
import {IChainMart} from "../../src/interfaces/IChainMart.sol";
import {Order, Status} from "../../src/types/Order.sol";
import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaRegistry} from "@ethereum-attestation-service/eas-contracts/contracts/ISchemaRegistry.sol";
import {Test, Vm} from "forge-std/Test.sol";

/// @notice Shared fixtures: a deployed market, a stablecoin with permit, funded actors, one registered
/// merchant with a stablecoin listing and an ETH listing.
abstract contract BaseTest is Test {
    uint16 internal constant FEE_BPS = 200; // 2%
    uint16 internal constant REWARD_BPS = 100; // 1%
    uint32 internal constant AUTO_RELEASE = 7 days;
    uint32 internal constant SHIP_WITHIN = 3 days;
    uint96 internal constant USD_PRICE = 25e6; // 25.00 tUSD
    uint96 internal constant ETH_PRICE = 0.01 ether;
    bytes internal constant SHIPPING_INFO =
        hex"01a3f1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0011223344";

    string internal constant EAS_ARTIFACTS =
        "../node_modules/@ethereum-attestation-service/eas-contracts/artifacts/contracts/";

    /// @dev The real EAS 1.9 contracts, deployed from the npm package's compiled artifacts.
    ISchemaRegistry internal schemaRegistry;
    IEAS internal eas;
    AttestationGate internal gate;
    ChainMart internal market;
    ChainMartPoints internal points;
    TestStablecoin internal usd;

    address internal owner = makeAddr("owner");
    address internal feeRecipient = makeAddr("feeRecipient");
    address internal merchant = makeAddr("merchant");
    address internal merchant2 = makeAddr("merchant2");
    address internal arbiter = makeAddr("arbiter");
    address internal courier = makeAddr("courier");
    address internal stranger = makeAddr("stranger");
    address internal buyer;
    uint256 internal buyerKey;

    uint64 internal usdListing;
    uint64 internal ethListing;
    uint64 internal usdListing2;

    function setUp() public virtual {
        (buyer, buyerKey) = makeAddrAndKey("buyer");
        usd = new TestStablecoin();
        market = new ChainMart(owner, feeRecipient, FEE_BPS, address(usd));
        points = market.points();
        schemaRegistry =
            ISchemaRegistry(deployCode(string.concat(EAS_ARTIFACTS, "SchemaRegistry.sol/SchemaRegistry.json")));
        eas = IEAS(deployCode(string.concat(EAS_ARTIFACTS, "EAS.sol/EAS.json"), abi.encode(schemaRegistry)));
        gate = new AttestationGate(market, eas);

        usdListing = _registerWithListing(merchant, address(usd), USD_PRICE);
        vm.prank(merchant);
        ethListing = market.createListing(_listingParams(address(0), ETH_PRICE));
        usdListing2 = _registerWithListing(merchant2, address(usd), USD_PRICE);

        usd.mint(buyer, 1_000_000e6);
        vm.deal(buyer, 100 ether);
        vm.prank(buyer);
        usd.approve(address(market), type(uint256).max);
    }

    function _profile(address arbiter_) internal pure returns (IChainMart.MerchantProfile memory) {
        return IChainMart.MerchantProfile({
            metadataURI: "ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
            encryptionKey: keccak256("x25519 public key"),
            arbiter: arbiter_,
            rewardBps: REWARD_BPS,
            autoReleaseWindow: AUTO_RELEASE
        });
    }

    function _listingParams(address token, uint96 price) internal pure returns (IChainMart.ListingParams memory) {
        return IChainMart.ListingParams({
            token: token,
            price: price,
            stock: 1000,
            maxPerOrder: 10,
            shipWithin: SHIP_WITHIN,
            title: unicode"Yunnan Pu'er tea 357g 云南普洱茶饼",
            category: "tea",
            metadataURI: "ipfs://bafkreidivzimqfqtoqxkrpge6bjyhlvxqs3rhe73owtmdulaxr5do5in7u"
        });
    }

    function _registerWithListing(address who, address token, uint96 price) internal returns (uint64 listingId) {
        vm.startPrank(who);
        market.registerMerchant(_profile(arbiter));
        listingId = market.createListing(_listingParams(token, price));
        vm.stopPrank();
    }

    function _purchase(uint64 listingId, uint32 quantity, uint96 maxTotal, uint96 pointsToSpend)
        internal
        pure
        returns (IChainMart.Purchase memory)
    {
        return IChainMart.Purchase({
            listingId: listingId,
            quantity: quantity,
            maxTotal: maxTotal,
            points: pointsToSpend,
            shippingInfo: SHIPPING_INFO
        });
    }

    /// @dev Buys as `who` and returns the order as emitted in `OrderPlaced`.
    function _buy(address who, uint64 listingId, uint32 quantity, uint96 pointsToSpend)
        internal
        returns (uint256 orderId, Order memory order)
    {
        (,, uint96 price,,,,) = market.listingOf(listingId);
        (, address token,,,,,) = market.listingOf(listingId);
        uint96 total = price * quantity;
        vm.recordLogs();
        vm.prank(who);
        if (token == address(0)) {
            orderId = market.buy{value: total}(_purchase(listingId, quantity, total, 0));
        } else {
            orderId = market.buy(_purchase(listingId, quantity, total, pointsToSpend));
        }
        order = _lastOrderPlaced();
    }

    function _lastOrderPlaced() internal returns (Order memory order) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i = logs.length; i > 0; i--) {
            if (logs[i - 1].topics[0] == IChainMart.OrderPlaced.selector) {
                (order,) = abi.decode(logs[i - 1].data, (Order, bytes));
                return order;
            }
        }
        revert("no OrderPlaced event");
    }

    function _ship(uint256 orderId, Order memory order) internal returns (Order memory) {
        vm.prank(order.merchant);
        market.ship(orderId, order, "SF Express", "SF1234567890");
        order.status = Status.Shipped;
        order.shippedAt = uint40(block.timestamp);
        return order;
    }

    function _confirm(uint256 orderId, Order memory order) internal returns (Order memory) {
        vm.prank(order.buyer);
        market.confirmReceipt(orderId, order);
        order.status = Status.Completed;
        order.amount = 0;
        order.pointsPaid = 0;
        return order;
    }

    function _dispute(uint256 orderId, Order memory order) internal returns (Order memory) {
        vm.prank(order.buyer);
        market.openDispute(orderId, order, "ipfs://statement");
        order.status = Status.Disputed;
        order.disputedAt = uint40(block.timestamp);
        return order;
    }

    /// @dev The buyer's EIP-2612 permit for the market, signed with its key.
    function _signPermit(uint256 value) internal view returns (IChainMart.Permit memory permit) {
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                buyer,
                address(market),
                value,
                usd.nonces(buyer),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", usd.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(buyerKey, digest);
        permit = IChainMart.Permit({value: value, deadline: deadline, v: v, r: r, s: s});
    }

    /// @dev A 65-byte (r, s, v) signature as wallets produce it.
    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }
}
