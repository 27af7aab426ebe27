// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Resolution, Status} from "../types/Order.sol";
import {OrderState, OrderTerms} from "../types/OrderTerms.sol";
import {IChainMartCatalog} from "./IChainMartCatalog.sol";

/// @title IChainMartEscrow: cart checkout, escrowed orders, disputes, reviews and payouts
/// @notice A cart of lines from any merchants, paid once in one token, becomes one escrowed order per line.
/// Each order's agreed terms are committed by hash: what changes (status, remaining value, times, review flags) sits
/// in one storage word keyed by the hash of the order id and its terms, so the terms can never change and no party
/// can make another party's call fail by changing shared state.
/// Money owed to a buyer (refund, cancellation, ruling) is pushed to the buyer's wallet and becomes a credit only
/// if that transfer fails; merchants' proceeds and fees are credits withdrawn in batches.
interface IChainMartEscrow {
    // ---------------------------------------------------------------- types

    /// @notice One line of a cart: what to buy and the terms the buyer was shown. A line whose listing or
    /// merchant terms changed since reverts the whole checkout with `LineTermsChanged(line, listingId)`.
    /// @param listingId the listing
    /// @param quantity units
    /// @param unitPrice the listing's price as shown
    /// @param shipWithin the listing's shipping window as shown, in seconds
    /// @param arbiter the merchant's arbiter as shown
    /// @param rewardBps the merchant's points reward rate as shown (settlement token only; else anything)
    /// @param autoReleaseWindow the merchant's auto-release window as shown, in seconds
    /// @param points points spent on this line (settlement token only), at most its total
    /// @param shippingInfo shipping details encrypted to the merchant's key, or a CID of them (may be empty)
    /// @param proof evidence for the listing's gate, if it has one
    struct CartLine {
        uint64 listingId;
        uint32 quantity;
        uint96 unitPrice;
        uint32 shipWithin;
        address arbiter;
        uint16 rewardBps;
        uint32 autoReleaseWindow;
        uint96 points;
        bytes shippingInfo;
        bytes proof;
    }

    /// @notice A cart paid in one token (address(0) for ETH).
    struct Cart {
        address token;
        CartLine[] lines;
    }

    /// @notice How the cash comes in: no collector for ETH (send `msg.value`) or for a cart paid fully in points;
    /// otherwise an {ITokenCollector} and its data (e.g. an encoded permit or ERC-3009 authorization).
    struct Payment {
        address collector;
        bytes data;
    }

    /// @notice One shipment in a batch.
    struct Shipment {
        uint256 orderId;
        OrderTerms terms;
        string carrier;
        string trackingRef;
    }

    /// @notice One order in a batch completion.
    struct OrderRef {
        uint256 orderId;
        OrderTerms terms;
    }

    /// @notice One party's approval of a settlement: the caller itself, an offer it made on chain with
    /// `offerSettlement`, or an EIP-712 signature (ECDSA or ERC-1271) over `Settlement`.
    struct Approval {
        address party;
        bytes signature;
    }

    // ---------------------------------------------------------------- errors

    /// @notice The cart has no lines or more than `MAX_CART_LINES`.
    error CartSizeInvalid(uint256 lines, uint256 maxLines);
    /// @notice A line's listing is priced in another token than the cart.
    error LineTokenMismatch(uint256 line, uint64 listingId, address token);
    /// @notice A line's listing or merchant terms are not those the buyer was shown.
    error LineTermsChanged(uint256 line, uint64 listingId);
    /// @notice The buyer is the merchant or the arbiter of a line.
    error SelfDealing(uint256 line, address buyer);
    /// @notice A line's total (unit price x quantity) does not fit the order's 96-bit amount.
    error LineTotalTooLarge(uint256 line, uint256 total);
    /// @notice Points on a line not priced in the settlement token, or more points than the line's total.
    error PointsNotAccepted(uint256 line, uint96 points, uint256 total);
    /// @notice A string or bytes field is longer than allowed.
    error FieldTooLong(uint256 length, uint256 maxLength);
    /// @notice ETH sent does not equal the cash due (or ETH sent for a token cart).
    error EthAmountMismatch(uint256 sent, uint256 due);
    /// @notice The collector is missing for a token payment, not a contract, or given for an ETH payment.
    error CollectorInvalid(address collector);
    /// @notice The escrow received a different amount than due (fee-on-transfer, rebasing...).
    error TokenTransferMismatch(address token, uint256 expected, uint256 received);
    /// @notice The terms passed do not match the order's stored hash.
    error TermsMismatch(uint256 orderId);
    /// @notice The order is not in a status that allows this action.
    error OrderStatusInvalid(uint256 orderId, Status status);
    /// @notice The caller may not do this to the order.
    error NotAuthorized(uint256 orderId, address caller);
    /// @notice A window has not opened yet.
    error TooEarly(uint256 orderId, uint256 notBefore);
    /// @notice A window has closed.
    error TooLate(uint256 orderId, uint256 deadline);
    /// @notice A refund or split amount is zero (refunds only) or above what is in escrow.
    error AmountInvalid(uint256 orderId, uint256 amount, uint256 available);
    /// @notice A settlement approval is invalid, duplicated, or not from a party of the order.
    error ApprovalInvalid(uint256 orderId, address party);
    /// @notice The settlement's deadline has passed.
    error SettlementExpired(uint256 orderId, uint256 deadline);
    /// @notice The rating is not between 1 and 5.
    error RatingInvalid(uint8 rating);
    /// @notice The order has already been reviewed (or replied to).
    error AlreadyReviewed(uint256 orderId);
    /// @notice The account has nothing to withdraw in any of these tokens.
    error NothingToWithdraw(address account);
    /// @notice The recipient is the zero address.
    error RecipientInvalid(address to);
    /// @notice The fee is above the hard cap.
    error FeeTooHigh(uint16 feeBps, uint16 maxFeeBps);
    /// @notice Too little gas was left to push a refund to the buyer with `PUSH_GAS`: retry with more gas.
    error GasTooLow(uint256 left, uint256 needed);
    /// @notice The settlement token is not a contract.
    error TokenInvalid(address token);

    // ---------------------------------------------------------------- events

    /// @notice A cart was paid: its lines became orders `firstOrderId` .. `firstOrderId + lines - 1`.
    /// @param buyer the buyer
    /// @param firstOrderId the first line's order id
    /// @param lines number of lines (orders)
    /// @param token payment token
    /// @param cash cash collected for the whole cart
    /// @param points points burnt for the whole cart
    /// @param collector how the cash came in (zero for ETH or points only)
    event CartCheckedOut(
        address indexed buyer,
        uint256 indexed firstOrderId,
        uint256 lines,
        address token,
        uint256 cash,
        uint256 points,
        address collector
    );

    /// @notice An order was placed and paid into escrow.
    /// @param orderId the order's id
    /// @param buyer the buyer
    /// @param merchant the merchant
    /// @param terms the order's terms as hashed on chain
    /// @param shippingInfo shipping details encrypted to the merchant (or a CID of them)
    event OrderPlaced(
        uint256 indexed orderId, address indexed buyer, address indexed merchant, OrderTerms terms, bytes shippingInfo
    );

    /// @notice The merchant shipped the order.
    /// @param orderId the order
    /// @param shippedAt timestamp
    /// @param carrier carrier name
    /// @param trackingRef carrier's tracking reference
    event OrderShipped(uint256 indexed orderId, uint40 shippedAt, string carrier, string trackingRef);

    /// @notice A logistics checkpoint (by the merchant or one of its couriers).
    /// @param orderId the order
    /// @param by who added it
    /// @param location where the parcel is
    /// @param note status text
    event CheckpointAdded(uint256 indexed orderId, address indexed by, string location, string note);

    /// @notice The order completed: the merchant is credited, the fee taken, points minted to the buyer.
    /// @param orderId the order
    /// @param by the buyer (confirmation) or anyone (after the auto-release window)
    /// @param merchantAmount credited to the merchant
    /// @param fee credited to the fee recipient
    /// @param pointsMinted points minted to the buyer (and moved into the reserve)
    event OrderCompleted(uint256 indexed orderId, address by, uint96 merchantAmount, uint96 fee, uint96 pointsMinted);

    /// @notice The merchant refunded part or all of the order.
    /// @param orderId the order
    /// @param cash token amount returned to the buyer
    /// @param points points re-minted to the buyer
    /// @param remaining value still in escrow (0: the order is now Refunded)
    event OrderRefunded(uint256 indexed orderId, uint96 cash, uint96 points, uint96 remaining);

    /// @notice The buyer cancelled an order the merchant did not ship in time; fully refunded.
    /// @param orderId the order
    /// @param cash token amount returned to the buyer
    /// @param points points re-minted to the buyer
    event OrderCancelled(uint256 indexed orderId, uint96 cash, uint96 points);

    /// @notice Cash owed to a buyer could not be pushed to its wallet (a blocklisted or reverting recipient):
    /// it was credited instead, to be withdrawn with `withdraw`.
    /// @param orderId the order
    /// @param buyer the buyer
    /// @param token the token (address(0) for ETH)
    /// @param amount the amount credited
    event BuyerCredited(uint256 indexed orderId, address indexed buyer, address token, uint96 amount);

    /// @notice The buyer opened a dispute.
    /// @param orderId the order
    /// @param statementCid IPFS CID of the buyer's statement
    /// @param arbiterDeadline when the arbiter's window (and the time for settlements) ends
    event DisputeOpened(uint256 indexed orderId, string statementCid, uint40 arbiterDeadline);

    /// @notice A party added a statement to a dispute.
    /// @param orderId the order
    /// @param by buyer, merchant or arbiter
    /// @param statementCid IPFS CID of the statement
    event DisputeStatement(uint256 indexed orderId, address indexed by, string statementCid);

    /// @notice A party offered a split on chain; the other party accepts it with `settle`.
    /// @param orderId the order
    /// @param by the party offering
    /// @param buyerAmount value returned to the buyer; the rest goes to the merchant
    /// @param deadline last second the offer can be accepted
    event SettlementOffered(uint256 indexed orderId, address indexed by, uint96 buyerAmount, uint40 deadline);

    /// @notice A dispute ended with a split.
    /// @param orderId the order
    /// @param resolution how it ended
    /// @param by who submitted it
    /// @param buyerCash token amount returned to the buyer
    /// @param buyerPoints points re-minted to the buyer
    /// @param merchantAmount credited to the merchant
    /// @param fee credited to the fee recipient
    event DisputeResolved(
        uint256 indexed orderId,
        Resolution resolution,
        address indexed by,
        uint96 buyerCash,
        uint96 buyerPoints,
        uint96 merchantAmount,
        uint96 fee
    );

    /// @notice The buyer of a finished order reviewed it.
    /// @param orderId the order
    /// @param listingId its listing
    /// @param merchant its merchant
    /// @param buyer the reviewer
    /// @param rating 1 to 5
    /// @param commentCid IPFS CID of the comment (may be empty)
    event Reviewed(
        uint256 indexed orderId,
        uint64 indexed listingId,
        address indexed merchant,
        address buyer,
        uint8 rating,
        string commentCid
    );

    /// @notice The merchant replied to a review.
    /// @param orderId the order
    /// @param commentCid IPFS CID of the reply
    event ReviewReplied(uint256 indexed orderId, string commentCid);

    /// @notice An account withdrew its credited balance of a token.
    /// @param account whose balance
    /// @param token token (address(0) for ETH)
    /// @param to recipient
    /// @param amount amount
    event Withdrawn(address indexed account, address indexed token, address to, uint256 amount);

    /// @notice The owner announced a fee. A decrease applies at once; an increase not before `effectiveAt`
    /// (`FEE_NOTICE` after the announcement). Each order keeps the fee in force when it was placed.
    /// @param feeBps the fee in basis points
    /// @param effectiveAt when it applies to new orders
    event FeeAnnounced(uint16 feeBps, uint40 effectiveAt);

    /// @notice The fee recipient changed (fees already credited stay with the previous one).
    /// @param feeRecipient new recipient
    event FeeRecipientUpdated(address feeRecipient);

    // ---------------------------------------------------------------- checkout

    /// @notice Pay a cart: each line becomes an order with its own merchant, arbiter, windows and shipping details.
    /// Every line is checked against its listing and the terms the buyer saw; any failure reverts the whole cart.
    /// @param cart the lines and the token they are paid in
    /// @param payment how the cash comes in
    /// @return firstOrderId the first line's order id (the others follow in line order)
    function checkout(Cart calldata cart, Payment calldata payment) external payable returns (uint256 firstOrderId);

    // ---------------------------------------------------------------- order lifecycle

    /// @notice The merchant marks a paid order shipped, no later than its `shipBy`.
    /// @param orderId the order
    /// @param terms the order's terms
    /// @param carrier carrier name
    /// @param trackingRef tracking reference
    function ship(uint256 orderId, OrderTerms calldata terms, string calldata carrier, string calldata trackingRef)
        external;

    /// @notice The merchant ships several orders at once. Orders that are no longer `Paid` (the buyer disputed
    /// one meanwhile) are skipped, so a buyer cannot make the batch fail; anything else reverts it.
    /// @param shipments the orders with their carrier and tracking reference
    /// @return shipped how many were shipped
    function shipBatch(Shipment[] calldata shipments) external returns (uint256 shipped);

    /// @notice The merchant or one of its couriers adds a logistics checkpoint to a shipped order.
    /// @param orderId the order
    /// @param terms the order's terms
    /// @param location where the parcel is
    /// @param note status text
    function addCheckpoint(uint256 orderId, OrderTerms calldata terms, string calldata location, string calldata note)
        external;

    /// @notice The buyer confirms receipt: the order completes.
    /// @param orderId the order
    /// @param terms the order's terms
    function confirmReceipt(uint256 orderId, OrderTerms calldata terms) external;

    /// @notice Anyone completes a shipped order once its auto-release window has passed.
    /// @param orderId the order
    /// @param terms the order's terms
    function completeAfterTimeout(uint256 orderId, OrderTerms calldata terms) external;

    /// @notice Anyone completes several shipped orders whose auto-release windows have passed. Orders already
    /// finished by someone else are skipped; an order still inside its window reverts the batch.
    /// @param orders the orders
    /// @return completed how many were completed
    function completeBatch(OrderRef[] calldata orders) external returns (uint256 completed);

    /// @notice The merchant refunds part or all of an unfinished order (cash first, then points).
    /// @param orderId the order
    /// @param terms the order's terms
    /// @param amount value to refund
    function refund(uint256 orderId, OrderTerms calldata terms, uint96 amount) external;

    /// @notice The buyer cancels an order not shipped by its deadline, for a full refund.
    /// @param orderId the order
    /// @param terms the order's terms
    function cancelUnshipped(uint256 orderId, OrderTerms calldata terms) external;

    // ---------------------------------------------------------------- disputes

    /// @notice The buyer opens a dispute on a paid order, or a shipped one before its auto-release.
    /// @param orderId the order
    /// @param terms the order's terms
    /// @param statementCid IPFS CID of the buyer's statement
    function openDispute(uint256 orderId, OrderTerms calldata terms, string calldata statementCid) external;

    /// @notice The buyer, the merchant or the arbiter adds a statement to an open dispute.
    /// @param orderId the order
    /// @param terms the order's terms
    /// @param statementCid IPFS CID of the statement
    function submitStatement(uint256 orderId, OrderTerms calldata terms, string calldata statementCid) external;

    /// @notice The order's arbiter rules a split within its window.
    /// @param orderId the order
    /// @param terms the order's terms
    /// @param buyerAmount value returned to the buyer; the rest goes to the merchant
    function rule(uint256 orderId, OrderTerms calldata terms, uint96 buyerAmount) external;

    /// @notice A party of the order (buyer, merchant or arbiter) offers a split on chain, replacing its previous
    /// offer. Another party accepts it by calling `settle` with this party's approval (no signature needed).
    /// @param orderId the order
    /// @param terms the order's terms
    /// @param buyerAmount value returned to the buyer
    /// @param deadline last second the offer can be accepted
    function offerSettlement(uint256 orderId, OrderTerms calldata terms, uint96 buyerAmount, uint40 deadline) external;

    /// @notice Anyone submits a split approved by two distinct parties of the order, before its deadline and
    /// within the arbiter's window (afterwards only the default applies).
    /// @param orderId the order
    /// @param terms the order's terms
    /// @param buyerAmount value returned to the buyer; the rest goes to the merchant
    /// @param deadline the deadline every approval was given for
    /// @param approvals two approvals from distinct parties
    function settle(
        uint256 orderId,
        OrderTerms calldata terms,
        uint96 buyerAmount,
        uint40 deadline,
        Approval[2] calldata approvals
    ) external;

    /// @notice Anyone applies the default once the arbiter's window has passed: a full refund to the buyer (the
    /// merchant chose the arbiter, so an unresponsive arbiter is the merchant's risk).
    /// @param orderId the order
    /// @param terms the order's terms
    function resolveAfterArbiterTimeout(uint256 orderId, OrderTerms calldata terms) external;

    // ---------------------------------------------------------------- reviews

    /// @notice The buyer of a completed or resolved order leaves its one review.
    /// @param orderId the order
    /// @param terms the order's terms
    /// @param rating 1 to 5
    /// @param commentCid IPFS CID of the comment (may be empty)
    function review(uint256 orderId, OrderTerms calldata terms, uint8 rating, string calldata commentCid) external;

    /// @notice The merchant replies once to a review.
    /// @param orderId the order
    /// @param terms the order's terms
    /// @param commentCid IPFS CID of the reply
    function replyToReview(uint256 orderId, OrderTerms calldata terms, string calldata commentCid) external;

    // ---------------------------------------------------------------- funds

    /// @notice Withdraw the caller's whole credited balance of each token (tokens with nothing are skipped).
    /// @param tokens the tokens (address(0) for ETH)
    /// @param to the recipient (lets a blocklisted account withdraw elsewhere)
    function withdraw(address[] calldata tokens, address to) external;

    // ---------------------------------------------------------------- admin (fee only)

    /// @notice Announce the platform fee for future orders, at most `MAX_FEE_BPS`. See `FeeAnnounced`.
    /// @param feeBps the fee in basis points
    function announceFee(uint16 feeBps) external;

    /// @notice Set who receives fees credited from now on.
    /// @param feeRecipient the recipient
    function setFeeRecipient(address feeRecipient) external;

    // ---------------------------------------------------------------- views

    /// @notice The catalog of merchants and listings this escrow sells from (deployed by it).
    /// @return the catalog
    function catalog() external view returns (IChainMartCatalog);

    /// @notice The fee new orders are placed with now.
    /// @return the fee in basis points
    function currentFeeBps() external view returns (uint16);

    /// @notice An order's current state, checked against its terms.
    /// @param orderId the order
    /// @param terms the order's terms
    /// @return the state
    function stateOf(uint256 orderId, OrderTerms calldata terms) external view returns (OrderState memory);

    /// @notice The key an order's state is stored under: keccak256(abi.encode(orderId, terms)).
    /// @param orderId the order
    /// @param terms the terms
    /// @return the key
    function orderKey(uint256 orderId, OrderTerms calldata terms) external pure returns (bytes32);

    /// @notice The EIP-712 digest a party signs to approve a settlement.
    /// @param orderId the order
    /// @param buyerAmount value returned to the buyer
    /// @param deadline last second the approval is valid
    /// @return the digest
    function settlementDigest(uint256 orderId, uint96 buyerAmount, uint40 deadline) external view returns (bytes32);

    /// @notice An account's credited balance of a token.
    /// @param account the account
    /// @param token the token (address(0) for ETH)
    /// @return the balance
    function creditOf(address account, address token) external view returns (uint256);
}
