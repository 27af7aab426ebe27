// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Order, Resolution, Status} from "../types/Order.sol";

/// @title ChainMart: permissionless escrowed commerce with provenance, cross-brand points and buyer-only reviews
/// @notice Merchants self-register and list goods; buyers pay into escrow in ETH or an ERC-20; the contract
/// releases, refunds, cancels and settles disputes by itself. Money only ever leaves through `withdraw`
/// (pull payments), so one recipient that cannot receive never blocks anyone else.
/// @dev Orders are stored as a single hash; every function acting on an order takes the full `Order` back.
/// Points are denominated in the settlement stablecoin fixed at deployment: orders in any other token
/// neither earn nor spend points.
interface IChainMart {
    // ---------------------------------------------------------------- types

    /// @notice A merchant's public profile.
    /// @param metadataURI IPFS URI of the profile JSON (name, logo, description, contact)
    /// @param encryptionKey X25519 public key buyers encrypt shipping details to
    /// @param arbiter default arbiter for new orders (an EOA or a multisig); never the merchant itself
    /// @param rewardBps points minted to buyers per completed settlement-token order, in basis points
    /// @param autoReleaseWindow seconds after shipping after which anyone may complete an order
    struct MerchantProfile {
        string metadataURI;
        bytes32 encryptionKey;
        address arbiter;
        uint16 rewardBps;
        uint32 autoReleaseWindow;
    }

    /// @notice A new listing. `token` cannot change later: create a new listing to sell in another token.
    struct ListingParams {
        address token;
        uint96 price;
        uint32 stock;
        uint16 maxPerOrder;
        uint32 shipWithin;
        string title;
        string category;
        string metadataURI;
    }

    /// @notice The editable part of a listing. Orders already placed keep their own terms.
    struct ListingUpdate {
        uint96 price;
        uint16 maxPerOrder;
        uint32 shipWithin;
        string title;
        string category;
        string metadataURI;
    }

    /// @notice One provenance event, in the spirit of a GS1 EPCIS event (what, where, when, who, evidence).
    struct ProvenanceStep {
        string kind;
        string location;
        uint64 occurredAt;
        string actor;
        string evidenceCid;
    }

    /// @notice A purchase request.
    /// @param maxTotal the most the buyer accepts to pay in total; protects against a front-run price change
    /// @param points points to spend on this order (settlement-token listings only)
    /// @param shippingInfo shipping details encrypted to the merchant's key, or the CID of such a ciphertext
    struct Purchase {
        uint64 listingId;
        uint32 quantity;
        uint96 maxTotal;
        uint96 points;
        bytes shippingInfo;
    }

    /// @notice An EIP-2612 permit signed by the buyer for the listing's token.
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice One party's EIP-712 signature over a `Settlement`; `signer` may be a contract (ERC-1271).
    struct PartySignature {
        address signer;
        bytes signature;
    }

    // ---------------------------------------------------------------- errors

    /// @notice The caller is already a registered merchant.
    error MerchantAlreadyRegistered(address merchant);
    /// @notice The account is not a registered merchant.
    error MerchantNotRegistered(address account);
    /// @notice The arbiter is zero or the merchant itself.
    error ArbiterInvalid(address arbiter);
    /// @notice The reward rate is above `MAX_REWARD_BPS`.
    error RewardRateTooHigh(uint16 rewardBps, uint16 maxBps);
    /// @notice The auto-release window is outside [`MIN_AUTO_RELEASE`, `MAX_AUTO_RELEASE`].
    error AutoReleaseWindowInvalid(uint32 window);
    /// @notice The shipping window is outside [1 hour, `MAX_SHIP_WITHIN`].
    error ShipWithinInvalid(uint32 shipWithin);
    /// @notice A string or bytes field is longer than allowed.
    error FieldTooLong(uint256 length, uint256 maxLength);
    /// @notice Price zero or maximum per order zero.
    error ListingTermsInvalid(uint96 price, uint16 maxPerOrder);
    /// @notice The token is neither ETH (address(0)) nor a contract.
    error TokenInvalid(address token);
    /// @notice No listing with this id.
    error ListingNotFound(uint64 listingId);
    /// @notice The caller is not the listing's merchant.
    error NotListingMerchant(uint64 listingId, address caller);
    /// @notice The listing is paused.
    error ListingIsPaused(uint64 listingId);
    /// @notice Quantity zero or above the listing's per-order limit.
    error QuantityInvalid(uint32 quantity, uint16 maxPerOrder);
    /// @notice Not enough stock left.
    error OutOfStock(uint64 listingId, uint32 requested, uint32 available);
    /// @notice Restocking would overflow the stock counter.
    error StockOverflow(uint64 listingId, uint32 stock, uint32 added);
    /// @notice The total is above what the buyer accepted.
    error PriceAboveMax(uint256 total, uint96 maxTotal);
    /// @notice The buyer is the merchant (or the arbiter) of the listing.
    error SelfDealing(address buyer);
    /// @notice Points were offered on a listing not priced in the settlement token, or exceed the total.
    error PointsNotAccepted(uint64 listingId, uint96 points, uint256 total);
    /// @notice ETH sent does not equal the amount due (or ETH sent for a token listing).
    error EthAmountMismatch(uint256 sent, uint256 due);
    /// @notice The token moved a different amount than asked (fee-on-transfer, rebasing...).
    error TokenTransferMismatch(address token, uint256 expected, uint256 received);
    /// @notice The permit was for less than the amount due and the allowance does not cover it.
    error PermitInsufficient(uint256 value, uint256 due);
    /// @notice The order passed does not match the stored hash.
    error OrderMismatch(uint256 orderId);
    /// @notice The order is not in a status that allows this action.
    error OrderStatusInvalid(uint256 orderId, Status status);
    /// @notice The caller may not do this to the order.
    error NotAuthorized(uint256 orderId, address caller);
    /// @notice A deadline or window has not passed yet (or has already passed).
    error TooEarly(uint256 orderId, uint256 notBefore);
    /// @notice The arbiter's window is over; the default resolution applies.
    error TooLate(uint256 orderId, uint256 deadline);
    /// @notice A refund or split amount is zero or above what is in escrow.
    error AmountInvalid(uint256 orderId, uint256 amount, uint256 available);
    /// @notice A settlement signature is invalid, duplicated, or not from a party of the order.
    error SignatureInvalid(uint256 orderId, address signer);
    /// @notice The rating is not between 1 and 5.
    error RatingInvalid(uint8 rating);
    /// @notice The order has already been reviewed (or replied to).
    error AlreadyReviewed(uint256 orderId);
    /// @notice The account has nothing to withdraw in this token.
    error NothingToWithdraw(address account, address token);
    /// @notice The recipient is the zero address.
    error RecipientInvalid(address to);
    /// @notice The fee is above the hard cap.
    error FeeTooHigh(uint16 feeBps, uint16 maxFeeBps);
    /// @notice A listing gate must be a contract (or zero, to remove the gate).
    error GateInvalid(address gate);
    /// @notice The listing is gated: buy with `buyGated` and a proof for its gate.
    error ListingGated(uint64 listingId, address gate);

    // ---------------------------------------------------------------- events

    /// @notice A merchant registered.
    /// @param merchant the merchant's address
    /// @param metadataURI profile JSON on IPFS
    /// @param encryptionKey X25519 public key for shipping details
    /// @param arbiter default arbiter
    /// @param rewardBps points reward rate
    /// @param autoReleaseWindow seconds after shipping before anyone may complete
    event MerchantRegistered(
        address indexed merchant,
        string metadataURI,
        bytes32 encryptionKey,
        address arbiter,
        uint16 rewardBps,
        uint32 autoReleaseWindow
    );

    /// @notice A merchant changed its profile. Orders already placed keep their arbiter and rates.
    /// @param merchant the merchant's address
    /// @param metadataURI profile JSON on IPFS
    /// @param encryptionKey X25519 public key for shipping details
    /// @param arbiter default arbiter
    /// @param rewardBps points reward rate
    /// @param autoReleaseWindow seconds after shipping before anyone may complete
    event MerchantUpdated(
        address indexed merchant,
        string metadataURI,
        bytes32 encryptionKey,
        address arbiter,
        uint16 rewardBps,
        uint32 autoReleaseWindow
    );

    /// @notice A merchant allowed or disallowed a courier to add logistics checkpoints to its orders.
    /// @param merchant the merchant
    /// @param courier the courier's address
    /// @param allowed whether the courier may add checkpoints
    event CourierSet(address indexed merchant, address indexed courier, bool allowed);

    /// @notice A listing was created.
    /// @param listingId the new listing's id
    /// @param merchant its merchant
    /// @param token payment token, address(0) for ETH
    /// @param price unit price in token units
    /// @param stock units available
    /// @param maxPerOrder most units per order
    /// @param shipWithin seconds the merchant has to ship after an order
    /// @param title title (searchable)
    /// @param category category (searchable)
    /// @param metadataURI listing JSON on IPFS (description, images, origin)
    event ListingCreated(
        uint64 indexed listingId,
        address indexed merchant,
        address indexed token,
        uint96 price,
        uint32 stock,
        uint16 maxPerOrder,
        uint32 shipWithin,
        string title,
        string category,
        string metadataURI
    );

    /// @notice A listing's editable terms changed.
    /// @param listingId the listing
    /// @param price new unit price
    /// @param maxPerOrder new per-order limit
    /// @param shipWithin new shipping window
    /// @param title new title
    /// @param category new category
    /// @param metadataURI new metadata
    event ListingUpdated(
        uint64 indexed listingId,
        uint96 price,
        uint16 maxPerOrder,
        uint32 shipWithin,
        string title,
        string category,
        string metadataURI
    );

    /// @notice A listing was paused or resumed.
    /// @param listingId the listing
    /// @param paused whether it is now paused
    event ListingPaused(uint64 indexed listingId, bool paused);

    /// @notice Stock was added to a listing.
    /// @param listingId the listing
    /// @param added units added
    /// @param stock units available now
    event ListingRestocked(uint64 indexed listingId, uint32 added, uint32 stock);

    /// @notice A listing's purchase gate was set (zero: no gate). See {IListingGate}.
    /// @param listingId the listing
    /// @param gate the gate contract
    event ListingGateSet(uint64 indexed listingId, address gate);

    /// @notice A provenance step was appended to a listing.
    /// @param listingId the listing
    /// @param kind what happened (origin, production, inspection, storage, ...)
    /// @param location where
    /// @param occurredAt when (unix seconds, as stated by the merchant)
    /// @param actor by whom
    /// @param evidenceCid IPFS CID of the evidence
    event ProvenanceAdded(
        uint64 indexed listingId, string kind, string location, uint64 occurredAt, string actor, string evidenceCid
    );

    /// @notice An order was placed and paid into escrow.
    /// @param orderId the order's id
    /// @param buyer the buyer
    /// @param merchant the merchant
    /// @param order the full order as hashed on chain
    /// @param shippingInfo shipping details encrypted to the merchant (or a CID of them)
    event OrderPlaced(
        uint256 indexed orderId, address indexed buyer, address indexed merchant, Order order, bytes shippingInfo
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

    /// @notice The order completed: the merchant is credited, the fee taken, points minted.
    /// @param orderId the order
    /// @param by the buyer (confirmation) or anyone (after the auto-release window)
    /// @param merchantAmount credited to the merchant
    /// @param fee credited to the fee recipient
    /// @param pointsMinted points minted to the buyer (and moved into the reserve)
    event OrderCompleted(
        uint256 indexed orderId, address indexed by, uint96 merchantAmount, uint96 fee, uint96 pointsMinted
    );

    /// @notice The merchant refunded part or all of the order.
    /// @param orderId the order
    /// @param cash token amount credited back to the buyer
    /// @param points points re-minted to the buyer
    /// @param remaining value still in escrow (0 means the order is now Refunded)
    event OrderRefunded(uint256 indexed orderId, uint96 cash, uint96 points, uint96 remaining);

    /// @notice The buyer cancelled an order the merchant did not ship in time; fully refunded.
    /// @param orderId the order
    /// @param cash token amount credited back to the buyer
    /// @param points points re-minted to the buyer
    event OrderCancelled(uint256 indexed orderId, uint96 cash, uint96 points);

    /// @notice The buyer opened a dispute.
    /// @param orderId the order
    /// @param statementCid IPFS CID of the buyer's statement
    /// @param arbiterDeadline when the arbiter's window ends
    event DisputeOpened(uint256 indexed orderId, string statementCid, uint40 arbiterDeadline);

    /// @notice A party added a statement to a dispute.
    /// @param orderId the order
    /// @param by buyer, merchant or arbiter
    /// @param statementCid IPFS CID of the statement
    event DisputeStatement(uint256 indexed orderId, address indexed by, string statementCid);

    /// @notice A dispute ended with a split.
    /// @param orderId the order
    /// @param resolution how it ended
    /// @param by who submitted it
    /// @param buyerCash token amount credited back to the buyer
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

    /// @notice An account withdrew its credited balance.
    /// @param account whose balance
    /// @param token token (address(0) for ETH)
    /// @param to recipient
    /// @param amount amount
    event Withdrawn(address indexed account, address indexed token, address to, uint256 amount);

    /// @notice The platform fee changed (applies to orders placed afterwards).
    /// @param feeBps new fee in basis points
    event FeeUpdated(uint16 feeBps);

    /// @notice The fee recipient changed (fees already credited stay with the previous one).
    /// @param feeRecipient new recipient
    event FeeRecipientUpdated(address feeRecipient);

    // ---------------------------------------------------------------- merchants and listings

    /// @notice Register the caller as a merchant. No approval needed.
    /// @param profile the profile
    function registerMerchant(MerchantProfile calldata profile) external;

    /// @notice Update the caller's merchant profile.
    /// @param profile the new profile
    function updateMerchant(MerchantProfile calldata profile) external;

    /// @notice Allow or disallow a courier to add checkpoints to the caller's orders.
    /// @param courier the courier
    /// @param allowed whether it may
    function setCourier(address courier, bool allowed) external;

    /// @notice Create a listing.
    /// @param params the listing's terms
    /// @return listingId the new listing's id
    function createListing(ListingParams calldata params) external returns (uint64 listingId);

    /// @notice Change a listing's editable terms.
    /// @param listingId the listing
    /// @param update the new terms
    function updateListing(uint64 listingId, ListingUpdate calldata update) external;

    /// @notice Pause or resume a listing.
    /// @param listingId the listing
    /// @param paused whether to pause
    function setListingPaused(uint64 listingId, bool paused) external;

    /// @notice Add stock to a listing.
    /// @param listingId the listing
    /// @param added units to add
    function restock(uint64 listingId, uint32 added) external;

    /// @notice Attach a purchase gate to a listing (e.g. the EAS attestation gate), or remove it with zero.
    /// Orders already placed are not affected.
    /// @param listingId the listing
    /// @param gate an {IListingGate} contract, or zero
    function setListingGate(uint64 listingId, address gate) external;

    /// @notice Append a provenance step to a listing.
    /// @param listingId the listing
    /// @param step the step
    function addProvenance(uint64 listingId, ProvenanceStep calldata step) external;

    // ---------------------------------------------------------------- checkout

    /// @notice Buy with ETH (send the exact total) or an approved ERC-20, optionally spending points.
    /// @param purchase what to buy
    /// @return orderId the new order's id
    function buy(Purchase calldata purchase) external payable returns (uint256 orderId);

    /// @notice Buy with an ERC-20 in one transaction using an EIP-2612 permit.
    /// @param purchase what to buy
    /// @param permit the buyer's permit for the listing's token
    /// @return orderId the new order's id
    function buyWithPermit(Purchase calldata purchase, Permit calldata permit) external returns (uint256 orderId);

    /// @notice `buy` for a gated listing, with the proof its gate asks for.
    /// @param purchase what to buy
    /// @param proof evidence for the listing's gate (for the attestation gate: abi.encode(attestation uid))
    /// @return orderId the new order's id
    function buyGated(Purchase calldata purchase, bytes calldata proof) external payable returns (uint256 orderId);

    /// @notice `buyWithPermit` for a gated listing, with the proof its gate asks for.
    /// @param purchase what to buy
    /// @param permit the buyer's permit for the listing's token
    /// @param proof evidence for the listing's gate
    /// @return orderId the new order's id
    function buyGatedWithPermit(Purchase calldata purchase, Permit calldata permit, bytes calldata proof)
        external
        returns (uint256 orderId);

    // ---------------------------------------------------------------- order lifecycle

    /// @notice The merchant marks the order shipped.
    /// @param orderId the order
    /// @param order the order as placed or last updated
    /// @param carrier carrier name
    /// @param trackingRef tracking reference
    function ship(uint256 orderId, Order calldata order, string calldata carrier, string calldata trackingRef) external;

    /// @notice The merchant or one of its couriers adds a logistics checkpoint to a shipped order.
    /// @param orderId the order
    /// @param order the order
    /// @param location where the parcel is
    /// @param note status text
    function addCheckpoint(uint256 orderId, Order calldata order, string calldata location, string calldata note)
        external;

    /// @notice The buyer confirms receipt: the order completes.
    /// @param orderId the order
    /// @param order the order
    function confirmReceipt(uint256 orderId, Order calldata order) external;

    /// @notice Anyone completes a shipped order once its auto-release window has passed.
    /// @param orderId the order
    /// @param order the order
    function completeAfterTimeout(uint256 orderId, Order calldata order) external;

    /// @notice The merchant refunds part or all of an order that is not finished.
    /// @param orderId the order
    /// @param order the order
    /// @param amount value to refund (cash first, then points)
    function refund(uint256 orderId, Order calldata order, uint96 amount) external;

    /// @notice The buyer cancels an order not shipped by its deadline, for a full refund.
    /// @param orderId the order
    /// @param order the order
    function cancelUnshipped(uint256 orderId, Order calldata order) external;

    // ---------------------------------------------------------------- disputes

    /// @notice The buyer opens a dispute on a paid or shipped order.
    /// @param orderId the order
    /// @param order the order
    /// @param statementCid IPFS CID of the buyer's statement
    function openDispute(uint256 orderId, Order calldata order, string calldata statementCid) external;

    /// @notice The buyer, the merchant or the arbiter adds a statement to an open dispute.
    /// @param orderId the order
    /// @param order the order
    /// @param statementCid IPFS CID of the statement
    function submitStatement(uint256 orderId, Order calldata order, string calldata statementCid) external;

    /// @notice The order's arbiter rules a split within its window.
    /// @param orderId the order
    /// @param order the order
    /// @param buyerAmount value returned to the buyer; the rest goes to the merchant
    function rule(uint256 orderId, Order calldata order, uint96 buyerAmount) external;

    /// @notice Anyone submits a split signed (EIP-712 `Settlement`) by two of buyer, merchant and arbiter.
    /// @param orderId the order
    /// @param order the order
    /// @param buyerAmount value returned to the buyer; the rest goes to the merchant
    /// @param signatures two signatures from distinct parties of the order
    function settle(uint256 orderId, Order calldata order, uint96 buyerAmount, PartySignature[2] calldata signatures)
        external;

    /// @notice Anyone applies the default once the arbiter's window has passed: a full refund to the buyer
    /// (the merchant chose the arbiter, so an unresponsive arbiter is the merchant's risk).
    /// @param orderId the order
    /// @param order the order
    function resolveAfterArbiterTimeout(uint256 orderId, Order calldata order) external;

    // ---------------------------------------------------------------- reviews

    /// @notice The buyer of a completed or resolved order leaves its one review.
    /// @param orderId the order
    /// @param order the order
    /// @param rating 1 to 5
    /// @param commentCid IPFS CID of the comment (may be empty)
    function review(uint256 orderId, Order calldata order, uint8 rating, string calldata commentCid) external;

    /// @notice The merchant replies once to a review.
    /// @param orderId the order
    /// @param order the order
    /// @param commentCid IPFS CID of the reply
    function replyToReview(uint256 orderId, Order calldata order, string calldata commentCid) external;

    // ---------------------------------------------------------------- funds

    /// @notice Withdraw the caller's whole credited balance of a token.
    /// @param token the token (address(0) for ETH)
    /// @param to the recipient (lets a blocklisted account withdraw elsewhere)
    function withdraw(address token, address to) external;

    // ---------------------------------------------------------------- admin (fee only)

    /// @notice Set the platform fee for future orders, at most `MAX_FEE_BPS`.
    /// @param feeBps the fee in basis points
    function setFee(uint16 feeBps) external;

    /// @notice Set who receives fees credited from now on.
    /// @param feeRecipient the recipient
    function setFeeRecipient(address feeRecipient) external;

    // ---------------------------------------------------------------- views

    /// @notice The stored hash of an order (zero if none).
    /// @param orderId the order
    /// @return the hash
    function orderHashOf(uint256 orderId) external view returns (bytes32);

    /// @notice The hash the contract stores for an order struct.
    /// @param order the order
    /// @return the hash
    function hashOrder(Order calldata order) external pure returns (bytes32);

    /// @notice The EIP-712 digest two parties sign to settle a dispute.
    /// @param orderId the order
    /// @param buyerAmount value returned to the buyer
    /// @return the digest
    function settlementDigest(uint256 orderId, uint96 buyerAmount) external view returns (bytes32);

    /// @notice A merchant's stored terms.
    /// @param merchant the merchant
    /// @return registered whether registered
    /// @return arbiter default arbiter
    /// @return rewardBps points reward rate
    /// @return autoReleaseWindow seconds after shipping
    /// @return encryptionKey X25519 public key
    function merchantOf(address merchant)
        external
        view
        returns (bool registered, address arbiter, uint16 rewardBps, uint32 autoReleaseWindow, bytes32 encryptionKey);

    /// @notice A listing's stored terms.
    /// @param listingId the listing
    /// @return merchant its merchant (zero if none)
    /// @return token payment token
    /// @return price unit price
    /// @return stock units available
    /// @return maxPerOrder per-order limit
    /// @return shipWithin shipping window in seconds
    /// @return paused whether paused
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
        );

    /// @notice A listing's purchase gate (zero: none).
    /// @param listingId the listing
    /// @return the gate contract
    function gateOf(uint64 listingId) external view returns (address);

    /// @notice An account's credited balance of a token.
    /// @param account the account
    /// @param token the token (address(0) for ETH)
    /// @return the balance
    function creditOf(address account, address token) external view returns (uint256);
}
