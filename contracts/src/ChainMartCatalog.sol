// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMartCatalog} from "./interfaces/IChainMartCatalog.sol";
import {IPurchaseGate} from "./interfaces/IPurchaseGate.sol";

/// @title ChainMartCatalog
/// @notice See {IChainMartCatalog}. Deployed by the escrow in its constructor; no owner, no admin: nobody can
/// remove a merchant or a listing.
contract ChainMartCatalog is IChainMartCatalog {
    // ---------------------------------------------------------------- constants

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

    uint256 private constant MAX_SHORT_TEXT = 128;
    uint256 private constant MAX_TEXT = 512;

    // ---------------------------------------------------------------- storage

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
        // slot 2: read only for gated listings
        address gate;
    }

    /// @inheritdoc IChainMartCatalog
    address public immutable escrow;
    /// @inheritdoc IChainMartCatalog
    uint64 public listingCount;

    mapping(address merchant => MerchantTerms) private _merchants;
    mapping(address merchant => bytes32) private _encryptionKeys;
    /// @inheritdoc IChainMartCatalog
    mapping(address merchant => mapping(address courier => bool)) public isCourier;
    mapping(uint64 listingId => ListingTerms) private _listings;

    // ---------------------------------------------------------------- constructor

    constructor() {
        escrow = msg.sender;
    }

    modifier onlyEscrow() {
        if (msg.sender != escrow) revert CallerNotEscrow(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- merchants and listings

    /// @inheritdoc IChainMartCatalog
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

    /// @inheritdoc IChainMartCatalog
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

    /// @inheritdoc IChainMartCatalog
    function setCourier(address courier, bool allowed) external {
        _requireMerchant(msg.sender);
        isCourier[msg.sender][courier] = allowed;
        emit CourierSet(msg.sender, courier, allowed);
    }

    /// @inheritdoc IChainMartCatalog
    function createListing(ListingParams calldata params) external returns (uint64 listingId) {
        _requireMerchant(msg.sender);
        if (params.token != address(0) && params.token.code.length == 0) revert TokenInvalid(params.token);
        _checkListingTerms(params.price, params.maxPerOrder, params.shipWithin);
        _checkText(params.title, MAX_TEXT);
        _checkText(params.category, MAX_SHORT_TEXT);
        _checkText(params.metadataURI, MAX_TEXT);
        // Cannot overflow: one listing per call, 2^64 calls are out of reach.
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
            price: params.price,
            gate: address(0)
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

    /// @inheritdoc IChainMartCatalog
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

    /// @inheritdoc IChainMartCatalog
    function setListingPaused(uint64 listingId, bool paused) external {
        _ownListing(listingId).paused = paused;
        emit ListingPaused(listingId, paused);
    }

    /// @inheritdoc IChainMartCatalog
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

    /// @inheritdoc IChainMartCatalog
    function setListingGate(uint64 listingId, address gate) external {
        ListingTerms storage listing = _ownListing(listingId);
        if (gate != address(0) && gate.code.length == 0) revert GateInvalid(gate);
        listing.gated = gate != address(0);
        listing.gate = gate;
        emit ListingGateSet(listingId, gate);
    }

    /// @inheritdoc IChainMartCatalog
    function addProvenance(uint64 listingId, ProvenanceStep calldata step) external {
        _ownListing(listingId);
        _checkText(step.kind, MAX_SHORT_TEXT);
        _checkText(step.location, MAX_TEXT);
        _checkText(step.actor, MAX_TEXT);
        _checkText(step.evidenceCid, MAX_TEXT);
        emit ProvenanceAdded(listingId, step.kind, step.location, step.occurredAt, step.actor, step.evidenceCid);
    }

    // ---------------------------------------------------------------- escrow only

    /// @inheritdoc IChainMartCatalog
    function take(address buyer, uint64 listingId, uint32 quantity, bytes calldata proof)
        external
        onlyEscrow
        returns (Offer memory offer)
    {
        ListingTerms storage listing = _listings[listingId];
        address merchant = listing.merchant;
        uint32 stock = listing.stock;
        uint16 maxPerOrder = listing.maxPerOrder;
        if (merchant == address(0)) revert ListingNotFound(listingId);
        if (listing.paused) revert ListingIsPaused(listingId);
        if (quantity == 0 || quantity > maxPerOrder) revert QuantityInvalid(listingId, quantity, maxPerOrder);
        if (quantity > stock) revert OutOfStock(listingId, quantity, stock);
        if (listing.gated) _checkGate(listing.gate, buyer, listingId, quantity, proof);
        // Cannot underflow: quantity <= stock was checked above.
        unchecked {
            listing.stock = stock - quantity;
        }
        MerchantTerms storage terms = _merchants[merchant];
        offer = Offer({
            merchant: merchant,
            token: listing.token,
            price: listing.price,
            shipWithin: listing.shipWithin,
            arbiter: terms.arbiter,
            rewardBps: terms.rewardBps,
            autoReleaseWindow: terms.autoReleaseWindow
        });
    }

    /// @inheritdoc IChainMartCatalog
    function giveBack(uint64 listingId, uint32 quantity) external onlyEscrow {
        ListingTerms storage listing = _listings[listingId];
        uint32 stock = listing.stock;
        uint32 room = type(uint32).max - stock;
        uint32 returned = quantity < room ? quantity : room;
        // Cannot overflow: returned <= room.
        unchecked {
            stock += returned;
        }
        listing.stock = stock;
        emit StockReturned(listingId, returned, stock);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IChainMartCatalog
    function merchantOf(address merchant)
        external
        view
        returns (bool registered, address arbiter, uint16 rewardBps, uint32 autoReleaseWindow, bytes32 encryptionKey)
    {
        MerchantTerms memory terms = _merchants[merchant];
        return (terms.registered, terms.arbiter, terms.rewardBps, terms.autoReleaseWindow, _encryptionKeys[merchant]);
    }

    /// @inheritdoc IChainMartCatalog
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

    /// @inheritdoc IChainMartCatalog
    function gateOf(uint64 listingId) external view returns (address) {
        return _listings[listingId].gate;
    }

    // ---------------------------------------------------------------- internal

    /// @dev STATICCALL, so a gate cannot change state; only its exact selector as answer admits the buyer (a gate
    /// returning `false`, or a contract whose fallback returns nothing, refuses). A gate's own revert reason is
    /// passed through so the buyer sees why.
    function _checkGate(address gate, address buyer, uint64 listingId, uint32 quantity, bytes calldata proof)
        private
        view
    {
        (bool ok, bytes memory answer) =
            gate.staticcall(abi.encodeCall(IPurchaseGate.checkPurchase, (buyer, listingId, quantity, proof)));
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(answer, 32), mload(answer))
            }
        }
        if (answer.length != 32 || bytes4(answer) != IPurchaseGate.checkPurchase.selector) {
            revert GateRefused(listingId, gate);
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
