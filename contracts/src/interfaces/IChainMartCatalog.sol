// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IChainMartCatalog: merchants, listings, stock and provenance
/// @notice Merchants register and list goods without anyone's approval. Only the escrow that deployed the catalog
/// may take stock for an order (and give it back when an unshipped order is cancelled or fully refunded).
interface IChainMartCatalog {
    // ---------------------------------------------------------------- types

    /// @notice A merchant's public profile.
    /// @param metadataURI IPFS URI of the profile JSON (name, logo, description, contact)
    /// @param encryptionKey X25519 public key buyers encrypt shipping details to
    /// @param arbiter arbiter for new orders (an EOA or a multisig); never the merchant itself
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

    /// @notice Everything checkout needs to know about one line, read in one call.
    struct Offer {
        address merchant;
        address token;
        uint96 price;
        uint32 shipWithin;
        address arbiter;
        uint16 rewardBps;
        uint32 autoReleaseWindow;
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
    /// @notice The shipping window is outside [`MIN_SHIP_WITHIN`, `MAX_SHIP_WITHIN`].
    error ShipWithinInvalid(uint32 shipWithin);
    /// @notice A string field is longer than allowed.
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
    error QuantityInvalid(uint64 listingId, uint32 quantity, uint16 maxPerOrder);
    /// @notice Not enough stock left.
    error OutOfStock(uint64 listingId, uint32 requested, uint32 available);
    /// @notice Restocking would overflow the stock counter.
    error StockOverflow(uint64 listingId, uint32 stock, uint32 added);
    /// @notice A listing gate must be a contract (or zero, to remove the gate).
    error GateInvalid(address gate);
    /// @notice The listing's gate did not admit the buyer (it answered something other than its selector).
    error GateRefused(uint64 listingId, address gate);
    /// @notice The caller is not the escrow.
    error CallerNotEscrow(address caller);

    // ---------------------------------------------------------------- events

    /// @notice A merchant registered.
    /// @param merchant the merchant's address
    /// @param metadataURI profile JSON on IPFS
    /// @param encryptionKey X25519 public key for shipping details
    /// @param arbiter arbiter for new orders
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

    /// @notice A merchant changed its profile. Orders already placed keep their arbiter and rates, and a checkout
    /// that saw the old terms reverts instead of buying on the new ones.
    /// @param merchant the merchant's address
    /// @param metadataURI profile JSON on IPFS
    /// @param encryptionKey X25519 public key for shipping details
    /// @param arbiter arbiter for new orders
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

    /// @notice Stock was added to a listing by its merchant.
    /// @param listingId the listing
    /// @param added units added
    /// @param stock units available now
    event ListingRestocked(uint64 indexed listingId, uint32 added, uint32 stock);

    /// @notice Stock came back from an order cancelled or fully refunded before shipping.
    /// @param listingId the listing
    /// @param returned units returned (capped so the counter never overflows)
    /// @param stock units available now
    event StockReturned(uint64 indexed listingId, uint32 returned, uint32 stock);

    /// @notice A listing's purchase gate was set (zero: no gate). See {IPurchaseGate}.
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

    /// @notice Attach a purchase gate to a listing, or remove it with zero. Orders already placed are not affected.
    /// @param listingId the listing
    /// @param gate an {IPurchaseGate} contract, or zero
    function setListingGate(uint64 listingId, address gate) external;

    /// @notice Append a provenance step to a listing.
    /// @param listingId the listing
    /// @param step the step
    function addProvenance(uint64 listingId, ProvenanceStep calldata step) external;

    // ---------------------------------------------------------------- escrow only

    /// @notice Checks one checkout line against the listing (exists, not paused, quantity, stock, gate), takes the
    /// stock and returns the terms the order will be placed on. Only the escrow may call it.
    /// @param buyer the buyer
    /// @param listingId the listing
    /// @param quantity units
    /// @param proof evidence for the listing's gate (ignored when it has none)
    /// @return offer the listing's and its merchant's current terms
    function take(address buyer, uint64 listingId, uint32 quantity, bytes calldata proof)
        external
        returns (Offer memory offer);

    /// @notice Gives back the stock of an order cancelled or fully refunded before shipping. Never reverts for a
    /// full counter: the stock saturates. Only the escrow may call it.
    /// @param listingId the listing
    /// @param quantity units
    function giveBack(uint64 listingId, uint32 quantity) external;

    // ---------------------------------------------------------------- views

    /// @notice The escrow allowed to take stock.
    /// @return the escrow
    function escrow() external view returns (address);

    /// @notice Number of listings ever created (ids run from 1).
    /// @return the count
    function listingCount() external view returns (uint64);

    /// @notice Whether a courier may add checkpoints to a merchant's orders.
    /// @param merchant the merchant
    /// @param courier the courier
    /// @return whether it may
    function isCourier(address merchant, address courier) external view returns (bool);

    /// @notice A merchant's stored terms.
    /// @param merchant the merchant
    /// @return registered whether registered
    /// @return arbiter arbiter for new orders
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
}
