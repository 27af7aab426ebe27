// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMartCatalog} from "../../src/interfaces/IChainMartCatalog.sol";
import {OrderTerms} from "../../src/types/OrderTerms.sol";
import {OpenGate} from "./mocks/Gates.sol";
import {BaseV2Test} from "./utils/BaseV2Test.sol";

contract ChainMartCatalogTest is BaseV2Test {
    function test_registerMerchant_emitsAndStoresTheProfile() public {
        address shop = makeAddr("shop");
        IChainMartCatalog.MerchantProfile memory profile = _profile(arbiter);
        vm.expectEmit(address(catalog));
        emit IChainMartCatalog.MerchantRegistered(
            shop, profile.metadataURI, profile.encryptionKey, arbiter, REWARD_BPS, AUTO_RELEASE
        );
        vm.prank(shop);
        catalog.registerMerchant(profile);
        (bool registered, address arbiter_, uint16 reward, uint32 autoRelease, bytes32 key) = catalog.merchantOf(shop);
        assertTrue(registered);
        assertEq(arbiter_, arbiter);
        assertEq(reward, REWARD_BPS);
        assertEq(autoRelease, AUTO_RELEASE);
        assertEq(key, profile.encryptionKey);
        vm.prank(shop);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.MerchantAlreadyRegistered.selector, shop));
        catalog.registerMerchant(profile);
    }

    function test_registerMerchant_revertsOnBadProfile() public {
        address shop = makeAddr("shop");
        IChainMartCatalog.MerchantProfile memory profile = _profile(shop);
        vm.startPrank(shop);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.ArbiterInvalid.selector, shop));
        catalog.registerMerchant(profile);
        profile.arbiter = address(0);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.ArbiterInvalid.selector, address(0)));
        catalog.registerMerchant(profile);
        profile.arbiter = arbiter;
        profile.rewardBps = 2001;
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.RewardRateTooHigh.selector, 2001, 2000));
        catalog.registerMerchant(profile);
        profile.rewardBps = 0;
        profile.autoReleaseWindow = 1 days - 1;
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.AutoReleaseWindowInvalid.selector, 1 days - 1));
        catalog.registerMerchant(profile);
        profile.autoReleaseWindow = 60 days + 1;
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.AutoReleaseWindowInvalid.selector, 60 days + 1));
        catalog.registerMerchant(profile);
        profile.autoReleaseWindow = 1 days;
        profile.metadataURI = string(new bytes(513));
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.FieldTooLong.selector, 513, 512));
        catalog.registerMerchant(profile);
        vm.stopPrank();
    }

    function test_updateMerchant_onlyRegisteredAndOrdersKeepTheirTerms() public {
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 1, 0);
        IChainMartCatalog.MerchantProfile memory profile = _profile(makeAddr("new arbiter"));
        vm.prank(merchant);
        catalog.updateMerchant(profile);
        (, address arbiter_,,,) = catalog.merchantOf(merchant);
        assertEq(arbiter_, makeAddr("new arbiter"));
        assertEq(terms.arbiter, arbiter);
        _dispute(id, terms);
        vm.prank(arbiter);
        escrow.rule(id, terms, 0);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.MerchantNotRegistered.selector, stranger));
        catalog.updateMerchant(profile);
    }

    function test_setCourier_onlyMerchants() public {
        vm.expectEmit(address(catalog));
        emit IChainMartCatalog.CourierSet(merchant, courier, true);
        vm.prank(merchant);
        catalog.setCourier(courier, true);
        assertTrue(catalog.isCourier(merchant, courier));
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.MerchantNotRegistered.selector, stranger));
        catalog.setCourier(courier, true);
    }

    function test_createListing_revertsOnBadTerms() public {
        vm.startPrank(merchant);
        IChainMartCatalog.ListingParams memory params = _listingParams(address(usd), 0);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.ListingTermsInvalid.selector, 0, 10));
        catalog.createListing(params);
        params = _listingParams(stranger, 1);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.TokenInvalid.selector, stranger));
        catalog.createListing(params);
        params = _listingParams(address(usd), 1);
        params.shipWithin = 1 hours - 1;
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.ShipWithinInvalid.selector, 1 hours - 1));
        catalog.createListing(params);
        params.shipWithin = 90 days + 1;
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.ShipWithinInvalid.selector, 90 days + 1));
        catalog.createListing(params);
        params.shipWithin = 1 days;
        params.maxPerOrder = 0;
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.ListingTermsInvalid.selector, 1, 0));
        catalog.createListing(params);
        params.maxPerOrder = 1;
        params.category = string(new bytes(129));
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.FieldTooLong.selector, 129, 128));
        catalog.createListing(params);
        vm.stopPrank();
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.MerchantNotRegistered.selector, stranger));
        catalog.createListing(_listingParams(address(usd), 1));
    }

    function test_updateListing_changesTermsForNewOrdersOnly() public {
        vm.expectEmit(address(catalog));
        emit IChainMartCatalog.ListingUpdated(usdListing, 30e6, 5, 2 days, "t", "tea", "ipfs://x");
        vm.prank(merchant);
        catalog.updateListing(
            usdListing,
            IChainMartCatalog.ListingUpdate({
                price: 30e6, maxPerOrder: 5, shipWithin: 2 days, title: "t", category: "tea", metadataURI: "ipfs://x"
            })
        );
        (,, uint96 price,, uint16 maxPerOrder, uint32 shipWithin,) = catalog.listingOf(usdListing);
        assertEq(price, 30e6);
        assertEq(maxPerOrder, 5);
        assertEq(shipWithin, 2 days);
        vm.prank(merchant2);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.NotListingMerchant.selector, usdListing, merchant2));
        catalog.setListingPaused(usdListing, true);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.ListingNotFound.selector, 77));
        catalog.setListingPaused(77, true);
    }

    function test_restock_addsAndRefusesOverflow() public {
        vm.expectEmit(address(catalog));
        emit IChainMartCatalog.ListingRestocked(usdListing, 5, 1005);
        vm.prank(merchant);
        catalog.restock(usdListing, 5);
        vm.prank(merchant);
        vm.expectRevert(
            abi.encodeWithSelector(IChainMartCatalog.StockOverflow.selector, usdListing, 1005, type(uint32).max)
        );
        catalog.restock(usdListing, type(uint32).max);
    }

    function test_setListingGate_needsAContractOrZero() public {
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.GateInvalid.selector, stranger));
        catalog.setListingGate(usdListing, stranger);
        address open = address(new OpenGate());
        vm.prank(merchant);
        catalog.setListingGate(usdListing, open);
        assertEq(catalog.gateOf(usdListing), open);
        vm.prank(merchant);
        catalog.setListingGate(usdListing, address(0));
        assertEq(catalog.gateOf(usdListing), address(0));
    }

    function test_addProvenance_emitsTheStep() public {
        IChainMartCatalog.ProvenanceStep memory step = IChainMartCatalog.ProvenanceStep({
            kind: "origin", location: "Menghai, Yunnan", occurredAt: 1_700_000_000, actor: "farm", evidenceCid: "bafy"
        });
        vm.expectEmit(address(catalog));
        emit IChainMartCatalog.ProvenanceAdded(usdListing, "origin", "Menghai, Yunnan", 1_700_000_000, "farm", "bafy");
        vm.prank(merchant);
        catalog.addProvenance(usdListing, step);
        step.kind = string(new bytes(129));
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.FieldTooLong.selector, 129, 128));
        catalog.addProvenance(usdListing, step);
    }
}
