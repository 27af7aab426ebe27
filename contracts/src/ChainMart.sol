// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ChainMartPoints} from "./ChainMartPoints.sol";
import {IChainMart} from "./interfaces/IChainMart.sol";
import {IListingGate} from "./interfaces/IListingGate.sol";
import {OrderHashing} from "./libraries/OrderHashing.sol";
import {Order, Resolution, Status} from "./types/Order.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title ChainMart
/// @notice See {IChainMart}. Not upgradeable. The owner can only change the fee (up to `MAX_FEE_BPS`, for
/// future orders) and the fee recipient (for fees credited from then on); it can never move, freeze or
/// redirect anyone's funds, pause anything, or remove a merchant.
/// @dev Accounting: for every token, this contract's balance covers the sum of `amount` over open orders
/// (escrow), plus all credited balances, plus (for the settlement token) the points reserve. Tokens that do
/// not move exact amounts are rejected at checkout; rebasing tokens that shrink balances later are unsupported.
contract ChainMart is IChainMart, Ownable2Step, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using OrderHashing for Order;

    // ---------------------------------------------------------------- constants

    /// @notice Hard cap of the platform fee: 5%.
    uint16 public constant MAX_FEE_BPS = 500;
    /// @notice Cap of a merchant's points reward rate: 20%.
    uint16 public constant MAX_REWARD_BPS = 2000;
    /// @notice Shortest auto-release window a merchant may choose.
    uint32 public constant MIN_AUTO_RELEASE = 1 days;
    /// @notice Longest auto-release window a merchant may choose.
    uint32 public constant MAX_AUTO_RELEASE = 60 days;
    /// @notice Shortest shipping window a listing may have.
    uint32 public constant MIN_SHIP_WITHIN = 1 hours;
    /// @notice Longest shipping window a listing may have.
    uint32 public constant MAX_SHIP_WITHIN = 90 days;
    /// @notice Time the arbiter has to rule after a dispute opens; afterwards the default (full refund) applies.
    uint40 public constant ARBITER_WINDOW = 14 days;
    /// @notice EIP-712 type of a dispute settlement.
    bytes32 public constant SETTLEMENT_TYPEHASH = keccak256("Settlement(uint256 orderId,uint96 buyerAmount)");

    uint256 private constant BPS = 10_000;
    uint256 private constant MAX_SHORT_TEXT = 128;
    uint256 private constant MAX_TEXT = 512;
    uint256 private constant MAX_SHIPPING_INFO = 2048;
    uint8 private constant FLAG_REVIEWED = 1;
    uint8 private constant FLAG_REPLIED = 2;

    // ---------------------------------------------------------------- storage

    /// @notice The points token (deployed by this contract, which alone mints and burns).
    ChainMartPoints public immutable points;
    /// @notice The stablecoin points are denominated and backed in.
    address public immutable settlementToken;

    struct MerchantTerms {
        address arbiter;
        uint16 rewardBps;
        uint32 autoReleaseWindow;
        bool registered;
    }

    struct ListingTerms {
        // slot 0: read and written on every purchase
        address merchant;
        uint32 stock;
        uint16 maxPerOrder;
        uint32 shipWithin;
        bool paused;
        bool gated;
        // slot 1: read on every purchase
        address token;
        uint96 price;
    }

    /// @notice Receives fees credited from now on.
    address public feeRecipient;
    /// @notice Current platform fee, in basis points, for orders placed from now on.
    uint16 public feeBps;
    /// @notice Number of orders ever placed (order ids run from 1).
    uint64 public orderCount;
    /// @notice Number of listings ever created (listing ids run from 1).
    uint64 public listingCount;
    /// @notice Settlement tokens backing the points supply, one to one.
    uint256 public pointsReserve;

    mapping(address merchant => MerchantTerms) private _merchants;
    mapping(address merchant => bytes32) private _encryptionKeys;
    /// @notice Whether a courier may add checkpoints to a merchant's orders.
    mapping(address merchant => mapping(address courier => bool)) public isCourier;
    mapping(uint64 listingId => ListingTerms) private _listings;
    mapping(uint64 listingId => address) private _gates;
    mapping(uint256 orderId => bytes32) private _orderHashes;
    mapping(address account => mapping(address token => uint256)) private _credits;

    // ---------------------------------------------------------------- constructor

    /// @param owner_ may change the fee and the fee recipient, nothing else
    /// @param feeRecipient_ first fee recipient
    /// @param feeBps_ first fee
    /// @param settlementToken_ stablecoin that backs points (its decimals become the points' decimals)
    constructor(address owner_, address feeRecipient_, uint16 feeBps_, address settlementToken_)
        Ownable(owner_)
        EIP712("ChainMart", "1")
    {
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_, MAX_FEE_BPS);
        if (feeRecipient_ == address(0)) revert RecipientInvalid(feeRecipient_);
        if (settlementToken_.code.length == 0) revert TokenInvalid(settlementToken_);
        feeRecipient = feeRecipient_;
        feeBps = feeBps_;
        settlementToken = settlementToken_;
        points = new ChainMartPoints(IERC20Metadata(settlementToken_).decimals());
        emit FeeRecipientUpdated(feeRecipient_);
        emit FeeUpdated(feeBps_);
    }

    // ---------------------------------------------------------------- merchants and listings

    /// @inheritdoc IChainMart
    function registerMerchant(MerchantProfile calldata profile) external {
        if (_merchants[msg.sender].registered) revert MerchantAlreadyRegistered(msg.sender);
        _setProfile(profile);
        emit MerchantRegistered(
            msg.sender,
            profile.metadataURI,
            profile.encryptionKey,
            profile.arbiter,
            profile.rewardBps,
            profile.autoReleaseWindow
        );
    }

    /// @inheritdoc IChainMart
    function updateMerchant(MerchantProfile calldata profile) external {
        _requireMerchant(msg.sender);
        _setProfile(profile);
        emit MerchantUpdated(
            msg.sender,
            profile.metadataURI,
            profile.encryptionKey,
            profile.arbiter,
            profile.rewardBps,
            profile.autoReleaseWindow
        );
    }

    /// @inheritdoc IChainMart
    function setCourier(address courier, bool allowed) external {
        _requireMerchant(msg.sender);
        isCourier[msg.sender][courier] = allowed;
        emit CourierSet(msg.sender, courier, allowed);
    }

    /// @inheritdoc IChainMart
    function createListing(ListingParams calldata params) external returns (uint64 listingId) {
        _requireMerchant(msg.sender);
        if (params.token != address(0) && params.token.code.length == 0) revert TokenInvalid(params.token);
        _checkListingTerms(params.price, params.maxPerOrder, params.shipWithin);
        _checkText(params.title, MAX_TEXT);
        _checkText(params.category, MAX_SHORT_TEXT);
        _checkText(params.metadataURI, MAX_TEXT);
        // Cannot overflow: one listing per transaction, 2^64 transactions are out of reach.
        unchecked {
            listingId = ++listingCount;
        }
        _listings[listingId] = ListingTerms({
            merchant: msg.sender,
            stock: params.stock,
            maxPerOrder: params.maxPerOrder,
            shipWithin: params.shipWithin,
            paused: false,
            gated: false,
            token: params.token,
            price: params.price
        });
        emit ListingCreated(
            listingId,
            msg.sender,
            params.token,
            params.price,
            params.stock,
            params.maxPerOrder,
            params.shipWithin,
            params.title,
            params.category,
            params.metadataURI
        );
    }

    /// @inheritdoc IChainMart
    function updateListing(uint64 listingId, ListingUpdate calldata update) external {
        ListingTerms storage listing = _ownListing(listingId);
        _checkListingTerms(update.price, update.maxPerOrder, update.shipWithin);
        _checkText(update.title, MAX_TEXT);
        _checkText(update.category, MAX_SHORT_TEXT);
        _checkText(update.metadataURI, MAX_TEXT);
        listing.price = update.price;
        listing.maxPerOrder = update.maxPerOrder;
        listing.shipWithin = update.shipWithin;
        emit ListingUpdated(
            listingId,
            update.price,
            update.maxPerOrder,
            update.shipWithin,
            update.title,
            update.category,
            update.metadataURI
        );
    }

    /// @inheritdoc IChainMart
    function setListingPaused(uint64 listingId, bool paused) external {
        _ownListing(listingId).paused = paused;
        emit ListingPaused(listingId, paused);
    }

    /// @inheritdoc IChainMart
    function restock(uint64 listingId, uint32 added) external {
        ListingTerms storage listing = _ownListing(listingId);
        uint32 stock = listing.stock;
        if (uint256(stock) + added > type(uint32).max) revert StockOverflow(listingId, stock, added);
        // Cannot overflow: checked just above.
        unchecked {
            stock += added;
        }
        listing.stock = stock;
        emit ListingRestocked(listingId, added, stock);
    }

    /// @inheritdoc IChainMart
    function setListingGate(uint64 listingId, address gate) external {
        ListingTerms storage listing = _ownListing(listingId);
        if (gate != address(0) && gate.code.length == 0) revert GateInvalid(gate);
        listing.gated = gate != address(0);
        _gates[listingId] = gate;
        emit ListingGateSet(listingId, gate);
    }

    /// @inheritdoc IChainMart
    function addProvenance(uint64 listingId, ProvenanceStep calldata step) external {
        _ownListing(listingId);
        _checkText(step.kind, MAX_SHORT_TEXT);
        _checkText(step.location, MAX_TEXT);
        _checkText(step.actor, MAX_TEXT);
        _checkText(step.evidenceCid, MAX_TEXT);
        emit ProvenanceAdded(listingId, step.kind, step.location, step.occurredAt, step.actor, step.evidenceCid);
    }

    // ---------------------------------------------------------------- checkout

    /// @inheritdoc IChainMart
    function buy(Purchase calldata purchase) external payable nonReentrant returns (uint256 orderId) {
        return _buy(purchase, msg.data[0:0]);
    }

    /// @inheritdoc IChainMart
    function buyWithPermit(Purchase calldata purchase, Permit calldata permit)
        external
        nonReentrant
        returns (uint256 orderId)
    {
        return _buyWithPermit(purchase, permit, msg.data[0:0]);
    }

    /// @inheritdoc IChainMart
    function buyGated(Purchase calldata purchase, bytes calldata proof)
        external
        payable
        nonReentrant
        returns (uint256 orderId)
    {
        return _buy(purchase, proof);
    }

    /// @inheritdoc IChainMart
    function buyGatedWithPermit(Purchase calldata purchase, Permit calldata permit, bytes calldata proof)
        external
        nonReentrant
        returns (uint256 orderId)
    {
        return _buyWithPermit(purchase, permit, proof);
    }

    // ---------------------------------------------------------------- order lifecycle

    /// @inheritdoc IChainMart
    function ship(uint256 orderId, Order calldata order, string calldata carrier, string calldata trackingRef)
        external
    {
        _verify(orderId, order);
        if (msg.sender != order.merchant) revert NotAuthorized(orderId, msg.sender);
        if (order.status != Status.Paid) revert OrderStatusInvalid(orderId, order.status);
        _checkText(carrier, MAX_SHORT_TEXT);
        _checkText(trackingRef, MAX_SHORT_TEXT);
        Order memory updated = order;
        updated.status = Status.Shipped;
        updated.shippedAt = uint40(block.timestamp);
        _store(orderId, updated);
        emit OrderShipped(orderId, updated.shippedAt, carrier, trackingRef);
    }

    /// @inheritdoc IChainMart
    function addCheckpoint(uint256 orderId, Order calldata order, string calldata location, string calldata note)
        external
    {
        _verify(orderId, order);
        if (msg.sender != order.merchant && !isCourier[order.merchant][msg.sender]) {
            revert NotAuthorized(orderId, msg.sender);
        }
        if (order.shippedAt == 0 || (order.status != Status.Shipped && order.status != Status.Disputed)) {
            revert OrderStatusInvalid(orderId, order.status);
        }
        _checkText(location, MAX_TEXT);
        _checkText(note, MAX_TEXT);
        emit CheckpointAdded(orderId, msg.sender, location, note);
    }

    /// @inheritdoc IChainMart
    function confirmReceipt(uint256 orderId, Order calldata order) external {
        _verify(orderId, order);
        if (msg.sender != order.buyer) revert NotAuthorized(orderId, msg.sender);
        if (order.status != Status.Shipped) revert OrderStatusInvalid(orderId, order.status);
        _complete(orderId, order);
    }

    /// @inheritdoc IChainMart
    function completeAfterTimeout(uint256 orderId, Order calldata order) external {
        _verify(orderId, order);
        if (order.status != Status.Shipped) revert OrderStatusInvalid(orderId, order.status);
        uint256 releaseAt = uint256(order.shippedAt) + order.autoReleaseWindow;
        if (block.timestamp < releaseAt) revert TooEarly(orderId, releaseAt);
        _complete(orderId, order);
    }

    /// @inheritdoc IChainMart
    function refund(uint256 orderId, Order calldata order, uint96 amount) external {
        _verify(orderId, order);
        if (msg.sender != order.merchant) revert NotAuthorized(orderId, msg.sender);
        _requireOpen(orderId, order.status);
        if (amount == 0 || amount > order.amount) revert AmountInvalid(orderId, amount, order.amount);
        Order memory updated = order;
        (uint96 cash, uint96 pointsBack) = _returnToBuyer(updated, amount);
        // Cannot underflow: amount <= order.amount was checked above.
        unchecked {
            updated.amount -= amount;
        }
        if (updated.amount == 0) updated.status = Status.Refunded;
        _store(orderId, updated);
        emit OrderRefunded(orderId, cash, pointsBack, updated.amount);
    }

    /// @inheritdoc IChainMart
    function cancelUnshipped(uint256 orderId, Order calldata order) external {
        _verify(orderId, order);
        if (msg.sender != order.buyer) revert NotAuthorized(orderId, msg.sender);
        if (order.status != Status.Paid) revert OrderStatusInvalid(orderId, order.status);
        if (block.timestamp <= order.shipBy) revert TooEarly(orderId, uint256(order.shipBy) + 1);
        Order memory updated = order;
        (uint96 cash, uint96 pointsBack) = _returnToBuyer(updated, order.amount);
        updated.status = Status.Cancelled;
        updated.amount = 0;
        _store(orderId, updated);
        emit OrderCancelled(orderId, cash, pointsBack);
    }

    // ---------------------------------------------------------------- disputes

    /// @inheritdoc IChainMart
    function openDispute(uint256 orderId, Order calldata order, string calldata statementCid) external {
        _verify(orderId, order);
        if (msg.sender != order.buyer) revert NotAuthorized(orderId, msg.sender);
        if (order.status == Status.Shipped) {
            uint256 releaseAt = uint256(order.shippedAt) + order.autoReleaseWindow;
            if (block.timestamp >= releaseAt) revert TooLate(orderId, releaseAt);
        } else if (order.status != Status.Paid) {
            revert OrderStatusInvalid(orderId, order.status);
        }
        _checkText(statementCid, MAX_TEXT);
        Order memory updated = order;
        updated.status = Status.Disputed;
        updated.disputedAt = uint40(block.timestamp);
        _store(orderId, updated);
        emit DisputeOpened(orderId, statementCid, updated.disputedAt + ARBITER_WINDOW);
    }

    /// @inheritdoc IChainMart
    function submitStatement(uint256 orderId, Order calldata order, string calldata statementCid) external {
        _verify(orderId, order);
        if (msg.sender != order.buyer && msg.sender != order.merchant && msg.sender != order.arbiter) {
            revert NotAuthorized(orderId, msg.sender);
        }
        if (order.status != Status.Disputed) revert OrderStatusInvalid(orderId, order.status);
        _checkText(statementCid, MAX_TEXT);
        emit DisputeStatement(orderId, msg.sender, statementCid);
    }

    /// @inheritdoc IChainMart
    function rule(uint256 orderId, Order calldata order, uint96 buyerAmount) external {
        _verify(orderId, order);
        if (msg.sender != order.arbiter) revert NotAuthorized(orderId, msg.sender);
        if (order.status != Status.Disputed) revert OrderStatusInvalid(orderId, order.status);
        uint256 deadline = uint256(order.disputedAt) + ARBITER_WINDOW;
        if (block.timestamp >= deadline) revert TooLate(orderId, deadline);
        _resolve(orderId, order, buyerAmount, Resolution.Ruling);
    }

    /// @inheritdoc IChainMart
    function settle(uint256 orderId, Order calldata order, uint96 buyerAmount, PartySignature[2] calldata signatures)
        external
    {
        _verify(orderId, order);
        if (order.status != Status.Disputed) revert OrderStatusInvalid(orderId, order.status);
        bytes32 digest = _settlementDigest(orderId, buyerAmount);
        address first = signatures[0].signer;
        address second = signatures[1].signer;
        if (first == second) revert SignatureInvalid(orderId, second);
        _checkPartySignature(orderId, order, digest, signatures[0]);
        _checkPartySignature(orderId, order, digest, signatures[1]);
        _resolve(orderId, order, buyerAmount, Resolution.Settlement);
    }

    /// @inheritdoc IChainMart
    function resolveAfterArbiterTimeout(uint256 orderId, Order calldata order) external {
        _verify(orderId, order);
        if (order.status != Status.Disputed) revert OrderStatusInvalid(orderId, order.status);
        uint256 deadline = uint256(order.disputedAt) + ARBITER_WINDOW;
        if (block.timestamp < deadline) revert TooEarly(orderId, deadline);
        _resolve(orderId, order, order.amount, Resolution.ArbiterTimeout);
    }

    // ---------------------------------------------------------------- reviews

    /// @inheritdoc IChainMart
    function review(uint256 orderId, Order calldata order, uint8 rating, string calldata commentCid) external {
        _verify(orderId, order);
        if (msg.sender != order.buyer) revert NotAuthorized(orderId, msg.sender);
        if (order.status != Status.Completed && order.status != Status.Resolved) {
            revert OrderStatusInvalid(orderId, order.status);
        }
        if (order.flags & FLAG_REVIEWED != 0) revert AlreadyReviewed(orderId);
        if (rating == 0 || rating > 5) revert RatingInvalid(rating);
        _checkText(commentCid, MAX_TEXT);
        Order memory updated = order;
        updated.flags |= FLAG_REVIEWED;
        _store(orderId, updated);
        emit Reviewed(orderId, order.listingId, order.merchant, msg.sender, rating, commentCid);
    }

    /// @inheritdoc IChainMart
    function replyToReview(uint256 orderId, Order calldata order, string calldata commentCid) external {
        _verify(orderId, order);
        if (msg.sender != order.merchant) revert NotAuthorized(orderId, msg.sender);
        if (order.flags & FLAG_REVIEWED == 0) revert OrderStatusInvalid(orderId, order.status);
        if (order.flags & FLAG_REPLIED != 0) revert AlreadyReviewed(orderId);
        _checkText(commentCid, MAX_TEXT);
        Order memory updated = order;
        updated.flags |= FLAG_REPLIED;
        _store(orderId, updated);
        emit ReviewReplied(orderId, commentCid);
    }

    // ---------------------------------------------------------------- funds

    /// @inheritdoc IChainMart
    function withdraw(address token, address to) external nonReentrant {
        if (to == address(0)) revert RecipientInvalid(to);
        uint256 amount = _credits[msg.sender][token];
        if (amount == 0) revert NothingToWithdraw(msg.sender, token);
        _credits[msg.sender][token] = 0;
        if (token == address(0)) {
            Address.sendValue(payable(to), amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
        emit Withdrawn(msg.sender, token, to, amount);
    }

    // ---------------------------------------------------------------- admin

    /// @inheritdoc IChainMart
    function setFee(uint16 newFeeBps) external onlyOwner {
        if (newFeeBps > MAX_FEE_BPS) revert FeeTooHigh(newFeeBps, MAX_FEE_BPS);
        feeBps = newFeeBps;
        emit FeeUpdated(newFeeBps);
    }

    /// @inheritdoc IChainMart
    function setFeeRecipient(address newFeeRecipient) external onlyOwner {
        if (newFeeRecipient == address(0)) revert RecipientInvalid(newFeeRecipient);
        feeRecipient = newFeeRecipient;
        emit FeeRecipientUpdated(newFeeRecipient);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IChainMart
    function orderHashOf(uint256 orderId) external view returns (bytes32) {
        return _orderHashes[orderId];
    }

    /// @inheritdoc IChainMart
    function hashOrder(Order calldata order) external pure returns (bytes32) {
        return order.hashCalldata();
    }

    /// @inheritdoc IChainMart
    function settlementDigest(uint256 orderId, uint96 buyerAmount) external view returns (bytes32) {
        return _settlementDigest(orderId, buyerAmount);
    }

    /// @inheritdoc IChainMart
    function merchantOf(address merchant)
        external
        view
        returns (bool registered, address arbiter, uint16 rewardBps, uint32 autoReleaseWindow, bytes32 encryptionKey)
    {
        MerchantTerms memory terms = _merchants[merchant];
        return (terms.registered, terms.arbiter, terms.rewardBps, terms.autoReleaseWindow, _encryptionKeys[merchant]);
    }

    /// @inheritdoc IChainMart
    function listingOf(uint64 listingId)
        external
        view
        returns (
            address merchant,
            address token,
            uint96 price,
            uint32 stock,
            uint16 maxPerOrder,
            uint32 shipWithin,
            bool paused
        )
    {
        ListingTerms memory listing = _listings[listingId];
        return (
            listing.merchant,
            listing.token,
            listing.price,
            listing.stock,
            listing.maxPerOrder,
            listing.shipWithin,
            listing.paused
        );
    }

    /// @inheritdoc IChainMart
    function gateOf(uint64 listingId) external view returns (address) {
        return _gates[listingId];
    }

    /// @inheritdoc IChainMart
    function creditOf(address account, address token) external view returns (uint256) {
        return _credits[account][token];
    }

    // ---------------------------------------------------------------- internal: checkout

    function _buy(Purchase calldata purchase, bytes calldata proof) private returns (uint256 orderId) {
        Order memory order;
        uint256 cash;
        (orderId, order, cash) = _placeOrder(purchase, proof);
        if (order.token == address(0)) {
            if (msg.value != cash) revert EthAmountMismatch(msg.value, cash);
        } else {
            if (msg.value != 0) revert EthAmountMismatch(msg.value, 0);
            _pullExact(order.token, cash);
        }
    }

    function _buyWithPermit(Purchase calldata purchase, Permit calldata permit, bytes calldata proof)
        private
        returns (uint256 orderId)
    {
        Order memory order;
        uint256 cash;
        (orderId, order, cash) = _placeOrder(purchase, proof);
        if (order.token == address(0)) revert TokenInvalid(address(0));
        // A front-runner may submit the permit first; then the allowance is already there and we go on.
        try IERC20Permit(order.token)
            .permit(msg.sender, address(this), permit.value, permit.deadline, permit.v, permit.r, permit.s) {}
            catch {}
        if (IERC20(order.token).allowance(msg.sender, address(this)) < cash) {
            revert PermitInsufficient(permit.value, cash);
        }
        _pullExact(order.token, cash);
    }

    function _placeOrder(Purchase calldata purchase, bytes calldata proof)
        private
        returns (uint256 orderId, Order memory order, uint256 cash)
    {
        if (purchase.shippingInfo.length > MAX_SHIPPING_INFO) {
            revert FieldTooLong(purchase.shippingInfo.length, MAX_SHIPPING_INFO);
        }
        order = _takeFromListing(purchase, proof);
        uint96 pointsSpent = order.pointsPaid;
        if (pointsSpent != 0) {
            // The reserve moves into this order's escrow; the burnt points no longer need backing.
            pointsReserve -= pointsSpent;
            points.burn(msg.sender, pointsSpent);
        }
        // Cannot overflow: orderCount cannot reach 2^64. Cannot underflow: pointsPaid <= amount.
        unchecked {
            orderId = ++orderCount;
            cash = order.amount - pointsSpent;
        }
        _store(orderId, order);
        emit OrderPlaced(orderId, msg.sender, order.merchant, order, purchase.shippingInfo);
    }

    /// @dev Checks the purchase against the listing, takes the stock and returns the new order's terms.
    function _takeFromListing(Purchase calldata purchase, bytes calldata proof) private returns (Order memory order) {
        uint64 listingId = purchase.listingId;
        uint32 quantity = purchase.quantity;
        ListingTerms memory listing = _listings[listingId];
        if (listing.merchant == address(0)) revert ListingNotFound(listingId);
        if (listing.paused) revert ListingIsPaused(listingId);
        if (listing.gated) _checkGate(listingId, proof);
        if (quantity == 0 || quantity > listing.maxPerOrder) revert QuantityInvalid(quantity, listing.maxPerOrder);
        if (quantity > listing.stock) revert OutOfStock(listingId, quantity, listing.stock);
        // Cannot overflow: uint96 * uint32 < 2^128; bounded by maxTotal (a uint96) right after.
        uint256 total;
        unchecked {
            total = uint256(listing.price) * quantity;
        }
        if (total > purchase.maxTotal) revert PriceAboveMax(total, purchase.maxTotal);
        MerchantTerms memory terms = _merchants[listing.merchant];
        if (msg.sender == listing.merchant || msg.sender == terms.arbiter) revert SelfDealing(msg.sender);
        bool inSettlementToken = listing.token == settlementToken;
        if (purchase.points != 0 && (!inSettlementToken || purchase.points > total)) {
            revert PointsNotAccepted(listingId, purchase.points, total);
        }
        // Cannot underflow: quantity <= stock was checked above.
        unchecked {
            _listings[listingId].stock = listing.stock - quantity;
        }
        order.buyer = msg.sender;
        order.merchant = listing.merchant;
        order.token = listing.token;
        order.arbiter = terms.arbiter;
        order.listingId = listingId;
        order.quantity = quantity;
        order.amount = uint96(total);
        order.pointsPaid = purchase.points;
        order.feeBps = feeBps;
        order.rewardBps = inSettlementToken ? terms.rewardBps : 0;
        order.autoReleaseWindow = terms.autoReleaseWindow;
        order.placedAt = uint40(block.timestamp);
        order.shipBy = uint40(block.timestamp + listing.shipWithin);
        order.status = Status.Paid;
    }

    /// @dev Asks the listing's gate (STATICCALL: it cannot change state) whether the caller may buy.
    function _checkGate(uint64 listingId, bytes calldata proof) private view {
        address gate = _gates[listingId];
        if (proof.length == 0) revert ListingGated(listingId, gate);
        IListingGate(gate).checkPurchase(msg.sender, listingId, proof);
    }

    /// @dev Pulls `amount` of `token` from the caller and rejects tokens that deliver anything else.
    function _pullExact(address token, uint256 amount) private {
        if (amount == 0) return;
        uint256 before = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - before;
        if (received != amount) revert TokenTransferMismatch(token, amount, received);
    }

    // ---------------------------------------------------------------- internal: settlement

    function _complete(uint256 orderId, Order calldata order) private {
        uint256 amount = order.amount;
        // Cannot overflow: amount < 2^96 and rates are at most 10_000. Cannot underflow: fee + reward <= 25%.
        uint96 fee;
        uint96 reward;
        uint96 merchantAmount;
        unchecked {
            fee = uint96(amount * order.feeBps / BPS);
            reward = uint96(amount * order.rewardBps / BPS);
            merchantAmount = uint96(amount - fee - reward);
        }
        Order memory updated = order;
        updated.status = Status.Completed;
        updated.amount = 0;
        updated.pointsPaid = 0;
        _store(orderId, updated);

        _credits[order.merchant][order.token] += merchantAmount;
        if (fee != 0) _credits[feeRecipient][order.token] += fee;
        if (reward != 0) {
            pointsReserve += reward;
            points.mint(order.buyer, reward);
        }
        emit OrderCompleted(orderId, msg.sender, merchantAmount, fee, reward);
    }

    function _resolve(uint256 orderId, Order calldata order, uint96 buyerAmount, Resolution resolution) private {
        if (buyerAmount > order.amount) revert AmountInvalid(orderId, buyerAmount, order.amount);
        Order memory updated = order;
        (uint96 buyerCash, uint96 buyerPoints) = _returnToBuyer(updated, buyerAmount);
        uint96 merchantAmount;
        uint96 fee;
        // Cannot underflow: buyerAmount <= amount; fee <= 5% of the merchant's share.
        unchecked {
            uint256 merchantShare = order.amount - buyerAmount;
            fee = uint96(merchantShare * order.feeBps / BPS);
            merchantAmount = uint96(merchantShare - fee);
        }
        updated.status = Status.Resolved;
        updated.amount = 0;
        updated.pointsPaid = 0;
        _store(orderId, updated);
        if (merchantAmount != 0) _credits[order.merchant][order.token] += merchantAmount;
        if (fee != 0) _credits[feeRecipient][order.token] += fee;
        emit DisputeResolved(orderId, resolution, msg.sender, buyerCash, buyerPoints, merchantAmount, fee);
    }

    /// @dev Returns `value` of an order to its buyer: cash first, then the points part as re-minted points.
    /// Lowers `order.pointsPaid` by the points returned; the caller adjusts `amount` and status.
    function _returnToBuyer(Order memory order, uint96 value) private returns (uint96 cash, uint96 pointsBack) {
        // Cannot underflow: pointsPaid <= amount always holds; value <= amount is checked by every caller.
        unchecked {
            uint96 cashHeld = order.amount - order.pointsPaid;
            cash = value < cashHeld ? value : cashHeld;
            pointsBack = value - cash;
            order.pointsPaid -= pointsBack;
        }
        if (cash != 0) _credits[order.buyer][order.token] += cash;
        if (pointsBack != 0) {
            pointsReserve += pointsBack;
            points.mint(order.buyer, pointsBack);
        }
    }

    function _settlementDigest(uint256 orderId, uint96 buyerAmount) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(SETTLEMENT_TYPEHASH, orderId, buyerAmount)));
    }

    function _checkPartySignature(uint256 orderId, Order calldata order, bytes32 digest, PartySignature calldata party)
        private
        view
    {
        address signer = party.signer;
        bool isParty = signer == order.buyer || signer == order.merchant || signer == order.arbiter;
        if (!isParty || !SignatureChecker.isValidSignatureNow(signer, digest, party.signature)) {
            revert SignatureInvalid(orderId, signer);
        }
    }

    // ---------------------------------------------------------------- internal: checks and storage

    function _verify(uint256 orderId, Order calldata order) private view {
        if (order.hashCalldata() != _orderHashes[orderId]) revert OrderMismatch(orderId);
    }

    function _store(uint256 orderId, Order memory order) private {
        _orderHashes[orderId] = order.hashMemory();
    }

    function _requireOpen(uint256 orderId, Status status) private pure {
        if (status != Status.Paid && status != Status.Shipped && status != Status.Disputed) {
            revert OrderStatusInvalid(orderId, status);
        }
    }

    function _requireMerchant(address account) private view {
        if (!_merchants[account].registered) revert MerchantNotRegistered(account);
    }

    function _ownListing(uint64 listingId) private view returns (ListingTerms storage listing) {
        listing = _listings[listingId];
        if (listing.merchant == address(0)) revert ListingNotFound(listingId);
        if (listing.merchant != msg.sender) revert NotListingMerchant(listingId, msg.sender);
    }

    function _setProfile(MerchantProfile calldata profile) private {
        if (profile.arbiter == address(0) || profile.arbiter == msg.sender) revert ArbiterInvalid(profile.arbiter);
        if (profile.rewardBps > MAX_REWARD_BPS) revert RewardRateTooHigh(profile.rewardBps, MAX_REWARD_BPS);
        if (profile.autoReleaseWindow < MIN_AUTO_RELEASE || profile.autoReleaseWindow > MAX_AUTO_RELEASE) {
            revert AutoReleaseWindowInvalid(profile.autoReleaseWindow);
        }
        _checkText(profile.metadataURI, MAX_TEXT);
        _merchants[msg.sender] = MerchantTerms({
            arbiter: profile.arbiter,
            rewardBps: profile.rewardBps,
            autoReleaseWindow: profile.autoReleaseWindow,
            registered: true
        });
        _encryptionKeys[msg.sender] = profile.encryptionKey;
    }

    function _checkListingTerms(uint96 price, uint16 maxPerOrder, uint32 shipWithin) private pure {
        if (price == 0 || maxPerOrder == 0) revert ListingTermsInvalid(price, maxPerOrder);
        if (shipWithin < MIN_SHIP_WITHIN || shipWithin > MAX_SHIP_WITHIN) revert ShipWithinInvalid(shipWithin);
    }

    function _checkText(string calldata text, uint256 maxLength) private pure {
        if (bytes(text).length > maxLength) revert FieldTooLong(bytes(text).length, maxLength);
    }
}
