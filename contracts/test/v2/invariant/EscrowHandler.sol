// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ChainMartEscrow} from "../../../src/ChainMartEscrow.sol";
import {ChainMartPoints} from "../../../src/ChainMartPoints.sol";
import {TestUsdc} from "../../../src/TestUsdc.sol";
// Deployed from their artifacts with deployCode (keeps this contract's initcode small); imported so they are built.
import {ApprovalCollector} from "../../../src/collectors/ApprovalCollector.sol";
import {Erc3009Collector} from "../../../src/collectors/Erc3009Collector.sol";
import {PermitCollector} from "../../../src/collectors/PermitCollector.sol";
import {EasGate} from "../../../src/gates/EasGate.sol";
import {IChainMartCatalog} from "../../../src/interfaces/IChainMartCatalog.sol";
import {IChainMartEscrow} from "../../../src/interfaces/IChainMartEscrow.sol";
import {Status} from "../../../src/types/Order.sol";
import {OrderState, OrderTerms} from "../../../src/types/OrderTerms.sol";
import {EthRejectingWallet, ReentrantRecipient, SilentGate} from "../mocks/HostileActors.sol";
import {FeeOnTransferToken, NoReturnBlocklistToken, PermitToken} from "../mocks/HostileTokens.sol";
import {
    AttestationRequest,
    AttestationRequestData,
    IEAS
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaRegistry} from "@ethereum-attestation-service/eas-contracts/contracts/ISchemaRegistry.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";
import {Test, Vm} from "forge-std/Test.sol";

/// @notice Drives the v2 escrow with bounded, always-valid actions of buyers, merchants, arbiters, the owner and
/// keepers, and keeps its own model of the rules: for every order the state it must be in and what each party
/// must have received, every account's credits, wallets and points, every listing's stock. Actions that must
/// fail (`attack*`) are attempted inside try/catch and a success is recorded as a breach. The invariants compare
/// chain and model after every call; nothing is asserted here (with fail-on-revert a handler that reverts fails the
/// run, which is how an action the model thought valid but the escrow refused shows up).
contract EscrowHandler is Test {
    // ---------------------------------------------------------------- constants

    uint256 internal constant BPS = 10_000;
    uint40 internal constant ARBITER_WINDOW = 14 days;
    uint40 internal constant FEE_NOTICE = 7 days;
    uint16 internal constant INITIAL_FEE_BPS = 200;
    uint256 internal constant START_TIME = 1_760_000_000;
    uint8 internal constant ETH = 0;
    uint8 internal constant USDC = 1;
    uint8 internal constant SECOND = 2;
    uint8 internal constant NO_RETURN = 3;
    uint256 internal constant TOKENS = 4;
    uint256 internal constant BUYERS = 4;
    uint256 internal constant MERCHANTS = 3;
    /// @dev Buyers 0 and 1 may be blocklisted; buyer 2 never is (it runs the attacks), buyer 3 is the wallet.
    uint256 internal constant BLOCKABLE_BUYERS = 2;
    uint256 internal constant WALLET = 3;
    uint256 internal constant MAX_LINES = 5;
    uint32 internal constant INITIAL_STOCK = 40;
    string internal constant EAS_ARTIFACTS =
        "../node_modules/@ethereum-attestation-service/eas-contracts/artifacts/contracts/";
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    // ---------------------------------------------------------------- types

    struct ListingModel {
        uint64 id;
        address merchant;
        uint8 token;
        uint96 price;
        uint32 shipWithin;
        uint16 maxPerOrder;
        bool gated;
        uint256 initial;
        uint256 restocked;
        uint256 returned;
        uint256 taken;
    }

    struct MerchantModel {
        address arbiter;
        uint16 rewardBps;
        uint32 autoReleaseWindow;
    }

    struct OrderModel {
        OrderTerms terms;
        uint96 remaining;
        uint96 pointsHeld;
        uint40 shippedAt;
        uint40 disputedAt;
        Status status;
        bool reviewed;
        bool replied;
        bool broken;
    }

    /// @dev What one order paid out, per party, in the order's token (points in points).
    struct Payout {
        uint256 merchant;
        uint256 fee;
        uint256 buyerCash;
        uint256 buyerCredited;
        uint256 points;
    }

    struct OfferModel {
        uint96 buyerAmount;
        uint40 deadline;
        bool made;
    }

    struct Settlement {
        address[2] parties;
        uint96 buyerAmount;
        uint40 deadline;
        uint256[2] kinds;
    }

    struct Cart {
        uint8 token;
        address buyer;
        uint256 count;
        uint256 cash;
        uint256 pointsSpent;
        uint256 pointsLeft;
        uint256 seed;
        IChainMartEscrow.CartLine[] lines;
        uint256[] listingIndexes;
    }

    // ---------------------------------------------------------------- deployment

    ChainMartEscrow public escrow;
    IChainMartCatalog public catalog;
    ChainMartPoints public points;
    TestUsdc public usdc;
    PermitToken public second;
    NoReturnBlocklistToken public noReturn;
    FeeOnTransferToken public feeToken;
    address public approvalCollector;
    address public permitCollector;
    address public erc3009Collector;
    EthRejectingWallet public wallet;
    ReentrantRecipient public reentrantRecipient;
    address public silentGate;

    address[TOKENS] public tokens;
    address[BUYERS] public buyers;
    address[MERCHANTS] public merchants;
    address[3] public arbiters;
    address[2] public feeRecipients;
    address public owner = makeAddr("owner");
    address public sink = makeAddr("sink");
    address public stranger;
    uint256 internal strangerKey;
    mapping(address account => uint256) internal keyOf;
    /// @dev Buyer index => attestation uid admitting it to the gated listing (zero: none or a wrong one).
    mapping(address buyer => bytes32) internal admittedBy;
    bytes32 internal wrongDataUid;

    uint64 public gatedListing;
    uint64 public silentGatedListing;
    uint64 public feeTokenListing;

    // ---------------------------------------------------------------- model

    uint256 public time;
    ListingModel[] internal _listings;
    mapping(uint8 token => uint256[]) internal _listingsByToken;
    mapping(address merchant => MerchantModel) internal _merchantModels;
    mapping(uint256 orderId => OrderModel) internal _orders;
    mapping(uint256 orderId => Status) public finalStatusOf;
    mapping(uint256 orderId => mapping(address party => OfferModel)) internal _offers;
    uint256 public ordersPlaced;

    uint16 internal _feeBps = INITIAL_FEE_BPS;
    uint16 internal _nextFeeBps;
    uint40 internal _nextFeeAt;
    address public feeRecipient;

    mapping(uint256 orderId => Payout) internal _expected;
    mapping(uint256 orderId => Payout) internal _actual;
    mapping(address account => mapping(address token => uint256)) public expectedCredit;
    mapping(address account => mapping(address token => uint256)) public expectedWallet;
    mapping(address buyer => uint256) public expectedPoints;
    uint256 public expectedReserve;
    mapping(uint8 token => mapping(address buyer => bool)) public blocked;

    /// @dev Running sums of the model: value held by open orders and credits of all accounts, per token.
    mapping(address token => uint256) public openValue;
    mapping(address token => uint256) public creditTotal;
    /// @dev Orders the last action touched (the invariant audits them after every call, all of them after each run).
    uint256[] internal _touched;

    mapping(address token => uint256) public inflow;
    mapping(address token => uint256) public withdrawn;
    mapping(address token => uint256) public pushed;

    uint256 public breaches;
    string public firstBreach;
    mapping(string action => uint256) public done;

    // ---------------------------------------------------------------- setup

    constructor() {
        vm.warp(START_TIME);
        time = START_TIME;
        for (uint256 i; i < 3; ++i) {
            (address buyer, uint256 buyerKey) = makeAddrAndKey(string.concat("buyer", vm.toString(i)));
            buyers[i] = buyer;
            keyOf[buyer] = buyerKey;
            (address merchant, uint256 merchantKey) = makeAddrAndKey(string.concat("merchant", vm.toString(i)));
            merchants[i] = merchant;
            keyOf[merchant] = merchantKey;
            (address arbiter, uint256 arbiterKey) = makeAddrAndKey(string.concat("arbiter", vm.toString(i)));
            arbiters[i] = arbiter;
            keyOf[arbiter] = arbiterKey;
        }
        (address walletOwner, uint256 walletOwnerKey) = makeAddrAndKey("walletOwner");
        wallet = new EthRejectingWallet(walletOwner);
        buyers[WALLET] = address(wallet);
        keyOf[address(wallet)] = walletOwnerKey;
        (stranger, strangerKey) = makeAddrAndKey("stranger");

        usdc = TestUsdc(deployCode("TestUsdc.sol:TestUsdc"));
        second = new PermitToken();
        noReturn = new NoReturnBlocklistToken();
        feeToken = new FeeOnTransferToken();
        tokens = [address(0), address(usdc), address(second), address(noReturn)];

        reentrantRecipient = new ReentrantRecipient();
        feeRecipients = [address(reentrantRecipient), makeAddr("treasury")];
        feeRecipient = feeRecipients[0];
        escrow = ChainMartEscrow(
            payable(deployCode(
                    "ChainMartEscrow.sol:ChainMartEscrow", abi.encode(owner, feeRecipient, INITIAL_FEE_BPS, usdc)
                ))
        );
        catalog = escrow.catalog();
        points = escrow.points();
        approvalCollector = deployCode("ApprovalCollector.sol:ApprovalCollector", abi.encode(escrow));
        permitCollector = deployCode("PermitCollector.sol:PermitCollector", abi.encode(escrow));
        erc3009Collector = deployCode("Erc3009Collector.sol:Erc3009Collector", abi.encode(escrow));

        _setUpMerchants();
        _setUpGates();
        _fundBuyers();
    }

    function _setUpMerchants() private {
        uint16[MERCHANTS] memory rewards = [uint16(150), 2000, 0];
        uint32[MERCHANTS] memory windows = [uint32(2 days), 5 days, 1 days];
        uint96[TOKENS] memory units = [uint96(0.0123 ether), 12_345_678, 3.3e18, 9_990_001];
        for (uint256 m; m < MERCHANTS; ++m) {
            address merchant = merchants[m];
            _merchantModels[merchant] = MerchantModel(arbiters[m], rewards[m], windows[m]);
            vm.prank(merchant);
            catalog.registerMerchant(
                IChainMartCatalog.MerchantProfile({
                    metadataURI: "ipfs://merchant",
                    encryptionKey: keccak256(abi.encode(merchant)),
                    arbiter: arbiters[m],
                    rewardBps: rewards[m],
                    autoReleaseWindow: windows[m]
                })
            );
            for (uint8 t; t < TOKENS; ++t) {
                _createListing(merchant, t, units[t] * uint96(m + 1), uint32((m + 1) * 1 days), false);
            }
            vm.deal(merchant, 1000 ether);
            vm.deal(arbiters[m], 1000 ether);
        }
    }

    function _setUpGates() private {
        address attester = makeAddr("kycProvider");
        ISchemaRegistry registry =
            ISchemaRegistry(deployCode(string.concat(EAS_ARTIFACTS, "SchemaRegistry.sol/SchemaRegistry.json")));
        IEAS eas = IEAS(deployCode(string.concat(EAS_ARTIFACTS, "EAS.sol/EAS.json"), abi.encode(registry)));
        bytes32 schema = registry.register("bool adult", ISchemaResolver(address(0)), true);
        address gate = deployCode("EasGate.sol:EasGate", abi.encode(catalog, eas));

        gatedListing = _createListing(merchants[0], USDC, 31_415_926, 2 days, true);
        address[] memory attesters = new address[](1);
        attesters[0] = attester;
        vm.startPrank(merchants[0]);
        (bool ok,) = gate.call(
            abi.encodeWithSignature(
                "setRequirement(uint64,bytes32,bytes32,address[])",
                gatedListing,
                schema,
                keccak256(abi.encode(true)),
                attesters
            )
        );
        require(ok, "setRequirement");
        catalog.setListingGate(gatedListing, gate);
        vm.stopPrank();
        for (uint256 b; b < BUYERS; ++b) {
            bytes32 uid = _attest(eas, attester, schema, buyers[b], b != 2);
            if (b == 2) wrongDataUid = uid;
            else admittedBy[buyers[b]] = uid;
        }

        silentGate = address(new SilentGate());
        vm.startPrank(merchants[1]);
        silentGatedListing = catalog.createListing(_listingParams(address(usdc), 5e6, 1 days));
        catalog.setListingGate(silentGatedListing, silentGate);
        vm.stopPrank();
        vm.prank(merchants[0]);
        feeTokenListing = catalog.createListing(_listingParams(address(feeToken), 7e18, 1 days));
    }

    function _attest(IEAS eas, address attester, bytes32 schema, address recipient, bool adult)
        private
        returns (bytes32 uid)
    {
        vm.prank(attester);
        uid = eas.attest(
            AttestationRequest({
                schema: schema,
                data: AttestationRequestData({
                    recipient: recipient,
                    expirationTime: 0,
                    revocable: true,
                    refUID: bytes32(0),
                    data: abi.encode(adult),
                    value: 0
                })
            })
        );
    }

    function _fundBuyers() private {
        for (uint256 b; b < BUYERS; ++b) {
            address buyer = buyers[b];
            usdc.mint(buyer, 1e15);
            second.mint(buyer, 1e30);
            noReturn.mint(buyer, 1e15);
            feeToken.mint(buyer, 1e30);
            vm.deal(buyer, 1e24);
            vm.startPrank(buyer);
            usdc.approve(approvalCollector, type(uint256).max);
            second.approve(approvalCollector, type(uint256).max);
            noReturn.approve(approvalCollector, type(uint256).max);
            feeToken.approve(approvalCollector, type(uint256).max);
            vm.stopPrank();
            for (uint8 t; t < TOKENS; ++t) {
                expectedWallet[buyer][tokens[t]] = _balanceOf(t, buyer);
            }
        }
    }

    function _createListing(address merchant, uint8 token, uint96 price, uint32 shipWithin, bool gated)
        private
        returns (uint64 id)
    {
        vm.prank(merchant);
        id = catalog.createListing(_listingParams(tokens[token], price, shipWithin));
        _listingsByToken[token].push(_listings.length);
        _listings.push(
            ListingModel({
                id: id,
                merchant: merchant,
                token: token,
                price: price,
                shipWithin: shipWithin,
                maxPerOrder: 4,
                gated: gated,
                initial: INITIAL_STOCK,
                restocked: 0,
                returned: 0,
                taken: 0
            })
        );
    }

    function _listingParams(address token, uint96 price, uint32 shipWithin)
        private
        pure
        returns (IChainMartCatalog.ListingParams memory)
    {
        return IChainMartCatalog.ListingParams({
            token: token,
            price: price,
            stock: INITIAL_STOCK,
            maxPerOrder: 4,
            shipWithin: shipWithin,
            title: "Pu'er tea cake 357g",
            category: "tea",
            metadataURI: "ipfs://listing"
        });
    }

    // ---------------------------------------------------------------- modifiers

    /// @dev Every action runs at the model's clock (the fuzzer does not carry warps between calls on its own).
    modifier step() {
        vm.warp(time);
        delete _touched;
        _;
    }

    // ---------------------------------------------------------------- actions: checkout

    /// @notice A buyer pays a cart of 1-5 lines from any merchants in one token, maybe with points, through a
    /// collector chosen by the seed.
    function checkout(uint256 buyerSeed, uint256 tokenSeed, uint256 linesSeed, uint256 seed) external step {
        Cart memory cart;
        cart.token = uint8(_bound(tokenSeed, 0, TOKENS - 1));
        cart.buyer = buyers[_bound(buyerSeed, 0, BUYERS - 1)];
        if (blocked[cart.token][cart.buyer]) return;
        cart.seed = seed;
        cart.pointsLeft = cart.token == USDC ? expectedPoints[cart.buyer] : 0;
        uint256 wanted = _bound(linesSeed, 1, MAX_LINES);
        cart.lines = new IChainMartEscrow.CartLine[](wanted);
        cart.listingIndexes = new uint256[](wanted);
        for (uint256 i; i < wanted; ++i) {
            _addLine(cart, uint256(keccak256(abi.encode(seed, i))));
        }
        if (cart.count == 0) return;
        IChainMartEscrow.CartLine[] memory lines = cart.lines;
        uint256 count = cart.count;
        assembly ("memory-safe") {
            mstore(lines, count)
        }

        uint16 fee = _modelFeeBps();
        IChainMartEscrow.Payment memory payment = _preparePayment(cart);
        vm.prank(cart.buyer);
        uint256 firstId = escrow.checkout{value: cart.token == ETH ? cart.cash : 0}(
            IChainMartEscrow.Cart({token: tokens[cart.token], lines: lines}), payment
        );

        address token = tokens[cart.token];
        inflow[token] += cart.cash;
        expectedWallet[cart.buyer][token] -= cart.cash;
        expectedPoints[cart.buyer] -= cart.pointsSpent;
        expectedReserve -= cart.pointsSpent;
        for (uint256 i; i < count; ++i) {
            _recordOrder(firstId + i, cart, i, fee);
        }
        ordersPlaced += count;
        ++done["checkout"];
    }

    function _addLine(Cart memory cart, uint256 seed) private view {
        uint256[] storage candidates = _listingsByToken[cart.token];
        uint256 n = candidates.length;
        for (uint256 k; k < n; ++k) {
            uint256 index = candidates[(seed % n + k) % n];
            uint256 available = _availableFor(cart, index);
            if (available == 0) continue;
            ListingModel storage listing = _listings[index];
            uint256 maxQuantity = available < listing.maxPerOrder ? available : listing.maxPerOrder;
            uint32 quantity = uint32(_bound(seed >> 8, 1, maxQuantity));
            uint256 total = uint256(listing.price) * quantity;
            uint96 linePoints;
            if (cart.pointsLeft != 0 && (seed >> 40) % 3 != 0) {
                linePoints = uint96(_bound(seed >> 48, 1, cart.pointsLeft < total ? cart.pointsLeft : total));
                cart.pointsLeft -= linePoints;
            }
            cart.lines[cart.count] = _cartLine(listing, quantity, linePoints, cart.buyer);
            cart.listingIndexes[cart.count] = index;
            cart.cash += total - linePoints;
            cart.pointsSpent += linePoints;
            ++cart.count;
            return;
        }
    }

    /// @dev Units of a listing this cart can still take (zero if the buyer may not buy it).
    function _availableFor(Cart memory cart, uint256 index) private view returns (uint256 available) {
        ListingModel storage listing = _listings[index];
        if (listing.gated && admittedBy[cart.buyer] == bytes32(0)) return 0;
        available = _stockOf(listing);
        for (uint256 j; j < cart.count; ++j) {
            if (cart.listingIndexes[j] == index) available -= cart.lines[j].quantity;
        }
    }

    /// @dev A line with the terms the buyer is shown: the listing's and its merchant's as the model knows them.
    function _cartLine(ListingModel storage listing, uint32 quantity, uint96 linePoints, address buyer)
        private
        view
        returns (IChainMartEscrow.CartLine memory)
    {
        MerchantModel storage merchant = _merchantModels[listing.merchant];
        return IChainMartEscrow.CartLine({
            listingId: listing.id,
            quantity: quantity,
            unitPrice: listing.price,
            shipWithin: listing.shipWithin,
            arbiter: merchant.arbiter,
            rewardBps: merchant.rewardBps,
            autoReleaseWindow: merchant.autoReleaseWindow,
            points: linePoints,
            shippingInfo: hex"0badc0ffee",
            proof: listing.gated ? abi.encodePacked(admittedBy[buyer]) : bytes("")
        });
    }

    /// @dev Tops the buyer up if needed and returns the payment: ETH as value, otherwise approval, EIP-2612 permit
    /// or ERC-3009 (the wallet buyer signs through ERC-1271, which permits do not support).
    function _preparePayment(Cart memory cart) private returns (IChainMartEscrow.Payment memory payment) {
        address token = tokens[cart.token];
        if (_balanceOf(cart.token, cart.buyer) < cart.cash) {
            if (cart.token == ETH) vm.deal(cart.buyer, cart.buyer.balance + cart.cash);
            else if (cart.token == USDC) usdc.mint(cart.buyer, cart.cash);
            else if (cart.token == SECOND) second.mint(cart.buyer, cart.cash);
            else noReturn.mint(cart.buyer, cart.cash);
            expectedWallet[cart.buyer][token] += cart.cash;
        }
        if (cart.token == ETH || cart.cash == 0) return payment;
        uint256 kind = (cart.seed >> 128) % 3;
        bool isWallet = cart.buyer == buyers[WALLET];
        if (cart.token == USDC && kind == 2) return _erc3009Payment(cart);
        if ((cart.token == USDC || cart.token == SECOND) && kind == 1 && !isWallet) {
            return _permitPayment(cart);
        }
        payment.collector = approvalCollector;
    }

    function _permitPayment(Cart memory cart) private view returns (IChainMartEscrow.Payment memory) {
        TestUsdc token = TestUsdc(tokens[cart.token]);
        uint256 deadline = time + 1 hours;
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                token.DOMAIN_SEPARATOR(),
                keccak256(
                    abi.encode(
                        PERMIT_TYPEHASH, cart.buyer, permitCollector, cart.cash, token.nonces(cart.buyer), deadline
                    )
                )
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf[cart.buyer], digest);
        return IChainMartEscrow.Payment(permitCollector, abi.encode(cart.cash, deadline, v, r, s));
    }

    function _erc3009Payment(Cart memory cart) private view returns (IChainMartEscrow.Payment memory) {
        uint256 validBefore = time + 1 hours;
        bytes32 nonce = keccak256(abi.encode("checkout", cart.seed, ordersPlaced));
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                usdc.DOMAIN_SEPARATOR(),
                keccak256(
                    abi.encode(
                        usdc.RECEIVE_WITH_AUTHORIZATION_TYPEHASH(),
                        cart.buyer,
                        erc3009Collector,
                        cart.cash,
                        0,
                        validBefore,
                        nonce
                    )
                )
            )
        );
        return IChainMartEscrow.Payment(
            erc3009Collector, abi.encode(uint256(0), validBefore, nonce, _sign(keyOf[cart.buyer], digest))
        );
    }

    function _recordOrder(uint256 orderId, Cart memory cart, uint256 i, uint16 fee) private {
        IChainMartEscrow.CartLine memory line = cart.lines[i];
        ListingModel storage listing = _listings[cart.listingIndexes[i]];
        MerchantModel storage merchant = _merchantModels[listing.merchant];
        listing.taken += line.quantity;
        OrderModel storage order = _orders[orderId];
        order.terms = OrderTerms({
            buyer: cart.buyer,
            merchant: listing.merchant,
            token: tokens[cart.token],
            arbiter: merchant.arbiter,
            listingId: listing.id,
            quantity: line.quantity,
            total: uint96(uint256(listing.price) * line.quantity),
            points: line.points,
            feeBps: fee,
            rewardBps: cart.token == USDC ? merchant.rewardBps : 0,
            autoReleaseWindow: merchant.autoReleaseWindow,
            placedAt: uint40(time),
            shipBy: uint40(time + listing.shipWithin)
        });
        order.remaining = order.terms.total;
        openValue[order.terms.token] += order.terms.total;
        _touched.push(orderId);
        order.pointsHeld = line.points;
        order.status = Status.Paid;
        bool placedAsModelled;
        try escrow.stateOf(orderId, order.terms) returns (OrderState memory placed) {
            placedAsModelled = placed.status == Status.Paid && placed.remaining == order.terms.total;
        } catch {}
        if (!placedAsModelled) {
            order.broken = true;
            _breach(string.concat("order ", vm.toString(orderId), " was placed with other terms than the model's"));
        }
    }

    // ---------------------------------------------------------------- actions: shipping and completion

    function ship(uint256 orderSeed) external step {
        uint256 id = _pick(orderSeed, _shippable);
        if (id == 0) return;
        _touched.push(id);
        OrderModel storage order = _orders[id];
        vm.prank(order.terms.merchant);
        escrow.ship(id, order.terms, "SF Express", "SF1234567890");
        _markShipped(order);
        ++done["ship"];
    }

    /// @notice The merchant of a shippable order ships up to four of its shippable orders at once, plus one of its
    /// orders that is no longer `Paid` if it has one (skipped by the batch).
    function shipBatch(uint256 orderSeed, uint256 countSeed) external step {
        uint256 first = _pick(orderSeed, _shippable);
        if (first == 0) return;
        address merchant = _orders[first].terms.merchant;
        uint256 wanted = _bound(countSeed, 1, 4);
        IChainMartEscrow.Shipment[] memory shipments = new IChainMartEscrow.Shipment[](wanted + 1);
        uint256[] memory shippedIds = new uint256[](wanted);
        uint256 count;
        uint256 shippedCount;
        for (uint256 id = first; id <= ordersPlaced && shippedCount < wanted; ++id) {
            if (_orders[id].terms.merchant != merchant || !_shippable(id)) continue;
            shipments[count++] = IChainMartEscrow.Shipment(id, _orders[id].terms, "EMS", "EE123456789CN");
            _touched.push(id);
            shippedIds[shippedCount++] = id;
        }
        for (uint256 id = 1; id <= ordersPlaced; ++id) {
            OrderModel storage other = _orders[id];
            if (other.terms.merchant == merchant && other.status != Status.Paid && !other.broken) {
                shipments[count++] = IChainMartEscrow.Shipment(id, other.terms, "EMS", "skipped");
                _touched.push(id);
                break;
            }
        }
        assembly ("memory-safe") {
            mstore(shipments, count)
        }
        vm.prank(merchant);
        uint256 shipped = escrow.shipBatch(shipments);
        if (shipped != shippedCount) _breach("shipBatch shipped another number of orders than were shippable");
        for (uint256 i; i < shippedCount; ++i) {
            _markShipped(_orders[shippedIds[i]]);
        }
        ++done["shipBatch"];
    }

    function confirmReceipt(uint256 orderSeed) external step {
        uint256 id = _pick(orderSeed, _isShipped);
        if (id == 0) return;
        _touched.push(id);
        vm.recordLogs();
        vm.prank(_orders[id].terms.buyer);
        escrow.confirmReceipt(id, _orders[id].terms);
        _absorbLogs();
        _expectCompletion(id);
        ++done["confirmReceipt"];
    }

    function completeAfterTimeout(uint256 orderSeed) external step {
        uint256 id = _pick(orderSeed, _released);
        if (id == 0) return;
        _touched.push(id);
        vm.recordLogs();
        vm.prank(stranger);
        escrow.completeAfterTimeout(id, _orders[id].terms);
        _absorbLogs();
        _expectCompletion(id);
        ++done["completeAfterTimeout"];
    }

    /// @notice A keeper completes up to five released orders, with orders of any other status mixed in (skipped),
    /// but never one still inside its window (that reverts the batch by design).
    function completeBatch(uint256 orderSeed, uint256 countSeed) external step {
        uint256 first = _pick(orderSeed, _released);
        if (first == 0) return;
        uint256 wanted = _bound(countSeed, 1, 5);
        IChainMartEscrow.OrderRef[] memory refs = new IChainMartEscrow.OrderRef[](wanted);
        uint256[] memory completing = new uint256[](wanted);
        uint256 count;
        uint256 completingCount;
        for (uint256 id = first; id <= ordersPlaced && count < wanted; ++id) {
            OrderModel storage order = _orders[id];
            if (order.broken || (order.status == Status.Shipped && !_released(id))) continue;
            refs[count++] = IChainMartEscrow.OrderRef(id, order.terms);
            _touched.push(id);
            if (order.status == Status.Shipped) completing[completingCount++] = id;
        }
        assembly ("memory-safe") {
            mstore(refs, count)
        }
        vm.recordLogs();
        vm.prank(stranger);
        uint256 completed = escrow.completeBatch(refs);
        _absorbLogs();
        if (completed != completingCount) _breach("completeBatch completed another number of orders than released");
        for (uint256 i; i < completingCount; ++i) {
            _expectCompletion(completing[i]);
        }
        ++done["completeBatch"];
    }

    // ---------------------------------------------------------------- actions: refunds and cancellation

    /// @notice The merchant refunds part of an open order, or all of it (one time in three).
    function refund(uint256 orderSeed, uint256 amountSeed) external step {
        uint256 id = _pick(orderSeed, _isOpen);
        if (id == 0) return;
        _touched.push(id);
        OrderModel storage order = _orders[id];
        uint96 held = order.remaining;
        uint96 amount = amountSeed % 3 == 0 ? held : uint96(_bound(amountSeed >> 2, 1, held));
        vm.recordLogs();
        vm.prank(order.terms.merchant);
        escrow.refund(id, order.terms, amount);
        _absorbLogs();
        order.remaining = held - amount;
        openValue[order.terms.token] -= amount;
        if (order.remaining == 0) {
            if (order.shippedAt == 0) _giveBack(order.terms.listingId, order.terms.quantity);
            _finalize(id, Status.Refunded);
        }
        _expectReturn(id, held, amount);
        ++done[amount == held ? "refund full" : "refund partial"];
    }

    function cancelUnshipped(uint256 orderSeed) external step {
        uint256 id = _pick(orderSeed, _cancellable);
        if (id == 0) return;
        _touched.push(id);
        OrderModel storage order = _orders[id];
        uint96 held = order.remaining;
        vm.recordLogs();
        vm.prank(order.terms.buyer);
        escrow.cancelUnshipped(id, order.terms);
        _absorbLogs();
        order.remaining = 0;
        openValue[order.terms.token] -= held;
        _giveBack(order.terms.listingId, order.terms.quantity);
        _finalize(id, Status.Cancelled);
        _expectReturn(id, held, held);
        ++done["cancelUnshipped"];
    }

    // ---------------------------------------------------------------- actions: disputes

    function openDispute(uint256 orderSeed) external step {
        uint256 id = _pick(orderSeed, _disputable);
        if (id == 0) return;
        _touched.push(id);
        OrderModel storage order = _orders[id];
        vm.prank(order.terms.buyer);
        escrow.openDispute(id, order.terms, "ipfs://statement");
        order.status = Status.Disputed;
        order.disputedAt = uint40(time);
        ++done["openDispute"];
    }

    /// @notice The arbiter rules within its window; the buyer amount may exceed what remains (it is capped).
    function rule(uint256 orderSeed, uint256 amountSeed) external step {
        uint256 id = _pick(orderSeed, _inArbiterWindow);
        if (id == 0) return;
        _touched.push(id);
        OrderModel storage order = _orders[id];
        uint96 buyerAmount = uint96(_bound(amountSeed, 0, uint256(order.remaining) * 3 / 2));
        vm.recordLogs();
        vm.prank(order.terms.arbiter);
        escrow.rule(id, order.terms, buyerAmount);
        _absorbLogs();
        _expectResolution(id, buyerAmount);
        ++done["rule"];
    }

    function offerSettlement(uint256 orderSeed, uint256 partySeed, uint256 amountSeed, uint256 deadlineSeed)
        external
        step
    {
        uint256 id = _pick(orderSeed, _inArbiterWindow);
        if (id == 0) return;
        _touched.push(id);
        OrderModel storage order = _orders[id];
        address party = _party(order.terms, partySeed);
        uint96 buyerAmount = uint96(_bound(amountSeed, 0, order.remaining));
        uint40 deadline = uint40(time + _bound(deadlineSeed, 0, 5 days));
        vm.prank(party);
        escrow.offerSettlement(id, order.terms, buyerAmount, deadline);
        _offers[id][party] = OfferModel(buyerAmount, deadline, true);
        ++done["offerSettlement"];
    }

    /// @notice Two distinct parties approve a split, each as the caller, through its on-chain offer, or with an
    /// EIP-712 signature (the wallet buyer through ERC-1271); anyone else submits it if no party is the caller.
    function settle(uint256 orderSeed, uint256 partySeed, uint256 amountSeed, uint256 kindSeed) external step {
        uint256 id = _pick(orderSeed, _inArbiterWindow);
        if (id == 0) return;
        _touched.push(id);
        OrderModel storage order = _orders[id];
        Settlement memory draft;
        uint256 firstIndex = partySeed % 3;
        draft.parties = [_party(order.terms, firstIndex), _party(order.terms, firstIndex + 1 + (partySeed >> 8) % 2)];
        draft.buyerAmount = uint96(_bound(amountSeed, 0, uint256(order.remaining) * 3 / 2));
        draft.deadline = uint40(time + _bound(amountSeed >> 100, 0, 3 days));
        // 0: the party calls, 1: its offer, 2: its signature. An offer fixes the amount and deadline.
        draft.kinds = [kindSeed % 3, (kindSeed >> 8) % 3];
        if (draft.kinds[0] == 0 && draft.kinds[1] == 0) draft.kinds[1] = 2;
        for (uint256 k; k < 2; ++k) {
            if (draft.kinds[k] == 1) _useOfferIfLive(id, draft, k);
        }
        IChainMartEscrow.Approval[2] memory approvals;
        address caller = stranger;
        for (uint256 k; k < 2; ++k) {
            approvals[k].party = draft.parties[k];
            if (draft.kinds[k] == 0) caller = draft.parties[k];
            if (draft.kinds[k] == 2) {
                approvals[k].signature = _signSettlement(keyOf[draft.parties[k]], id, draft.buyerAmount, draft.deadline);
            }
        }
        vm.recordLogs();
        vm.prank(caller);
        escrow.settle(id, order.terms, draft.buyerAmount, draft.deadline, approvals);
        _absorbLogs();
        _expectResolution(id, draft.buyerAmount);
        ++done[draft.kinds[0] == 2 || draft.kinds[1] == 2 ? "settle signed" : "settle offered"];
    }

    /// @dev Approval `k` comes from its party's live offer (which then fixes amount and deadline), or else from a
    /// signature; a second offer must agree with the first.
    function _useOfferIfLive(uint256 id, Settlement memory draft, uint256 k) private view {
        OfferModel storage offer = _offers[id][draft.parties[k]];
        bool agrees = k == 0 || draft.kinds[0] != 1
            || (offer.buyerAmount == draft.buyerAmount && offer.deadline == draft.deadline);
        if (offer.made && offer.deadline >= time && agrees) {
            draft.buyerAmount = offer.buyerAmount;
            draft.deadline = offer.deadline;
        } else {
            draft.kinds[k] = 2;
        }
    }

    function resolveAfterArbiterTimeout(uint256 orderSeed) external step {
        uint256 id = _pick(orderSeed, _arbiterTimedOut);
        if (id == 0) return;
        _touched.push(id);
        vm.recordLogs();
        vm.prank(stranger);
        escrow.resolveAfterArbiterTimeout(id, _orders[id].terms);
        _absorbLogs();
        _expectResolution(id, _orders[id].remaining);
        ++done["resolveAfterArbiterTimeout"];
    }

    // ---------------------------------------------------------------- actions: reviews

    /// @notice The buyer reviews a finished order, or the merchant replies to a review.
    function review(uint256 orderSeed, uint256 ratingSeed) external step {
        if (ratingSeed % 2 == 0) {
            uint256 id = _pick(orderSeed, _reviewable);
            if (id == 0) return;
            _touched.push(id);
            vm.prank(_orders[id].terms.buyer);
            escrow.review(id, _orders[id].terms, uint8(_bound(ratingSeed >> 1, 1, 5)), "ipfs://review");
            _orders[id].reviewed = true;
            ++done["review"];
        } else {
            uint256 id = _pick(orderSeed, _repliable);
            if (id == 0) return;
            _touched.push(id);
            vm.prank(_orders[id].terms.merchant);
            escrow.replyToReview(id, _orders[id].terms, "ipfs://reply");
            _orders[id].replied = true;
            ++done["replyToReview"];
        }
    }

    // ---------------------------------------------------------------- actions: funds

    /// @notice An account with credits withdraws a subset of tokens (zero-credit ones included, skipped) to the sink;
    /// the re-entrant fee recipient withdraws to itself, ETH first, and tries to re-enter from its receive hook.
    function withdraw(uint256 accountSeed, uint256 tokenMask) external step {
        address account = _creditedAccount(accountSeed);
        if (account == address(0)) return;
        address[] memory list = new address[](TOKENS);
        uint256 count;
        bool any;
        for (uint8 t; t < TOKENS; ++t) {
            if ((tokenMask >> t) & 1 == 0) continue;
            list[count++] = tokens[t];
            if (expectedCredit[account][tokens[t]] != 0) any = true;
        }
        if (!any) return;
        assembly ("memory-safe") {
            mstore(list, count)
        }
        address to = sink;
        bool reenters = account == address(reentrantRecipient) && expectedCredit[account][address(0)] != 0;
        if (reenters) {
            to = account;
            address[] memory others = new address[](TOKENS - 1);
            for (uint256 t = 1; t < TOKENS; ++t) {
                others[t - 1] = tokens[t];
            }
            reentrantRecipient.arm(escrow, others, sink);
        }
        vm.prank(account);
        escrow.withdraw(list, to);
        for (uint256 i; i < count; ++i) {
            uint256 amount = expectedCredit[account][list[i]];
            expectedCredit[account][list[i]] = 0;
            creditTotal[list[i]] -= amount;
            withdrawn[list[i]] += amount;
            if (to == sink) expectedWallet[sink][list[i]] += amount;
        }
        ++done[reenters ? "withdraw re-entrant" : "withdraw"];
    }

    // ---------------------------------------------------------------- actions: admin, time, hostile tokens, catalog

    function announceFee(uint256 feeSeed) external step {
        uint16 newFee = uint16(_bound(feeSeed, 0, 500));
        vm.prank(owner);
        escrow.announceFee(newFee);
        uint16 current = _modelFeeBps();
        if (newFee <= current) {
            _feeBps = newFee;
            _nextFeeBps = 0;
            _nextFeeAt = 0;
        } else {
            _feeBps = current;
            _nextFeeBps = newFee;
            _nextFeeAt = uint40(time + FEE_NOTICE);
        }
        ++done["announceFee"];
    }

    function setFeeRecipient(uint256 seed) external step {
        address next = feeRecipients[seed % 2];
        vm.prank(owner);
        escrow.setFeeRecipient(next);
        feeRecipient = next;
        ++done["setFeeRecipient"];
    }

    function warp(uint256 secondsSeed) external step {
        time += _bound(secondsSeed, 1 minutes, 8 days);
        ++done["warp"];
    }

    /// @notice The stablecoin's or the USDT-style token's blocklister blocks or unblocks buyer 0 or 1.
    function setBlocked(uint256 buyerSeed, uint256 tokenSeed, bool isBlocked) external step {
        address buyer = buyers[buyerSeed % BLOCKABLE_BUYERS];
        uint8 token = tokenSeed % 2 == 0 ? USDC : NO_RETURN;
        if (token == USDC) usdc.setBlocklisted(buyer, isBlocked);
        else noReturn.setBlocked(buyer, isBlocked);
        blocked[token][buyer] = isBlocked;
        ++done["setBlocked"];
    }

    function restock(uint256 listingSeed, uint256 amountSeed) external step {
        ListingModel storage listing = _listings[listingSeed % _listings.length];
        uint32 added = uint32(_bound(amountSeed, 0, 20));
        vm.prank(listing.merchant);
        catalog.restock(listing.id, added);
        listing.restocked += added;
        ++done["restock"];
    }

    /// @notice The merchant changes a listing's price, shipping window or per-order cap: open orders keep theirs.
    function updateListing(uint256 listingSeed, uint256 priceSeed, uint256 shipSeed, uint256 maxSeed) external step {
        ListingModel storage listing = _listings[listingSeed % _listings.length];
        uint256 unit = listing.token == ETH || listing.token == SECOND ? 1e18 : 1e6;
        listing.price = uint96(_bound(priceSeed, 1, 500 * unit));
        listing.shipWithin = uint32(_bound(shipSeed, 1 hours, 6 days));
        listing.maxPerOrder = uint16(_bound(maxSeed, 1, 6));
        vm.prank(listing.merchant);
        catalog.updateListing(
            listing.id,
            IChainMartCatalog.ListingUpdate({
                price: listing.price,
                maxPerOrder: listing.maxPerOrder,
                shipWithin: listing.shipWithin,
                title: "Pu'er tea cake 357g",
                category: "tea",
                metadataURI: "ipfs://listing-v2"
            })
        );
        ++done["updateListing"];
    }

    /// @notice A merchant changes its arbiter, reward rate or auto-release window: open orders keep theirs.
    function updateMerchant(uint256 merchantSeed, uint256 arbiterSeed, uint256 rewardSeed, uint256 windowSeed)
        external
        step
    {
        address merchant = merchants[merchantSeed % MERCHANTS];
        MerchantModel storage model = _merchantModels[merchant];
        model.arbiter = arbiters[arbiterSeed % 3];
        model.rewardBps = uint16(_bound(rewardSeed, 0, 2000));
        model.autoReleaseWindow = uint32(_bound(windowSeed, 1 days, 6 days));
        vm.prank(merchant);
        catalog.updateMerchant(
            IChainMartCatalog.MerchantProfile({
                metadataURI: "ipfs://merchant-v2",
                encryptionKey: keccak256(abi.encode(merchant)),
                arbiter: model.arbiter,
                rewardBps: model.rewardBps,
                autoReleaseWindow: model.autoReleaseWindow
            })
        );
        ++done["updateMerchant"];
    }

    // ---------------------------------------------------------------- attacks: each must revert

    /// @notice Checkouts the escrow must refuse: a gate that answers nothing, an attestation with the wrong data,
    /// a fee-on-transfer token, a merchant or an arbiter buying from itself, and each line term the buyer saw
    /// differing from the listing's.
    function attackCheckout(uint256 kindSeed, uint256 seed) external step {
        uint256 kind = kindSeed % 10;
        address buyer = buyers[2];
        address token = address(usdc);
        uint256 value;
        IChainMartEscrow.CartLine memory line;
        string memory what;
        if (kind == 0) {
            what = "a gate that answers nothing admitted a buyer";
            line = _lineFor(silentGatedListing, 5e6, merchants[1]);
        } else if (kind == 1) {
            what = "an attestation with other data passed the gate";
            ListingModel storage gated = _listings[_listingsByToken[USDC][MERCHANTS]];
            if (_stockOf(gated) == 0) return;
            line = _lineFor(gated.id, gated.price, gated.merchant);
            line.proof = abi.encodePacked(wrongDataUid);
        } else if (kind == 2) {
            what = "a fee-on-transfer token was accepted";
            token = address(feeToken);
            line = _lineFor(feeTokenListing, 7e18, merchants[0]);
        } else {
            ListingModel storage listing = _listings[_listingsByToken[kind < 5 ? ETH : USDC][seed % MERCHANTS]];
            if (_stockOf(listing) == 0) return;
            line = _lineFor(listing.id, listing.price, listing.merchant);
            if (kind < 5) {
                what = kind == 3 ? "a merchant bought from itself" : "an arbiter bought from its merchant";
                buyer = kind == 3 ? listing.merchant : _merchantModels[listing.merchant].arbiter;
                token = address(0);
                value = listing.price;
            } else if (kind == 5) {
                what = "a line with another unit price was accepted";
                line.unitPrice += 1;
            } else if (kind == 6) {
                what = "a line with another shipping window was accepted";
                line.shipWithin += 1;
            } else if (kind == 7) {
                what = "a line with another arbiter was accepted";
                line.arbiter = stranger;
            } else if (kind == 8) {
                what = "a line with another auto-release window was accepted";
                line.autoReleaseWindow += 1;
            } else {
                what = "a line with another reward rate was accepted";
                line.rewardBps += 1;
            }
        }
        IChainMartEscrow.CartLine[] memory lines = new IChainMartEscrow.CartLine[](1);
        lines[0] = line;
        IChainMartEscrow.Payment memory payment;
        if (token != address(0)) payment.collector = approvalCollector;
        vm.prank(buyer);
        try escrow.checkout{value: value}(IChainMartEscrow.Cart(token, lines), payment) {
            _breach(what);
        } catch {}
        ++done["attackCheckout"];
    }

    /// @notice Settlements the escrow must refuse: signatures by someone who is not the party, a non-party approving,
    /// a signature for another amount, an expired deadline, and valid approvals after the arbiter's window.
    function attackSettlement(uint256 orderSeed, uint256 kindSeed) external step {
        uint256 id = _pick(orderSeed, _isDisputed);
        if (id == 0) return;
        _touched.push(id);
        OrderModel storage order = _orders[id];
        uint256 kind = kindSeed % 5;
        bool inWindow = time < uint256(order.disputedAt) + ARBITER_WINDOW;
        if (inWindow == (kind == 4)) return;
        uint96 buyerAmount = order.remaining / 2;
        uint40 deadline = uint40(kind == 3 ? time - 1 : time + 1 days);
        IChainMartEscrow.Approval[2] memory approvals;
        approvals[0].party = order.terms.buyer;
        approvals[1].party = order.terms.merchant;
        approvals[0].signature = _signSettlement(keyOf[order.terms.buyer], id, buyerAmount, deadline);
        approvals[1].signature = _signSettlement(keyOf[order.terms.merchant], id, buyerAmount, deadline);
        address caller = stranger;
        string memory what = kind == 3 ? "an expired settlement was accepted" : "a settlement after the window passed";
        if (kind == 0) {
            what = "a settlement signed by someone else than the parties was accepted";
            approvals[0].signature = _signSettlement(strangerKey, id, buyerAmount, deadline);
        } else if (kind == 1) {
            what = "a settlement approved by a non-party was accepted";
            approvals[0].party = stranger;
        } else if (kind == 2) {
            what = "a settlement signed for another amount was accepted";
            approvals[1].signature = _signSettlement(keyOf[order.terms.merchant], id, buyerAmount + 1, deadline);
        }
        vm.prank(caller);
        try escrow.settle(id, order.terms, buyerAmount, deadline, approvals) {
            _breach(what);
        } catch {}
        ++done["attackSettlement"];
    }

    /// @notice Order calls the escrow must refuse: shipping late, terms that are not the order's (another buyer, a
    /// larger total), reviewing or replying twice, cancelling early, completing early, a stranger refunding.
    function attackOrder(uint256 orderSeed, uint256 kindSeed) external step {
        uint256 kind = kindSeed % 7;
        function(uint256) internal view returns (bool) eligible = kind == 0
            ? _shipLate
            : kind == 1
                ? _disputable
                : kind == 2
                    ? _reviewed
                    : kind == 3 ? _replied : kind == 4 ? _cancelEarly : kind == 5 ? _notReleased : _isOpen;
        uint256 id = _pick(orderSeed, eligible);
        if (id == 0) return;
        _touched.push(id);
        OrderTerms memory terms = _orders[id].terms;
        bool accepted;
        string memory what;
        if (kind == 0) {
            what = "a merchant shipped after shipBy";
            vm.prank(terms.merchant);
            try escrow.ship(id, terms, "late", "late") {
                accepted = true;
            } catch {}
        } else if (kind == 1) {
            what = "terms naming another buyer were accepted";
            terms.buyer = stranger;
            vm.prank(stranger);
            try escrow.openDispute(id, terms, "ipfs://forged") {
                accepted = true;
            } catch {}
        } else if (kind == 2) {
            what = "an order was reviewed twice";
            vm.prank(terms.buyer);
            try escrow.review(id, terms, 1, "again") {
                accepted = true;
            } catch {}
        } else if (kind == 3) {
            what = "a review was replied to twice";
            vm.prank(terms.merchant);
            try escrow.replyToReview(id, terms, "again") {
                accepted = true;
            } catch {}
        } else if (kind == 4) {
            what = "an order was cancelled before its shipping deadline";
            vm.prank(terms.buyer);
            try escrow.cancelUnshipped(id, terms) {
                accepted = true;
            } catch {}
        } else if (kind == 5) {
            what = "an order was completed inside its auto-release window";
            vm.prank(stranger);
            try escrow.completeAfterTimeout(id, terms) {
                accepted = true;
            } catch {}
        } else {
            what = (kindSeed >> 8) % 2 == 0 ? "a stranger refunded an order" : "a refund with an inflated total";
            address caller = stranger;
            uint96 amount = _orders[id].remaining;
            if ((kindSeed >> 8) % 2 == 1) {
                caller = terms.merchant;
                amount = terms.total + 1;
                terms.total = amount;
            }
            vm.prank(caller);
            try escrow.refund(id, terms, amount) {
                accepted = true;
            } catch {}
        }
        if (accepted) _breach(what);
        ++done["attackOrder"];
    }

    // ---------------------------------------------------------------- views for the invariants

    function touchedOrders() external view returns (uint256[] memory) {
        return _touched;
    }

    function listingCount() external view returns (uint256) {
        return _listings.length;
    }

    function listingModel(uint256 index) external view returns (ListingModel memory) {
        return _listings[index];
    }

    function orderModel(uint256 orderId) external view returns (OrderModel memory) {
        return _orders[orderId];
    }

    /// @dev The model of an order and its payouts as the model expects them and as the escrow announced them.
    function orderAudit(uint256 orderId)
        external
        view
        returns (OrderModel memory model, Payout memory expected, Payout memory actual)
    {
        return (_orders[orderId], _expected[orderId], _actual[orderId]);
    }

    /// @dev The model's credits of `accounts()` in one token.
    function expectedCredits(address token) external view returns (uint256[] memory credits) {
        address[] memory list = this.accounts();
        credits = new uint256[](list.length);
        for (uint256 i; i < list.length; ++i) {
            credits[i] = expectedCredit[list[i]][token];
        }
    }

    /// @dev Every account that can ever hold a credit or receive anything, and a few that never should.
    function accounts() external view returns (address[] memory list) {
        list = new address[](BUYERS + MERCHANTS + 3 + 2 + 1);
        uint256 n;
        for (uint256 i; i < BUYERS; ++i) {
            list[n++] = buyers[i];
        }
        for (uint256 i; i < MERCHANTS; ++i) {
            list[n++] = merchants[i];
        }
        for (uint256 i; i < 3; ++i) {
            list[n++] = arbiters[i];
        }
        list[n++] = feeRecipients[0];
        list[n++] = feeRecipients[1];
        list[n++] = stranger;
    }

    function balanceOf(uint8 token, address account) external view returns (uint256) {
        return _balanceOf(token, account);
    }

    function isFinal(Status status) public pure returns (bool) {
        return status == Status.Completed || status == Status.Refunded || status == Status.Cancelled
            || status == Status.Resolved;
    }

    // ---------------------------------------------------------------- model: payouts

    function _expectCompletion(uint256 id) private {
        OrderModel storage order = _orders[id];
        OrderTerms storage terms = order.terms;
        uint256 amount = order.remaining;
        uint256 fee = amount * terms.feeBps / BPS;
        uint256 reward = amount * terms.rewardBps / BPS;
        uint256 merchantAmount = amount - fee - reward;
        openValue[terms.token] -= amount;
        Payout storage expected = _expected[id];
        expected.merchant += merchantAmount;
        expected.fee += fee;
        expected.points += reward;
        _credit(terms.merchant, terms.token, merchantAmount);
        _credit(feeRecipient, terms.token, fee);
        expectedReserve += reward;
        expectedPoints[terms.buyer] += reward;
        order.remaining = 0;
        _finalize(id, Status.Completed);
    }

    /// @dev A dispute split: the buyer amount capped at what remains goes back to the buyer, the rest minus the fee
    /// (of the order's own rate) to the merchant.
    function _expectResolution(uint256 id, uint96 buyerAmount) private {
        OrderModel storage order = _orders[id];
        OrderTerms storage terms = order.terms;
        uint96 held = order.remaining;
        uint96 toBuyer = buyerAmount < held ? buyerAmount : held;
        uint256 share = held - toBuyer;
        uint256 fee = share * terms.feeBps / BPS;
        openValue[terms.token] -= held;
        Payout storage expected = _expected[id];
        expected.merchant += share - fee;
        expected.fee += fee;
        _credit(terms.merchant, terms.token, share - fee);
        _credit(feeRecipient, terms.token, fee);
        order.remaining = 0;
        // Everything an unshipped order still held goes back to the buyer: the goods never left.
        if (toBuyer == held && order.shippedAt == 0) _giveBack(terms.listingId, terms.quantity);
        _finalize(id, Status.Resolved);
        _expectReturn(id, held, toBuyer);
    }

    /// @dev `value` goes back to the buyer: the cash the order still holds first, then its points as fresh points.
    /// Cash is pushed to the wallet unless the buyer cannot receive it (blocklisted, or refusing ETH): then credited.
    function _expectReturn(uint256 id, uint96 held, uint96 value) private {
        OrderModel storage order = _orders[id];
        OrderTerms storage terms = order.terms;
        uint256 cashHeld = held - order.pointsHeld;
        uint256 cash = value < cashHeld ? value : cashHeld;
        uint256 pointsBack = value - cash;
        order.pointsHeld -= uint96(pointsBack);
        Payout storage expected = _expected[id];
        expected.points += pointsBack;
        expectedReserve += pointsBack;
        expectedPoints[terms.buyer] += pointsBack;
        if (cash == 0) return;
        expected.buyerCash += cash;
        if (_pushFails(terms.token, terms.buyer)) {
            expected.buyerCredited += cash;
            _credit(terms.buyer, terms.token, cash);
        } else {
            expectedWallet[terms.buyer][terms.token] += cash;
            pushed[terms.token] += cash;
        }
    }

    /// @dev Adds what the escrow announced it paid to each order's ledger.
    function _absorbLogs() private {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            Vm.Log memory log = logs[i];
            if (log.emitter != address(escrow)) continue;
            bytes32 topic = log.topics[0];
            if (topic == IChainMartEscrow.OrderCompleted.selector) {
                (, uint96 merchantAmount, uint96 fee, uint96 minted) =
                    abi.decode(log.data, (address, uint96, uint96, uint96));
                Payout storage actual = _actual[uint256(log.topics[1])];
                actual.merchant += merchantAmount;
                actual.fee += fee;
                actual.points += minted;
            } else if (topic == IChainMartEscrow.OrderRefunded.selector) {
                (uint96 cash, uint96 pointsBack,) = abi.decode(log.data, (uint96, uint96, uint96));
                _actual[uint256(log.topics[1])].buyerCash += cash;
                _actual[uint256(log.topics[1])].points += pointsBack;
            } else if (topic == IChainMartEscrow.OrderCancelled.selector) {
                (uint96 cash, uint96 pointsBack) = abi.decode(log.data, (uint96, uint96));
                _actual[uint256(log.topics[1])].buyerCash += cash;
                _actual[uint256(log.topics[1])].points += pointsBack;
            } else if (topic == IChainMartEscrow.DisputeResolved.selector) {
                (, uint96 buyerCash, uint96 buyerPoints, uint96 merchantAmount, uint96 fee) =
                    abi.decode(log.data, (uint8, uint96, uint96, uint96, uint96));
                Payout storage actual = _actual[uint256(log.topics[1])];
                actual.buyerCash += buyerCash;
                actual.points += buyerPoints;
                actual.merchant += merchantAmount;
                actual.fee += fee;
            } else if (topic == IChainMartEscrow.BuyerCredited.selector) {
                (, uint96 amount) = abi.decode(log.data, (address, uint96));
                _actual[uint256(log.topics[1])].buyerCredited += amount;
            }
        }
    }

    // ---------------------------------------------------------------- model: state

    function _markShipped(OrderModel storage order) private {
        order.status = Status.Shipped;
        order.shippedAt = uint40(time);
    }

    function _finalize(uint256 id, Status status) private {
        _orders[id].status = status;
        if (finalStatusOf[id] != Status.None) _breach("the model finalized an order twice");
        finalStatusOf[id] = status;
    }

    function _giveBack(uint64 listingId, uint32 quantity) private {
        for (uint256 i; i < _listings.length; ++i) {
            if (_listings[i].id == listingId) _listings[i].returned += quantity;
        }
    }

    function _stockOf(ListingModel storage listing) private view returns (uint256) {
        return listing.initial + listing.restocked + listing.returned - listing.taken;
    }

    function _modelFeeBps() private view returns (uint16) {
        return _nextFeeAt != 0 && time >= _nextFeeAt ? _nextFeeBps : _feeBps;
    }

    function _pushFails(address token, address buyer) private view returns (bool) {
        if (token == address(0)) return buyer == buyers[WALLET];
        if (token == address(usdc)) return blocked[USDC][buyer];
        if (token == address(noReturn)) return blocked[NO_RETURN][buyer];
        return false;
    }

    function _credit(address account, address token, uint256 amount) private {
        expectedCredit[account][token] += amount;
        creditTotal[token] += amount;
    }

    function _breach(string memory what) private {
        if (breaches == 0) firstBreach = what;
        ++breaches;
    }

    // ---------------------------------------------------------------- order selection

    /// @dev The first eligible order from a random start (0: none).
    function _pick(uint256 seed, function(uint256) internal view returns (bool) eligible)
        private
        view
        returns (uint256)
    {
        uint256 n = ordersPlaced;
        if (n == 0) return 0;
        uint256 start = seed % n;
        for (uint256 k; k < n; ++k) {
            uint256 id = (start + k) % n + 1;
            if (!_orders[id].broken && eligible(id)) return id;
        }
        return 0;
    }

    function _shippable(uint256 id) private view returns (bool) {
        return _orders[id].status == Status.Paid && time <= _orders[id].terms.shipBy;
    }

    function _shipLate(uint256 id) private view returns (bool) {
        return _orders[id].status == Status.Paid && time > _orders[id].terms.shipBy;
    }

    function _cancellable(uint256 id) private view returns (bool) {
        return _shipLate(id);
    }

    function _cancelEarly(uint256 id) private view returns (bool) {
        return _shippable(id);
    }

    function _isShipped(uint256 id) private view returns (bool) {
        return _orders[id].status == Status.Shipped;
    }

    function _released(uint256 id) private view returns (bool) {
        OrderModel storage order = _orders[id];
        return order.status == Status.Shipped && time >= uint256(order.shippedAt) + order.terms.autoReleaseWindow;
    }

    function _notReleased(uint256 id) private view returns (bool) {
        return _isShipped(id) && !_released(id);
    }

    function _isOpen(uint256 id) private view returns (bool) {
        Status status = _orders[id].status;
        return status == Status.Paid || status == Status.Shipped || status == Status.Disputed;
    }

    function _disputable(uint256 id) private view returns (bool) {
        return _orders[id].status == Status.Paid || _notReleased(id);
    }

    function _isDisputed(uint256 id) private view returns (bool) {
        return _orders[id].status == Status.Disputed;
    }

    function _inArbiterWindow(uint256 id) private view returns (bool) {
        return _isDisputed(id) && time < uint256(_orders[id].disputedAt) + ARBITER_WINDOW;
    }

    function _arbiterTimedOut(uint256 id) private view returns (bool) {
        return _isDisputed(id) && time >= uint256(_orders[id].disputedAt) + ARBITER_WINDOW;
    }

    function _reviewable(uint256 id) private view returns (bool) {
        Status status = _orders[id].status;
        return (status == Status.Completed || status == Status.Resolved) && !_orders[id].reviewed;
    }

    function _reviewed(uint256 id) private view returns (bool) {
        return _orders[id].reviewed;
    }

    function _repliable(uint256 id) private view returns (bool) {
        return _orders[id].reviewed && !_orders[id].replied;
    }

    function _replied(uint256 id) private view returns (bool) {
        return _orders[id].replied;
    }

    // ---------------------------------------------------------------- helpers

    function _party(OrderTerms storage terms, uint256 index) private view returns (address) {
        index %= 3;
        return index == 0 ? terms.buyer : index == 1 ? terms.merchant : terms.arbiter;
    }

    function _creditedAccount(uint256 seed) private view returns (address) {
        address[] memory list = this.accounts();
        uint256 start = seed % list.length;
        for (uint256 k; k < list.length; ++k) {
            address account = list[(start + k) % list.length];
            for (uint256 t; t < TOKENS; ++t) {
                if (expectedCredit[account][tokens[t]] != 0) return account;
            }
        }
        return address(0);
    }

    function _lineFor(uint64 listingId, uint96 price, address merchant)
        private
        view
        returns (IChainMartEscrow.CartLine memory)
    {
        MerchantModel storage model = _merchantModels[merchant];
        return IChainMartEscrow.CartLine({
            listingId: listingId,
            quantity: 1,
            unitPrice: price,
            shipWithin: _shipWithinOf(listingId),
            arbiter: model.arbiter,
            rewardBps: model.rewardBps,
            autoReleaseWindow: model.autoReleaseWindow,
            points: 0,
            shippingInfo: "",
            proof: ""
        });
    }

    function _shipWithinOf(uint64 listingId) private view returns (uint32) {
        for (uint256 i; i < _listings.length; ++i) {
            if (_listings[i].id == listingId) return _listings[i].shipWithin;
        }
        return 1 days;
    }

    function _signSettlement(uint256 key, uint256 id, uint96 buyerAmount, uint40 deadline)
        private
        view
        returns (bytes memory)
    {
        return _sign(key, escrow.settlementDigest(id, buyerAmount, deadline));
    }

    function _sign(uint256 key, bytes32 digest) private pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _balanceOf(uint8 token, address account) private view returns (uint256) {
        if (token == ETH) return account.balance;
        return TestUsdc(tokens[token]).balanceOf(account);
    }
}
