// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ChainMartCatalog} from "../../../src/ChainMartCatalog.sol";
import {ChainMartEscrow} from "../../../src/ChainMartEscrow.sol";
import {ChainMartPoints} from "../../../src/ChainMartPoints.sol";
import {TestUsdc} from "../../../src/TestUsdc.sol";
import {ApprovalCollector} from "../../../src/collectors/ApprovalCollector.sol";
import {Erc3009Collector} from "../../../src/collectors/Erc3009Collector.sol";
import {Permit2Collector} from "../../../src/collectors/Permit2Collector.sol";
import {PermitCollector} from "../../../src/collectors/PermitCollector.sol";
import {EasGate} from "../../../src/gates/EasGate.sol";
import {IChainMartCatalog} from "../../../src/interfaces/IChainMartCatalog.sol";
import {IChainMartEscrow} from "../../../src/interfaces/IChainMartEscrow.sol";
import {Status} from "../../../src/types/Order.sol";
import {OrderState, OrderTerms} from "../../../src/types/OrderTerms.sol";
import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaRegistry} from "@ethereum-attestation-service/eas-contracts/contracts/ISchemaRegistry.sol";
import {ISignatureTransfer} from "@uniswap/v4-periphery/lib/permit2/src/interfaces/ISignatureTransfer.sol";
import {DeployPermit2} from "@uniswap/v4-periphery/lib/permit2/test/utils/DeployPermit2.sol";
import {Test, Vm} from "forge-std/Test.sol";

/// @notice Shared fixtures for protocol v2: the escrow with its catalog and points, the three collectors (and, on
/// request, Permit2 with its collector), the real EAS with the EAS gate, a USDC-like stablecoin, two merchants (tUSD
/// and ETH listings) and a funded buyer.
abstract contract BaseV2Test is Test {
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
    /// @dev Permit2's address on every chain, and its EIP-712 types (Permit2's EIP712.sol and PermitHash.sol).
    address internal constant PERMIT2 = 0x000000000022D473030F116dDEE9F6B43aC78BA3;
    /// @dev Where the runtime in Permit2's npm package was deployed when it was captured (see `_setUpPermit2`).
    address internal constant PACKAGE_PERMIT2_ORIGIN = 0xF62849F9A0B5Bf2913b396098F7c7019b51A820a;
    bytes32 internal constant PERMIT2_DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,uint256 chainId,address verifyingContract)");
    bytes32 internal constant TOKEN_PERMISSIONS_TYPEHASH = keccak256("TokenPermissions(address token,uint256 amount)");
    bytes32 internal constant PERMIT_TRANSFER_FROM_TYPEHASH = keccak256(
        "PermitTransferFrom(TokenPermissions permitted,address spender,uint256 nonce,uint256 deadline)TokenPermissions(address token,uint256 amount)"
    );

    ChainMartEscrow internal escrow;
    ChainMartCatalog internal catalog;
    ChainMartPoints internal points;
    TestUsdc internal usd;
    ApprovalCollector internal approvalCollector;
    PermitCollector internal permitCollector;
    Erc3009Collector internal erc3009Collector;
    ISignatureTransfer internal permit2;
    Permit2Collector internal permit2Collector;
    ISchemaRegistry internal schemaRegistry;
    IEAS internal eas;
    EasGate internal gate;

    address internal owner = makeAddr("owner");
    address internal feeRecipient = makeAddr("feeRecipient");
    address internal merchant;
    uint256 internal merchantKey;
    address internal merchant2 = makeAddr("merchant2");
    address internal arbiter;
    uint256 internal arbiterKey;
    address internal courier = makeAddr("courier");
    address internal stranger = makeAddr("stranger");
    address internal buyer;
    uint256 internal buyerKey;

    uint64 internal usdListing;
    uint64 internal ethListing;
    uint64 internal usdListing2;

    function setUp() public virtual {
        (buyer, buyerKey) = makeAddrAndKey("buyer");
        (merchant, merchantKey) = makeAddrAndKey("merchant");
        (arbiter, arbiterKey) = makeAddrAndKey("arbiter");
        usd = new TestUsdc();
        escrow = new ChainMartEscrow(owner, feeRecipient, FEE_BPS, address(usd));
        catalog = ChainMartCatalog(address(escrow.catalog()));
        points = escrow.points();
        approvalCollector = new ApprovalCollector(address(escrow));
        permitCollector = new PermitCollector(address(escrow));
        erc3009Collector = new Erc3009Collector(address(escrow));
        schemaRegistry =
            ISchemaRegistry(deployCode(string.concat(EAS_ARTIFACTS, "SchemaRegistry.sol/SchemaRegistry.json")));
        eas = IEAS(deployCode(string.concat(EAS_ARTIFACTS, "EAS.sol/EAS.json"), abi.encode(schemaRegistry)));
        gate = new EasGate(catalog, eas);

        usdListing = _registerWithListing(merchant, address(usd), USD_PRICE);
        vm.prank(merchant);
        ethListing = catalog.createListing(_listingParams(address(0), ETH_PRICE));
        usdListing2 = _registerWithListing(merchant2, address(usd), USD_PRICE);

        usd.mint(buyer, 1_000_000e6);
        vm.deal(buyer, 100 ether);
        vm.prank(buyer);
        usd.approve(address(approvalCollector), type(uint256).max);
    }

    /// @dev Permit2's audited runtime from its npm package at the canonical address, the Permit2 collector, and the
    /// buyer's one-time approval of Permit2. Not in `setUp` so the other suites keep their addresses and gas.
    function _setUpPermit2() internal {
        permit2 = ISignatureTransfer(new DeployPermit2().deployPermit2());
        vm.etch(PERMIT2, _permit2RuntimeAtCanonicalAddress(PERMIT2.code));
        permit2Collector = new Permit2Collector(address(escrow), address(permit2));
        vm.prank(buyer);
        usd.approve(address(permit2), type(uint256).max);
    }

    /// @dev The package's runtime was captured from a test deployment at `PACKAGE_PERMIT2_ORIGIN` on chain 31337, so
    /// its cached domain separator (an immutable, used as is while the chain id is 31337) names that address:
    /// signatures made per Permit2's docs would not verify. This writes the separator Permit2's constructor computes
    /// at the canonical address instead; every other byte stays the package's.
    function _permit2RuntimeAtCanonicalAddress(bytes memory packageRuntime) internal view returns (bytes memory) {
        string memory runtime = vm.toString(packageRuntime);
        string memory stale = _push32(_permit2DomainSeparator(PACKAGE_PERMIT2_ORIGIN));
        assertEq(vm.split(runtime, stale).length, 2, "the package's cached domain separator occurs once");
        return vm.parseBytes(vm.replace(runtime, stale, _push32(_permit2DomainSeparator(PERMIT2))));
    }

    /// @dev Permit2's EIP-712 domain on this chain, were it deployed at `at`.
    function _permit2DomainSeparator(address at) internal view returns (bytes32) {
        return keccak256(abi.encode(PERMIT2_DOMAIN_TYPEHASH, keccak256("Permit2"), block.chainid, at));
    }

    /// @dev The hex of a PUSH32 of `word`, as it sits in runtime code.
    function _push32(bytes32 word) private pure returns (string memory) {
        return vm.replace(vm.toString(word), "0x", "7f");
    }

    // ---------------------------------------------------------------- catalog

    function _profile(address arbiter_) internal pure returns (IChainMartCatalog.MerchantProfile memory) {
        return IChainMartCatalog.MerchantProfile({
            metadataURI: "ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
            encryptionKey: keccak256("x25519 public key"),
            arbiter: arbiter_,
            rewardBps: REWARD_BPS,
            autoReleaseWindow: AUTO_RELEASE
        });
    }

    function _listingParams(address token, uint96 price)
        internal
        pure
        returns (IChainMartCatalog.ListingParams memory)
    {
        return IChainMartCatalog.ListingParams({
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
        catalog.registerMerchant(_profile(arbiter));
        listingId = catalog.createListing(_listingParams(token, price));
        vm.stopPrank();
    }

    function _stock(uint64 listingId) internal view returns (uint32 stock) {
        (,,, stock,,,) = catalog.listingOf(listingId);
    }

    // ---------------------------------------------------------------- checkout

    /// @dev A line with the listing's and merchant's current terms, as the site shows them.
    function _line(uint64 listingId, uint32 quantity, uint96 pointsToSpend)
        internal
        view
        returns (IChainMartEscrow.CartLine memory line)
    {
        (address lister,, uint96 price,,, uint32 shipWithin,) = catalog.listingOf(listingId);
        (, address arbiter_, uint16 rewardBps, uint32 autoRelease,) = catalog.merchantOf(lister);
        line = IChainMartEscrow.CartLine({
            listingId: listingId,
            quantity: quantity,
            unitPrice: price,
            shipWithin: shipWithin,
            arbiter: arbiter_,
            rewardBps: rewardBps,
            autoReleaseWindow: autoRelease,
            points: pointsToSpend,
            shippingInfo: SHIPPING_INFO,
            proof: ""
        });
    }

    function _cart(address token, IChainMartEscrow.CartLine memory line)
        internal
        pure
        returns (IChainMartEscrow.Cart memory cart)
    {
        cart.token = token;
        cart.lines = new IChainMartEscrow.CartLine[](1);
        cart.lines[0] = line;
    }

    function _approval() internal view returns (IChainMartEscrow.Payment memory) {
        return IChainMartEscrow.Payment({collector: address(approvalCollector), data: ""});
    }

    function _noCollector() internal pure returns (IChainMartEscrow.Payment memory) {
        return IChainMartEscrow.Payment({collector: address(0), data: ""});
    }

    /// @dev Pays `cart` as `who` (ETH carts send the cash due) and returns the placed orders' ids and terms.
    function _checkout(address who, IChainMartEscrow.Cart memory cart, IChainMartEscrow.Payment memory payment)
        internal
        returns (uint256[] memory ids, OrderTerms[] memory terms)
    {
        uint256 cash;
        for (uint256 i; i < cart.lines.length; ++i) {
            cash += uint256(cart.lines[i].unitPrice) * cart.lines[i].quantity - cart.lines[i].points;
        }
        vm.recordLogs();
        vm.prank(who);
        escrow.checkout{value: cart.token == address(0) ? cash : 0}(cart, payment);
        (ids, terms) = _placedOrders();
    }

    /// @dev One line of `quantity` as `who`, paid by approval (tokens) or ETH.
    function _buy(address who, uint64 listingId, uint32 quantity, uint96 pointsToSpend)
        internal
        returns (uint256 orderId, OrderTerms memory terms)
    {
        (, address token,,,,,) = catalog.listingOf(listingId);
        IChainMartEscrow.Payment memory payment = token == address(0) ? _noCollector() : _approval();
        (uint256[] memory ids, OrderTerms[] memory placed) =
            _checkout(who, _cart(token, _line(listingId, quantity, pointsToSpend)), payment);
        return (ids[0], placed[0]);
    }

    function _placedOrders() internal returns (uint256[] memory ids, OrderTerms[] memory terms) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 count;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == IChainMartEscrow.OrderPlaced.selector) ++count;
        }
        ids = new uint256[](count);
        terms = new OrderTerms[](count);
        uint256 n;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] != IChainMartEscrow.OrderPlaced.selector) continue;
            ids[n] = uint256(logs[i].topics[1]);
            (terms[n],) = abi.decode(logs[i].data, (OrderTerms, bytes));
            ++n;
        }
    }

    // ---------------------------------------------------------------- lifecycle

    function _ship(uint256 orderId, OrderTerms memory terms) internal {
        vm.prank(terms.merchant);
        escrow.ship(orderId, terms, "SF Express", "SF1234567890");
    }

    function _confirm(uint256 orderId, OrderTerms memory terms) internal {
        vm.prank(terms.buyer);
        escrow.confirmReceipt(orderId, terms);
    }

    function _dispute(uint256 orderId, OrderTerms memory terms) internal {
        vm.prank(terms.buyer);
        escrow.openDispute(orderId, terms, "ipfs://statement");
    }

    function _state(uint256 orderId, OrderTerms memory terms) internal view returns (OrderState memory) {
        return escrow.stateOf(orderId, terms);
    }

    function _status(uint256 orderId, OrderTerms memory terms) internal view returns (Status) {
        return escrow.stateOf(orderId, terms).status;
    }

    /// @dev A 65-byte (r, s, v) signature as wallets produce it.
    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev The buyer's EIP-2612 permit for `spender`, encoded as the permit collector's data.
    function _permitData(address spender, uint256 value) internal view returns (bytes memory) {
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                buyer,
                spender,
                value,
                usd.nonces(buyer),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", usd.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(buyerKey, digest);
        return abi.encode(value, deadline, v, r, s);
    }

    /// @dev `key`'s Permit2 `PermitTransferFrom` of `amount` of `token` to `spender`.
    function _permit2Signature(
        uint256 key,
        address token,
        uint256 amount,
        address spender,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes memory) {
        bytes32 domainSeparator = keccak256(
            abi.encode(PERMIT2_DOMAIN_TYPEHASH, keccak256("Permit2"), block.chainid, address(permit2))
        );
        bytes32 structHash = keccak256(
            abi.encode(
                PERMIT_TRANSFER_FROM_TYPEHASH,
                keccak256(abi.encode(TOKEN_PERMISSIONS_TYPEHASH, token, amount)),
                spender,
                nonce,
                deadline
            )
        );
        return _sign(key, keccak256(abi.encodePacked("\x19\x01", domainSeparator, structHash)));
    }

    /// @dev The buyer's Permit2 signature of `amount` tUSD to the Permit2 collector, as a payment.
    function _permit2Payment(uint256 amount, uint256 nonce) internal view returns (IChainMartEscrow.Payment memory) {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature =
            _permit2Signature(buyerKey, address(usd), amount, address(permit2Collector), nonce, deadline);
        return
            IChainMartEscrow.Payment({
                collector: address(permit2Collector), data: abi.encode(nonce, deadline, signature)
            });
    }

    /// @dev The buyer's ERC-3009 ReceiveWithAuthorization to the ERC-3009 collector, encoded as its data.
    function _erc3009Data(uint256 value, bytes32 nonce) internal view returns (bytes memory) {
        uint256 validBefore = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                usd.RECEIVE_WITH_AUTHORIZATION_TYPEHASH(),
                buyer,
                address(erc3009Collector),
                value,
                uint256(0),
                validBefore,
                nonce
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", usd.DOMAIN_SEPARATOR(), structHash));
        return abi.encode(uint256(0), validBefore, nonce, _sign(buyerKey, digest));
    }
}
