// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ChainMartCatalog} from "./ChainMartCatalog.sol";
import {ChainMartPoints} from "./ChainMartPoints.sol";
import {IChainMartCatalog} from "./interfaces/IChainMartCatalog.sol";
import {IChainMartEscrow} from "./interfaces/IChainMartEscrow.sol";
import {ITokenCollector} from "./interfaces/ITokenCollector.sol";
import {TermsHashing} from "./libraries/TermsHashing.sol";
import {Resolution, Status} from "./types/Order.sol";
import {OrderState, OrderTerms} from "./types/OrderTerms.sol";
import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title ChainMartEscrow
/// @notice See {IChainMartEscrow}. Not upgradeable. The owner can only announce the fee (up to `MAX_FEE_BPS`;
/// increases after `FEE_NOTICE`, for orders placed from then on) and set the fee recipient; it can never move,
/// freeze or redirect anyone's funds, pause anything, or remove a merchant.
/// @dev Books, per token: this contract's balance equals the value still held by open orders, plus all credits,
/// plus (for the settlement token) the points reserve. Tokens that do not move exact amounts are refused at
/// checkout; rebasing tokens that shrink balances later are unsupported.
contract ChainMartEscrow is IChainMartEscrow, Ownable2Step, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------- constants

    /// @notice Hard cap of the platform fee: 5%.
    uint16 public constant MAX_FEE_BPS = 500;
    /// @notice Notice before a fee increase applies.
    uint40 public constant FEE_NOTICE = 7 days;
    /// @notice Time the arbiter has to rule after a dispute opens (settlements must land within it too);
    /// afterwards the default (full refund) applies.
    uint40 public constant ARBITER_WINDOW = 14 days;
    /// @notice Most lines in one cart.
    uint256 public constant MAX_CART_LINES = 32;
    /// @notice Gas a refund push to the buyer may use before it falls back to a credit.
    uint256 public constant PUSH_GAS = 100_000;
    /// @notice EIP-712 type of a settlement approval.
    bytes32 public constant SETTLEMENT_TYPEHASH =
        keccak256("Settlement(uint256 orderId,uint96 buyerAmount,uint40 deadline)");

    uint256 private constant BPS = 10_000;
    uint256 private constant MAX_SHORT_TEXT = 128;
    uint256 private constant MAX_TEXT = 512;
    uint256 private constant MAX_SHIPPING_INFO = 2048;
    uint8 private constant FLAG_REVIEWED = 1;
    uint8 private constant FLAG_REPLIED = 2;
    /// @dev Bit offset of `status` in a stored `OrderState`: after remaining (96), shippedAt (40), disputedAt (40).
    uint256 private constant STATUS_OFFSET = 176;

    // ---------------------------------------------------------------- storage

    /// @inheritdoc IChainMartEscrow
    IChainMartCatalog public immutable catalog;
    /// @notice The points token (deployed by this contract, which alone mints and burns).
    ChainMartPoints public immutable points;
    /// @notice The stablecoin points are denominated and backed in.
    address public immutable settlementToken;

    /// @notice Receives fees credited from now on.
    address public feeRecipient;
    /// @notice The fee in force until `nextFeeAt` (then `nextFeeBps`), in basis points.
    uint16 public feeBps;
    /// @notice An announced fee increase (0 with `nextFeeAt == 0`: none).
    uint16 public nextFeeBps;
    /// @notice When `nextFeeBps` applies (0: nothing pending).
    uint40 public nextFeeAt;
    /// @notice Number of orders ever placed (order ids run from 1).
    uint64 public orderCount;
    /// @notice Settlement tokens backing the points supply, one to one.
    uint192 public pointsReserve;

    /// @dev Keyed by `keccak256(abi.encode(orderId, terms))`: an order exists only under the hash of its id and
    /// exact terms, so one word per order both commits the terms and holds what changes.
    mapping(bytes32 orderKey => OrderState) private _states;
    mapping(address account => mapping(address token => uint256)) private _credits;
    mapping(uint256 orderId => mapping(address party => bytes32)) private _offers;

    // ---------------------------------------------------------------- constructor

    /// @param owner_ may announce the fee and set the fee recipient, nothing else
    /// @param feeRecipient_ first fee recipient
    /// @param feeBps_ first fee
    /// @param settlementToken_ stablecoin that backs points (its decimals become the points' decimals)
    constructor(address owner_, address feeRecipient_, uint16 feeBps_, address settlementToken_)
        Ownable(owner_)
        EIP712("ChainMart", "2")
    {
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_, MAX_FEE_BPS);
        if (feeRecipient_ == address(0)) revert RecipientInvalid(feeRecipient_);
        if (settlementToken_.code.length == 0) revert TokenInvalid(settlementToken_);
        feeRecipient = feeRecipient_;
        feeBps = feeBps_;
        settlementToken = settlementToken_;
        catalog = new ChainMartCatalog();
        points = new ChainMartPoints(IERC20Metadata(settlementToken_).decimals());
        emit FeeRecipientUpdated(feeRecipient_);
        emit FeeAnnounced(feeBps_, uint40(block.timestamp));
    }

    // ---------------------------------------------------------------- checkout

    /// @inheritdoc IChainMartEscrow
    function checkout(Cart calldata cart, Payment calldata payment)
        external
        payable
        nonReentrant
        returns (uint256 firstOrderId)
    {
        uint256 count = cart.lines.length;
        if (count == 0 || count > MAX_CART_LINES) revert CartSizeInvalid(count, MAX_CART_LINES);
        address token = cart.token;
        uint16 fee = _currentFeeBps();
        uint256 orderId = orderCount;
        firstOrderId = orderId + 1;
        uint256 cash;
        uint256 pointsSpent;
        for (uint256 i; i < count; ++i) {
            // Cannot overflow: at most 32 lines of 96-bit amounts, and order ids stay far below 2^64.
            unchecked {
                (uint96 total, uint96 linePoints) = _placeLine(++orderId, i, cart.lines[i], token, fee);
                cash += total - linePoints;
                pointsSpent += linePoints;
            }
        }
        orderCount = uint64(orderId);
        if (pointsSpent != 0) {
            // The reserve moves into these orders' escrow; the burnt points no longer need backing.
            pointsReserve -= uint192(pointsSpent);
            points.burn(msg.sender, pointsSpent);
        }
        address collector = _collect(token, payment, cash);
        emit CartCheckedOut(msg.sender, firstOrderId, count, token, cash, pointsSpent, collector);
    }

    // ---------------------------------------------------------------- order lifecycle

    /// @inheritdoc IChainMartEscrow
    function ship(uint256 orderId, OrderTerms calldata terms, string calldata carrier, string calldata trackingRef)
        external
    {
        (bytes32 key, OrderState memory state) = _load(orderId, terms);
        if (state.status != Status.Paid) revert OrderStatusInvalid(orderId, state.status);
        _ship(key, orderId, terms, state, carrier, trackingRef);
    }

    /// @inheritdoc IChainMartEscrow
    function shipBatch(Shipment[] calldata shipments) external returns (uint256 shipped) {
        uint256 count = shipments.length;
        for (uint256 i; i < count; ++i) {
            Shipment calldata shipment = shipments[i];
            (bytes32 key, OrderState memory state) = _load(shipment.orderId, shipment.terms);
            if (state.status != Status.Paid) continue;
            _ship(key, shipment.orderId, shipment.terms, state, shipment.carrier, shipment.trackingRef);
            // Cannot overflow: bounded by the array length.
            unchecked {
                ++shipped;
            }
        }
    }

    /// @inheritdoc IChainMartEscrow
    function addCheckpoint(uint256 orderId, OrderTerms calldata terms, string calldata location, string calldata note)
        external
    {
        (, OrderState memory state) = _load(orderId, terms);
        if (msg.sender != terms.merchant && !catalog.isCourier(terms.merchant, msg.sender)) {
            revert NotAuthorized(orderId, msg.sender);
        }
        if (state.shippedAt == 0 || (state.status != Status.Shipped && state.status != Status.Disputed)) {
            revert OrderStatusInvalid(orderId, state.status);
        }
        _checkText(location, MAX_TEXT);
        _checkText(note, MAX_TEXT);
        emit CheckpointAdded(orderId, msg.sender, location, note);
    }

    /// @inheritdoc IChainMartEscrow
    function confirmReceipt(uint256 orderId, OrderTerms calldata terms) external {
        (bytes32 key, OrderState memory state) = _load(orderId, terms);
        if (msg.sender != terms.buyer) revert NotAuthorized(orderId, msg.sender);
        if (state.status != Status.Shipped) revert OrderStatusInvalid(orderId, state.status);
        _complete(key, orderId, terms, state);
    }

    /// @inheritdoc IChainMartEscrow
    function completeAfterTimeout(uint256 orderId, OrderTerms calldata terms) external {
        (bytes32 key, OrderState memory state) = _load(orderId, terms);
        if (state.status != Status.Shipped) revert OrderStatusInvalid(orderId, state.status);
        _requireReleased(orderId, terms, state);
        _complete(key, orderId, terms, state);
    }

    /// @inheritdoc IChainMartEscrow
    function completeBatch(OrderRef[] calldata orders) external returns (uint256 completed) {
        uint256 count = orders.length;
        for (uint256 i; i < count; ++i) {
            OrderRef calldata order = orders[i];
            (bytes32 key, OrderState memory state) = _load(order.orderId, order.terms);
            if (state.status != Status.Shipped) continue;
            _requireReleased(order.orderId, order.terms, state);
            _complete(key, order.orderId, order.terms, state);
            // Cannot overflow: bounded by the array length.
            unchecked {
                ++completed;
            }
        }
    }

    /// @inheritdoc IChainMartEscrow
    function refund(uint256 orderId, OrderTerms calldata terms, uint96 amount) external nonReentrant {
        (bytes32 key, OrderState memory state) = _load(orderId, terms);
        if (msg.sender != terms.merchant) revert NotAuthorized(orderId, msg.sender);
        _requireOpen(orderId, state.status);
        uint96 held = state.remaining;
        if (amount == 0 || amount > held) revert AmountInvalid(orderId, amount, held);
        // Cannot underflow: amount <= held was checked above.
        unchecked {
            state.remaining = held - amount;
        }
        if (state.remaining == 0) state.status = Status.Refunded;
        _states[key] = state;
        if (state.remaining == 0 && state.shippedAt == 0) catalog.giveBack(terms.listingId, terms.quantity);
        (uint96 cash, uint96 pointsBack) = _returnToBuyer(orderId, terms, held, amount);
        emit OrderRefunded(orderId, cash, pointsBack, state.remaining);
    }

    /// @inheritdoc IChainMartEscrow
    function cancelUnshipped(uint256 orderId, OrderTerms calldata terms) external nonReentrant {
        (bytes32 key, OrderState memory state) = _load(orderId, terms);
        if (msg.sender != terms.buyer) revert NotAuthorized(orderId, msg.sender);
        if (state.status != Status.Paid) revert OrderStatusInvalid(orderId, state.status);
        if (block.timestamp <= terms.shipBy) revert TooEarly(orderId, uint256(terms.shipBy) + 1);
        uint96 held = state.remaining;
        state.status = Status.Cancelled;
        state.remaining = 0;
        _states[key] = state;
        catalog.giveBack(terms.listingId, terms.quantity);
        (uint96 cash, uint96 pointsBack) = _returnToBuyer(orderId, terms, held, held);
        emit OrderCancelled(orderId, cash, pointsBack);
    }

    // ---------------------------------------------------------------- disputes

    /// @inheritdoc IChainMartEscrow
    function openDispute(uint256 orderId, OrderTerms calldata terms, string calldata statementCid) external {
        (bytes32 key, OrderState memory state) = _load(orderId, terms);
        if (msg.sender != terms.buyer) revert NotAuthorized(orderId, msg.sender);
        if (state.status == Status.Shipped) {
            uint256 releaseAt = uint256(state.shippedAt) + terms.autoReleaseWindow;
            if (block.timestamp >= releaseAt) revert TooLate(orderId, releaseAt);
        } else if (state.status != Status.Paid) {
            revert OrderStatusInvalid(orderId, state.status);
        }
        _checkText(statementCid, MAX_TEXT);
        state.status = Status.Disputed;
        state.disputedAt = uint40(block.timestamp);
        _states[key] = state;
        emit DisputeOpened(orderId, statementCid, state.disputedAt + ARBITER_WINDOW);
    }

    /// @inheritdoc IChainMartEscrow
    function submitStatement(uint256 orderId, OrderTerms calldata terms, string calldata statementCid) external {
        (, OrderState memory state) = _load(orderId, terms);
        if (!_isParty(terms, msg.sender)) revert NotAuthorized(orderId, msg.sender);
        if (state.status != Status.Disputed) revert OrderStatusInvalid(orderId, state.status);
        _checkText(statementCid, MAX_TEXT);
        emit DisputeStatement(orderId, msg.sender, statementCid);
    }

    /// @inheritdoc IChainMartEscrow
    function rule(uint256 orderId, OrderTerms calldata terms, uint96 buyerAmount) external nonReentrant {
        (bytes32 key, OrderState memory state) = _load(orderId, terms);
        if (msg.sender != terms.arbiter) revert NotAuthorized(orderId, msg.sender);
        _requireArbiterWindow(orderId, state);
        _resolve(key, orderId, terms, state, buyerAmount, Resolution.Ruling);
    }

    /// @inheritdoc IChainMartEscrow
    function offerSettlement(uint256 orderId, OrderTerms calldata terms, uint96 buyerAmount, uint40 deadline) external {
        (, OrderState memory state) = _load(orderId, terms);
        if (!_isParty(terms, msg.sender)) revert NotAuthorized(orderId, msg.sender);
        _requireArbiterWindow(orderId, state);
        if (block.timestamp > deadline) revert SettlementExpired(orderId, deadline);
        if (buyerAmount > state.remaining) revert AmountInvalid(orderId, buyerAmount, state.remaining);
        _offers[orderId][msg.sender] = keccak256(abi.encode(buyerAmount, deadline));
        emit SettlementOffered(orderId, msg.sender, buyerAmount, deadline);
    }

    /// @inheritdoc IChainMartEscrow
    function settle(
        uint256 orderId,
        OrderTerms calldata terms,
        uint96 buyerAmount,
        uint40 deadline,
        Approval[2] calldata approvals
    ) external nonReentrant {
        (bytes32 key, OrderState memory state) = _load(orderId, terms);
        _requireArbiterWindow(orderId, state);
        if (block.timestamp > deadline) revert SettlementExpired(orderId, deadline);
        if (approvals[0].party == approvals[1].party) revert ApprovalInvalid(orderId, approvals[1].party);
        bytes32 offer = keccak256(abi.encode(buyerAmount, deadline));
        _checkApproval(orderId, terms, buyerAmount, deadline, offer, approvals[0]);
        _checkApproval(orderId, terms, buyerAmount, deadline, offer, approvals[1]);
        _resolve(key, orderId, terms, state, buyerAmount, Resolution.Settlement);
    }

    /// @inheritdoc IChainMartEscrow
    function resolveAfterArbiterTimeout(uint256 orderId, OrderTerms calldata terms) external nonReentrant {
        (bytes32 key, OrderState memory state) = _load(orderId, terms);
        if (state.status != Status.Disputed) revert OrderStatusInvalid(orderId, state.status);
        uint256 deadline = uint256(state.disputedAt) + ARBITER_WINDOW;
        if (block.timestamp < deadline) revert TooEarly(orderId, deadline);
        _resolve(key, orderId, terms, state, state.remaining, Resolution.ArbiterTimeout);
    }

    // ---------------------------------------------------------------- reviews

    /// @inheritdoc IChainMartEscrow
    function review(uint256 orderId, OrderTerms calldata terms, uint8 rating, string calldata commentCid) external {
        (bytes32 key, OrderState memory state) = _load(orderId, terms);
        if (msg.sender != terms.buyer) revert NotAuthorized(orderId, msg.sender);
        if (state.status != Status.Completed && state.status != Status.Resolved) {
            revert OrderStatusInvalid(orderId, state.status);
        }
        if (state.flags & FLAG_REVIEWED != 0) revert AlreadyReviewed(orderId);
        if (rating == 0 || rating > 5) revert RatingInvalid(rating);
        _checkText(commentCid, MAX_TEXT);
        state.flags |= FLAG_REVIEWED;
        _states[key] = state;
        emit Reviewed(orderId, terms.listingId, terms.merchant, msg.sender, rating, commentCid);
    }

    /// @inheritdoc IChainMartEscrow
    function replyToReview(uint256 orderId, OrderTerms calldata terms, string calldata commentCid) external {
        (bytes32 key, OrderState memory state) = _load(orderId, terms);
        if (msg.sender != terms.merchant) revert NotAuthorized(orderId, msg.sender);
        if (state.flags & FLAG_REVIEWED == 0) revert OrderStatusInvalid(orderId, state.status);
        if (state.flags & FLAG_REPLIED != 0) revert AlreadyReviewed(orderId);
        _checkText(commentCid, MAX_TEXT);
        state.flags |= FLAG_REPLIED;
        _states[key] = state;
        emit ReviewReplied(orderId, commentCid);
    }

    // ---------------------------------------------------------------- funds

    /// @inheritdoc IChainMartEscrow
    function withdraw(address[] calldata tokens, address to) external nonReentrant {
        if (to == address(0)) revert RecipientInvalid(to);
        bool any;
        uint256 count = tokens.length;
        for (uint256 i; i < count; ++i) {
            address token = tokens[i];
            uint256 amount = _credits[msg.sender][token];
            if (amount == 0) continue;
            any = true;
            _credits[msg.sender][token] = 0;
            if (token == address(0)) {
                Address.sendValue(payable(to), amount);
            } else {
                IERC20(token).safeTransfer(to, amount);
            }
            emit Withdrawn(msg.sender, token, to, amount);
        }
        if (!any) revert NothingToWithdraw(msg.sender);
    }

    // ---------------------------------------------------------------- admin

    /// @inheritdoc IChainMartEscrow
    function announceFee(uint16 newFeeBps) external onlyOwner {
        if (newFeeBps > MAX_FEE_BPS) revert FeeTooHigh(newFeeBps, MAX_FEE_BPS);
        uint16 current = _currentFeeBps();
        uint40 effectiveAt = uint40(block.timestamp);
        if (newFeeBps <= current) {
            feeBps = newFeeBps;
            nextFeeBps = 0;
            nextFeeAt = 0;
        } else {
            effectiveAt += FEE_NOTICE;
            feeBps = current;
            nextFeeBps = newFeeBps;
            nextFeeAt = effectiveAt;
        }
        emit FeeAnnounced(newFeeBps, effectiveAt);
    }

    /// @inheritdoc IChainMartEscrow
    function setFeeRecipient(address newFeeRecipient) external onlyOwner {
        if (newFeeRecipient == address(0)) revert RecipientInvalid(newFeeRecipient);
        feeRecipient = newFeeRecipient;
        emit FeeRecipientUpdated(newFeeRecipient);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IChainMartEscrow
    function currentFeeBps() external view returns (uint16) {
        return _currentFeeBps();
    }

    /// @inheritdoc IChainMartEscrow
    function stateOf(uint256 orderId, OrderTerms calldata terms) external view returns (OrderState memory state) {
        (, state) = _load(orderId, terms);
    }

    /// @inheritdoc IChainMartEscrow
    function orderKey(uint256 orderId, OrderTerms calldata terms) external pure returns (bytes32) {
        return TermsHashing.orderKeyCalldata(orderId, terms);
    }

    /// @inheritdoc IChainMartEscrow
    function settlementDigest(uint256 orderId, uint96 buyerAmount, uint40 deadline) external view returns (bytes32) {
        return _settlementDigest(orderId, buyerAmount, deadline);
    }

    /// @inheritdoc IChainMartEscrow
    function creditOf(address account, address token) external view returns (uint256) {
        return _credits[account][token];
    }

    // ---------------------------------------------------------------- internal: checkout

    /// @dev Takes the line's stock from the catalog, checks it against what the buyer saw and commits the order.
    function _placeLine(uint256 orderId, uint256 index, CartLine calldata line, address token, uint16 fee)
        private
        returns (uint96 total, uint96 linePoints)
    {
        if (line.shippingInfo.length > MAX_SHIPPING_INFO) {
            revert FieldTooLong(line.shippingInfo.length, MAX_SHIPPING_INFO);
        }
        IChainMartCatalog.Offer memory offer = catalog.take(msg.sender, line.listingId, line.quantity, line.proof);
        if (offer.token != token) revert LineTokenMismatch(index, line.listingId, offer.token);
        if (msg.sender == offer.merchant || msg.sender == offer.arbiter) revert SelfDealing(index, msg.sender);
        bool inSettlementToken = token == settlementToken;
        if (
            offer.price != line.unitPrice || offer.shipWithin != line.shipWithin || offer.arbiter != line.arbiter
                || offer.autoReleaseWindow != line.autoReleaseWindow
                || (inSettlementToken && offer.rewardBps != line.rewardBps)
        ) revert LineTermsChanged(index, line.listingId);
        // Cannot overflow: a 96-bit price times a 32-bit quantity fits in 128 bits.
        uint256 lineTotal;
        unchecked {
            lineTotal = uint256(offer.price) * line.quantity;
        }
        if (lineTotal > type(uint96).max) revert LineTotalTooLarge(index, lineTotal);
        linePoints = line.points;
        if (linePoints != 0 && (!inSettlementToken || linePoints > lineTotal)) {
            revert PointsNotAccepted(index, linePoints, lineTotal);
        }
        total = uint96(lineTotal);
        OrderTerms memory terms = OrderTerms({
            buyer: msg.sender,
            merchant: offer.merchant,
            token: token,
            arbiter: offer.arbiter,
            listingId: line.listingId,
            quantity: line.quantity,
            total: total,
            points: linePoints,
            feeBps: fee,
            rewardBps: inSettlementToken ? offer.rewardBps : 0,
            autoReleaseWindow: offer.autoReleaseWindow,
            placedAt: uint40(block.timestamp),
            shipBy: uint40(block.timestamp + offer.shipWithin)
        });
        _storeNewOrder(TermsHashing.orderKeyMemory(orderId, terms), total);
        emit OrderPlaced(orderId, msg.sender, offer.merchant, terms, line.shippingInfo);
    }

    /// @dev Brings in the cart's cash: ETH as `msg.value`, tokens through the buyer's chosen collector, checked
    /// against this contract's own balance. Returns the collector used (zero for ETH or nothing due).
    function _collect(address token, Payment calldata payment, uint256 cash) private returns (address) {
        address collector = payment.collector;
        if (token == address(0)) {
            if (collector != address(0)) revert CollectorInvalid(collector);
            if (msg.value != cash) revert EthAmountMismatch(msg.value, cash);
            return address(0);
        }
        if (msg.value != 0) revert EthAmountMismatch(msg.value, 0);
        if (cash == 0) return address(0);
        if (collector.code.length == 0) revert CollectorInvalid(collector);
        uint256 before = IERC20(token).balanceOf(address(this));
        ITokenCollector(collector).collect(msg.sender, token, cash, payment.data);
        uint256 balance = IERC20(token).balanceOf(address(this));
        if (balance < before || balance - before != cash) {
            revert TokenTransferMismatch(token, cash, balance > before ? balance - before : 0);
        }
        return collector;
    }

    // ---------------------------------------------------------------- internal: lifecycle and settlement

    function _ship(
        bytes32 key,
        uint256 orderId,
        OrderTerms calldata terms,
        OrderState memory state,
        string calldata carrier,
        string calldata trackingRef
    ) private {
        if (msg.sender != terms.merchant) revert NotAuthorized(orderId, msg.sender);
        if (block.timestamp > terms.shipBy) revert TooLate(orderId, terms.shipBy);
        _checkText(carrier, MAX_SHORT_TEXT);
        _checkText(trackingRef, MAX_SHORT_TEXT);
        state.status = Status.Shipped;
        state.shippedAt = uint40(block.timestamp);
        _states[key] = state;
        emit OrderShipped(orderId, state.shippedAt, carrier, trackingRef);
    }

    function _complete(bytes32 key, uint256 orderId, OrderTerms calldata terms, OrderState memory state) private {
        uint256 amount = state.remaining;
        uint96 fee;
        uint96 reward;
        uint96 merchantAmount;
        // Cannot overflow: amount < 2^96 and rates are at most 10_000. Cannot underflow: fee + reward <= 25%.
        unchecked {
            fee = uint96(amount * terms.feeBps / BPS);
            reward = uint96(amount * terms.rewardBps / BPS);
            merchantAmount = uint96(amount - fee - reward);
        }
        state.status = Status.Completed;
        state.remaining = 0;
        _states[key] = state;
        _credits[terms.merchant][terms.token] += merchantAmount;
        if (fee != 0) _credits[feeRecipient][terms.token] += fee;
        if (reward != 0) {
            pointsReserve += reward;
            points.mint(terms.buyer, reward);
        }
        emit OrderCompleted(orderId, msg.sender, merchantAmount, fee, reward);
    }

    /// @dev A split of what the order still holds: `buyerAmount` (capped at what remains, so a refund the
    /// merchant sends meanwhile cannot make a ruling or settlement fail) to the buyer, the rest minus the fee to
    /// the merchant.
    function _resolve(
        bytes32 key,
        uint256 orderId,
        OrderTerms calldata terms,
        OrderState memory state,
        uint96 buyerAmount,
        Resolution resolution
    ) private {
        uint96 held = state.remaining;
        if (buyerAmount > held) buyerAmount = held;
        uint96 merchantAmount;
        uint96 fee;
        // Cannot underflow: buyerAmount <= held; the fee is at most 5% of the merchant's share.
        unchecked {
            uint256 merchantShare = held - buyerAmount;
            fee = uint96(merchantShare * terms.feeBps / BPS);
            merchantAmount = uint96(merchantShare - fee);
        }
        state.status = Status.Resolved;
        state.remaining = 0;
        _states[key] = state;
        // The buyer gets back everything an unshipped order still held: the goods never left, so the stock returns.
        if (buyerAmount == held && state.shippedAt == 0) catalog.giveBack(terms.listingId, terms.quantity);
        if (merchantAmount != 0) _credits[terms.merchant][terms.token] += merchantAmount;
        if (fee != 0) _credits[feeRecipient][terms.token] += fee;
        (uint96 buyerCash, uint96 buyerPoints) = _returnToBuyer(orderId, terms, held, buyerAmount);
        emit DisputeResolved(orderId, resolution, msg.sender, buyerCash, buyerPoints, merchantAmount, fee);
    }

    /// @dev Returns `value` of an order that held `held` to its buyer: cash first, pushed to the wallet (a
    /// credit if that fails), then the points part re-minted as points.
    function _returnToBuyer(uint256 orderId, OrderTerms calldata terms, uint96 held, uint96 value)
        private
        returns (uint96 cash, uint96 pointsBack)
    {
        // Cannot underflow: the points still held are min(terms.points, held) <= held, and value <= held.
        unchecked {
            uint96 pointsHeld = terms.points < held ? terms.points : held;
            uint96 cashHeld = held - pointsHeld;
            cash = value < cashHeld ? value : cashHeld;
            pointsBack = value - cash;
        }
        if (pointsBack != 0) {
            pointsReserve += pointsBack;
            points.mint(terms.buyer, pointsBack);
        }
        if (cash != 0 && !_push(terms.token, terms.buyer, cash)) {
            _credits[terms.buyer][terms.token] += cash;
            emit BuyerCredited(orderId, terms.buyer, terms.token, cash);
        }
    }

    /// @dev Sends `amount` with at most `PUSH_GAS`, copying no return data beyond one word, and reports whether
    /// it arrived. The gas check stops a caller from starving the push on purpose to force a credit.
    function _push(address token, address to, uint256 amount) private returns (bool ok) {
        uint256 needed = PUSH_GAS * 64 / 63 + 12_000;
        if (gasleft() < needed) revert GasTooLow(gasleft(), needed);
        if (token == address(0)) {
            assembly ("memory-safe") {
                ok := call(PUSH_GAS, to, amount, 0, 0, 0, 0)
            }
            return ok;
        }
        bytes memory data = abi.encodeCall(IERC20.transfer, (to, amount));
        uint256 returned;
        uint256 size;
        assembly ("memory-safe") {
            ok := call(PUSH_GAS, token, 0, add(data, 32), mload(data), 0, 32)
            size := returndatasize()
            returned := mload(0)
        }
        // Tokens that return nothing (USDT style) succeed by not reverting; others must return true.
        return ok && (size == 0 ? token.code.length != 0 : size >= 32 && returned == 1);
    }

    function _checkApproval(
        uint256 orderId,
        OrderTerms calldata terms,
        uint96 buyerAmount,
        uint40 deadline,
        bytes32 offer,
        Approval calldata approval
    ) private view {
        address party = approval.party;
        if (!_isParty(terms, party)) revert ApprovalInvalid(orderId, party);
        if (party == msg.sender || _offers[orderId][party] == offer) return;
        bytes32 digest = _settlementDigest(orderId, buyerAmount, deadline);
        if (!SignatureChecker.isValidSignatureNow(party, digest, approval.signature)) {
            revert ApprovalInvalid(orderId, party);
        }
    }

    function _settlementDigest(uint256 orderId, uint96 buyerAmount, uint40 deadline) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(SETTLEMENT_TYPEHASH, orderId, buyerAmount, deadline)));
    }

    // ---------------------------------------------------------------- internal: checks and storage

    /// @dev The order's storage key and state; no state under that key means the terms are not this order's.
    function _load(uint256 orderId, OrderTerms calldata terms)
        private
        view
        returns (bytes32 key, OrderState memory state)
    {
        key = TermsHashing.orderKeyCalldata(orderId, terms);
        state = _states[key];
        if (state.status == Status.None) revert TermsMismatch(orderId);
    }

    /// @dev `_states[key] = OrderState({remaining: total, status: Paid})` as one SSTORE: the struct assignment
    /// reads the fresh slot first (2,100 gas per line) to keep bits it then overwrites anyway.
    function _storeNewOrder(bytes32 key, uint96 total) private {
        uint256 packed = uint256(total) | (uint256(uint8(Status.Paid)) << STATUS_OFFSET);
        assembly ("memory-safe") {
            mstore(0, key)
            mstore(32, _states.slot)
            sstore(keccak256(0, 64), packed)
        }
    }

    function _currentFeeBps() private view returns (uint16) {
        uint40 at = nextFeeAt;
        return at != 0 && block.timestamp >= at ? nextFeeBps : feeBps;
    }

    function _requireReleased(uint256 orderId, OrderTerms calldata terms, OrderState memory state) private view {
        uint256 releaseAt = uint256(state.shippedAt) + terms.autoReleaseWindow;
        if (block.timestamp < releaseAt) revert TooEarly(orderId, releaseAt);
    }

    function _requireArbiterWindow(uint256 orderId, OrderState memory state) private view {
        if (state.status != Status.Disputed) revert OrderStatusInvalid(orderId, state.status);
        uint256 deadline = uint256(state.disputedAt) + ARBITER_WINDOW;
        if (block.timestamp >= deadline) revert TooLate(orderId, deadline);
    }

    function _requireOpen(uint256 orderId, Status status) private pure {
        if (status != Status.Paid && status != Status.Shipped && status != Status.Disputed) {
            revert OrderStatusInvalid(orderId, status);
        }
    }

    function _isParty(OrderTerms calldata terms, address account) private pure returns (bool) {
        return account == terms.buyer || account == terms.merchant || account == terms.arbiter;
    }

    function _checkText(string calldata text, uint256 maxLength) private pure {
        if (bytes(text).length > maxLength) revert FieldTooLong(bytes(text).length, maxLength);
    }
}
