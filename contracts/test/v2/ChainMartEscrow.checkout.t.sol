// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMartCatalog} from "../../src/interfaces/IChainMartCatalog.sol";
import {IChainMartEscrow} from "../../src/interfaces/IChainMartEscrow.sol";
import {IEasGate} from "../../src/interfaces/IEasGate.sol";
import {ITokenCollector} from "../../src/interfaces/ITokenCollector.sol";
import {Status} from "../../src/types/Order.sol";
import {OrderState, OrderTerms} from "../../src/types/OrderTerms.sol";
import {FeeOnTransferToken} from "../mocks/HostileTokens.sol";
import {ShortCollector} from "./mocks/Actors.sol";
import {FalseGate, OpenGate, RefusingGate, SilentFallbackGate} from "./mocks/Gates.sol";
import {BaseV2Test} from "./utils/BaseV2Test.sol";
import {
    AttestationRequest,
    AttestationRequestData,
    RevocationRequest,
    RevocationRequestData
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";

contract ChainMartEscrowCheckoutTest is BaseV2Test {
    // ---------------------------------------------------------------- happy paths

    function test_checkout_oneLineByApproval() public {
        uint256 buyerBefore = usd.balanceOf(buyer);
        (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, 2, 0);
        assertEq(id, 1);
        assertEq(usd.balanceOf(buyer), buyerBefore - 2 * USD_PRICE);
        assertEq(usd.balanceOf(address(escrow)), 2 * USD_PRICE);
        assertEq(_stock(usdListing), 998);
        assertEq(terms.buyer, buyer);
        assertEq(terms.merchant, merchant);
        assertEq(terms.arbiter, arbiter);
        assertEq(terms.total, 2 * USD_PRICE);
        assertEq(terms.feeBps, FEE_BPS);
        assertEq(terms.rewardBps, REWARD_BPS);
        assertEq(terms.shipBy, block.timestamp + SHIP_WITHIN);
        assertEq(escrow.orderKey(id, terms), keccak256(abi.encode(id, terms)));
        OrderState memory state = _state(id, terms);
        assertEq(uint8(state.status), uint8(Status.Paid));
        assertEq(state.remaining, 2 * USD_PRICE);
        assertEq(escrow.orderCount(), 1);
    }

    function test_checkout_threeLinesTwoMerchantsOnePayment() public {
        IChainMartEscrow.Cart memory cart;
        cart.token = address(usd);
        cart.lines = new IChainMartEscrow.CartLine[](3);
        cart.lines[0] = _line(usdListing, 1, 0);
        cart.lines[1] = _line(usdListing2, 3, 0);
        cart.lines[2] = _line(usdListing, 2, 0);
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.CartCheckedOut(buyer, 1, 3, address(usd), 6 * USD_PRICE, 0, address(approvalCollector));
        (uint256[] memory ids, OrderTerms[] memory terms) = _checkout(buyer, cart, _approval());
        assertEq(ids.length, 3);
        assertEq(ids[0], 1);
        assertEq(ids[2], 3);
        assertEq(terms[0].merchant, merchant);
        assertEq(terms[1].merchant, merchant2);
        assertEq(terms[1].total, 3 * USD_PRICE);
        assertEq(terms[2].quantity, 2);
        assertEq(usd.balanceOf(address(escrow)), 6 * USD_PRICE);
        assertEq(_stock(usdListing), 997);
        assertEq(_stock(usdListing2), 997);
    }

    function test_checkout_eth() public {
        uint256 before = buyer.balance;
        (uint256 id, OrderTerms memory terms) = _buy(buyer, ethListing, 3, 0);
        assertEq(buyer.balance, before - 3 * ETH_PRICE);
        assertEq(address(escrow).balance, 3 * ETH_PRICE);
        assertEq(terms.token, address(0));
        assertEq(terms.rewardBps, 0, "ETH orders earn no points");
        assertEq(_state(id, terms).remaining, 3 * ETH_PRICE);
    }

    function test_checkout_pointsSpentAcrossLinesOfTwoMerchants() public {
        _earnPoints(4e6);
        uint96 earned = uint96(points.balanceOf(buyer));
        assertEq(escrow.pointsReserve(), earned);
        IChainMartEscrow.Cart memory cart;
        cart.token = address(usd);
        cart.lines = new IChainMartEscrow.CartLine[](2);
        cart.lines[0] = _line(usdListing, 1, earned / 2);
        cart.lines[1] = _line(usdListing2, 1, earned - earned / 2);
        uint256 escrowBefore = usd.balanceOf(address(escrow));
        (, OrderTerms[] memory terms) = _checkout(buyer, cart, _approval());
        assertEq(points.balanceOf(buyer), 0);
        assertEq(points.totalSupply(), 0);
        assertEq(escrow.pointsReserve(), 0);
        assertEq(terms[1].points, earned - earned / 2);
        // Only the cash part came in; the points part was already held as reserve.
        assertEq(usd.balanceOf(address(escrow)), escrowBefore + 2 * USD_PRICE - earned);
    }

    function test_checkout_paidFullyInPointsNeedsNoCollector() public {
        _earnPoints(USD_PRICE);
        // One line of the cheapest listing costs less than the points earned from 100 units.
        vm.prank(merchant);
        uint64 cheap = catalog.createListing(_listingParams(address(usd), 1e6));
        uint256 before = usd.balanceOf(buyer);
        (, OrderTerms[] memory terms) = _checkout(buyer, _cart(address(usd), _line(cheap, 1, 1e6)), _noCollector());
        assertEq(usd.balanceOf(buyer), before);
        assertEq(terms[0].points, 1e6);
    }

    function test_checkout_withPermitInOneTransaction() public {
        vm.prank(buyer);
        usd.approve(address(approvalCollector), 0);
        IChainMartEscrow.Payment memory payment = IChainMartEscrow.Payment({
            collector: address(permitCollector), data: _permitData(address(permitCollector), USD_PRICE)
        });
        (uint256[] memory ids,) = _checkout(buyer, _cart(address(usd), _line(usdListing, 1, 0)), payment);
        assertEq(ids[0], 1);
        assertEq(usd.balanceOf(address(escrow)), USD_PRICE);
        assertEq(usd.allowance(buyer, address(permitCollector)), 0);
    }

    function test_checkout_permitFrontRunStillGoesThrough() public {
        bytes memory data = _permitData(address(permitCollector), USD_PRICE);
        (uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s) =
            abi.decode(data, (uint256, uint256, uint8, bytes32, bytes32));
        vm.prank(stranger);
        usd.permit(buyer, address(permitCollector), value, deadline, v, r, s);
        IChainMartEscrow.Payment memory payment =
            IChainMartEscrow.Payment({collector: address(permitCollector), data: data});
        (uint256[] memory ids,) = _checkout(buyer, _cart(address(usd), _line(usdListing, 1, 0)), payment);
        assertEq(ids.length, 1);
    }

    function test_checkout_withErc3009Authorization() public {
        vm.prank(buyer);
        usd.approve(address(approvalCollector), 0);
        IChainMartEscrow.Payment memory payment = IChainMartEscrow.Payment({
            collector: address(erc3009Collector), data: _erc3009Data(2 * USD_PRICE, keccak256("cart nonce 1"))
        });
        (uint256[] memory ids,) = _checkout(buyer, _cart(address(usd), _line(usdListing, 2, 0)), payment);
        assertEq(ids[0], 1);
        assertEq(usd.balanceOf(address(escrow)), 2 * USD_PRICE);
        assertEq(usd.balanceOf(address(erc3009Collector)), 0);
        assertTrue(usd.authorizationState(buyer, keccak256("cart nonce 1")));
    }

    // ---------------------------------------------------------------- payment reverts

    function test_checkout_revertsIfErc3009AuthorizationReused() public {
        bytes memory data = _erc3009Data(USD_PRICE, keccak256("once"));
        IChainMartEscrow.Payment memory payment =
            IChainMartEscrow.Payment({collector: address(erc3009Collector), data: data});
        _checkout(buyer, _cart(address(usd), _line(usdListing, 1, 0)), payment);
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        vm.prank(buyer);
        vm.expectRevert();
        escrow.checkout(cart, payment);
    }

    function test_checkout_revertsIfSomeoneElseSubmitsTheBuyersAuthorization() public {
        IChainMartEscrow.Payment memory payment =
            IChainMartEscrow.Payment({collector: address(erc3009Collector), data: _erc3009Data(USD_PRICE, bytes32(0))});
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        vm.prank(stranger);
        vm.expectRevert();
        escrow.checkout(cart, payment);
        assertEq(usd.balanceOf(address(escrow)), 0);
    }

    function test_checkout_revertsIfPermitTooSmall() public {
        vm.prank(buyer);
        usd.approve(address(approvalCollector), 0);
        IChainMartEscrow.Payment memory payment = IChainMartEscrow.Payment({
            collector: address(permitCollector), data: _permitData(address(permitCollector), USD_PRICE - 1)
        });
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(ITokenCollector.AllowanceInsufficient.selector, USD_PRICE - 1, USD_PRICE)
        );
        escrow.checkout(cart, payment);
    }

    function test_collect_revertsIfCallerNotEscrow() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITokenCollector.CallerNotEscrow.selector, stranger));
        approvalCollector.collect(buyer, address(usd), USD_PRICE, "");
    }

    function test_checkout_revertsIfCollectorDeliversLess() public {
        ShortCollector short = new ShortCollector();
        vm.prank(buyer);
        usd.approve(address(short), type(uint256).max);
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(
                IChainMartEscrow.TokenTransferMismatch.selector, address(usd), USD_PRICE, USD_PRICE - 1
            )
        );
        escrow.checkout(cart, IChainMartEscrow.Payment({collector: address(short), data: ""}));
    }

    function test_checkout_revertsIfFeeOnTransferToken() public {
        FeeOnTransferToken feeToken = new FeeOnTransferToken();
        vm.prank(merchant);
        uint64 listing = catalog.createListing(_listingParams(address(feeToken), 100e6));
        feeToken.mint(buyer, 1000e6);
        vm.prank(buyer);
        feeToken.approve(address(approvalCollector), type(uint256).max);
        IChainMartEscrow.Cart memory cart = _cart(address(feeToken), _line(listing, 1, 0));
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(IChainMartEscrow.TokenTransferMismatch.selector, address(feeToken), 100e6, 99e6)
        );
        escrow.checkout(cart, _approval());
    }

    function test_checkout_revertsIfEthAmountWrong() public {
        IChainMartEscrow.Cart memory cart = _cart(address(0), _line(ethListing, 2, 0));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.EthAmountMismatch.selector, ETH_PRICE, 2 * ETH_PRICE));
        escrow.checkout{value: ETH_PRICE}(cart, _noCollector());
    }

    function test_checkout_revertsIfEthSentForTokenCart() public {
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.EthAmountMismatch.selector, 1, 0));
        escrow.checkout{value: 1}(cart, _approval());
    }

    function test_checkout_revertsIfCollectorGivenForEth() public {
        IChainMartEscrow.Cart memory cart = _cart(address(0), _line(ethListing, 1, 0));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.CollectorInvalid.selector, address(approvalCollector)));
        escrow.checkout{value: ETH_PRICE}(cart, _approval());
    }

    function test_checkout_revertsIfCollectorNotAContract() public {
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.CollectorInvalid.selector, stranger));
        escrow.checkout(cart, IChainMartEscrow.Payment({collector: stranger, data: ""}));
    }

    // ---------------------------------------------------------------- line reverts

    function test_checkout_revertsIfCartEmptyOrTooLarge() public {
        IChainMartEscrow.Cart memory cart;
        cart.token = address(usd);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.CartSizeInvalid.selector, 0, 32));
        escrow.checkout(cart, _approval());
        cart.lines = new IChainMartEscrow.CartLine[](33);
        for (uint256 i; i < 33; ++i) {
            cart.lines[i] = _line(usdListing, 1, 0);
        }
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.CartSizeInvalid.selector, 33, 32));
        escrow.checkout(cart, _approval());
    }

    function test_checkout_revertsIfLineInAnotherToken() public {
        IChainMartEscrow.Cart memory cart;
        cart.token = address(usd);
        cart.lines = new IChainMartEscrow.CartLine[](2);
        cart.lines[0] = _line(usdListing, 1, 0);
        cart.lines[1] = _line(ethListing, 1, 0);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.LineTokenMismatch.selector, 1, ethListing, address(0)));
        escrow.checkout(cart, _approval());
    }

    /// @dev Exploit 2 of the v1 review: the merchant front-runs a purchase with new terms. Every term the buyer
    /// was shown is checked, and the error names the line.
    function test_checkout_revertsIfListingTermsChangedAfterTheBuyerSawThem() public {
        IChainMartEscrow.Cart memory cart = _twoLineCart();
        vm.prank(merchant2);
        catalog.updateListing(usdListing2, _update(USD_PRICE, 10, 90 days));
        _expectLineChanged(cart, 1, usdListing2);

        cart = _twoLineCart();
        vm.prank(merchant2);
        catalog.updateListing(usdListing2, _update(USD_PRICE + 1, 10, SHIP_WITHIN));
        _expectLineChanged(cart, 1, usdListing2);
    }

    function test_checkout_revertsIfMerchantTermsChangedAfterTheBuyerSawThem() public {
        address otherArbiter = makeAddr("merchant's friend");
        IChainMartCatalog.MerchantProfile memory profile = _profile(arbiter);

        IChainMartEscrow.Cart memory cart = _twoLineCart();
        profile.arbiter = otherArbiter;
        vm.prank(merchant2);
        catalog.updateMerchant(profile);
        _expectLineChanged(cart, 1, usdListing2);

        cart = _twoLineCart();
        profile.autoReleaseWindow = 1 days;
        vm.prank(merchant2);
        catalog.updateMerchant(profile);
        _expectLineChanged(cart, 1, usdListing2);

        cart = _twoLineCart();
        profile.rewardBps = 0;
        vm.prank(merchant2);
        catalog.updateMerchant(profile);
        _expectLineChanged(cart, 1, usdListing2);
    }

    function test_checkout_rewardRateIgnoredOutsideTheSettlementToken() public {
        IChainMartEscrow.CartLine memory line = _line(ethListing, 1, 0);
        line.rewardBps = 1234;
        (uint256[] memory ids,) = _checkout(buyer, _cart(address(0), line), _noCollector());
        assertEq(ids.length, 1);
    }

    function test_checkout_revertsIfSelfDealing() public {
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        usd.mint(merchant, 100e6);
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.SelfDealing.selector, 0, merchant));
        escrow.checkout(cart, _approval());
        vm.prank(arbiter);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.SelfDealing.selector, 0, arbiter));
        escrow.checkout(cart, _approval());
    }

    function test_checkout_revertsIfPointsNotAccepted() public {
        _earnPoints(4e6);
        IChainMartEscrow.Cart memory cart = _cart(address(0), _line(ethListing, 1, 1));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.PointsNotAccepted.selector, 0, 1, ETH_PRICE));
        escrow.checkout{value: ETH_PRICE}(cart, _noCollector());
        cart = _cart(address(usd), _line(usdListing, 1, USD_PRICE + 1));
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(IChainMartEscrow.PointsNotAccepted.selector, 0, USD_PRICE + 1, USD_PRICE)
        );
        escrow.checkout(cart, _approval());
    }

    function test_checkout_revertsIfMorePointsThanHeld() public {
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 1e6));
        vm.prank(buyer);
        vm.expectRevert();
        escrow.checkout(cart, _approval());
    }

    function test_checkout_revertsIfListingUnavailable() public {
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 11, 0));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.QuantityInvalid.selector, usdListing, 11, 10));
        escrow.checkout(cart, _approval());

        cart = _cart(address(usd), _line(usdListing, 0, 0));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.QuantityInvalid.selector, usdListing, 0, 10));
        escrow.checkout(cart, _approval());

        cart = _cart(address(usd), _line(usdListing, 1, 0));
        vm.prank(merchant);
        catalog.setListingPaused(usdListing, true);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.ListingIsPaused.selector, usdListing));
        escrow.checkout(cart, _approval());

        cart.lines[0].listingId = 99;
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.ListingNotFound.selector, 99));
        escrow.checkout(cart, _approval());
    }

    function test_checkout_revertsIfOutOfStock() public {
        IChainMartCatalog.ListingParams memory params = _listingParams(address(usd), USD_PRICE);
        params.stock = 2;
        vm.prank(merchant);
        uint64 scarce = catalog.createListing(params);
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(scarce, 3, 0));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.OutOfStock.selector, scarce, 3, 2));
        escrow.checkout(cart, _approval());
    }

    function test_checkout_revertsIfShippingInfoTooLong() public {
        IChainMartEscrow.CartLine memory line = _line(usdListing, 1, 0);
        line.shippingInfo = new bytes(2049);
        IChainMartEscrow.Cart memory cart = _cart(address(usd), line);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.FieldTooLong.selector, 2049, 2048));
        escrow.checkout(cart, _approval());
    }

    function test_checkout_revertsIfLineTotalTooLarge() public {
        IChainMartCatalog.ListingParams memory params = _listingParams(address(usd), type(uint96).max);
        vm.prank(merchant);
        uint64 huge = catalog.createListing(params);
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(huge, 2, 0));
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(IChainMartEscrow.LineTotalTooLarge.selector, 0, uint256(type(uint96).max) * 2)
        );
        escrow.checkout(cart, _approval());
    }

    // ---------------------------------------------------------------- gates

    /// @dev Exploit 6 of the v1 review: a gate admitted by merely not reverting.
    function test_checkout_revertsIfGateAnswersFalseOrNothing() public {
        address[2] memory gates = [address(new FalseGate()), address(new SilentFallbackGate())];
        for (uint256 i; i < 2; ++i) {
            vm.prank(merchant);
            catalog.setListingGate(usdListing, gates[i]);
            IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
            vm.prank(buyer);
            vm.expectRevert(abi.encodeWithSelector(IChainMartCatalog.GateRefused.selector, usdListing, gates[i]));
            escrow.checkout(cart, _approval());
        }
    }

    function test_checkout_gatePassesItsReasonAndAdmitsWithItsSelector() public {
        address refusing = address(new RefusingGate());
        address open = address(new OpenGate());
        vm.prank(merchant);
        catalog.setListingGate(usdListing, refusing);
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(RefusingGate.NotOnList.selector, buyer));
        escrow.checkout(cart, _approval());

        vm.prank(merchant);
        catalog.setListingGate(usdListing, open);
        (uint256[] memory ids,) = _checkout(buyer, cart, _approval());
        assertEq(ids.length, 1);
    }

    /// @dev Exploit 4 of the v1 review: an attestation that says `isAdult = false` opened a listing gated on it.
    function test_checkout_easGateChecksWhatTheAttestationSays() public {
        address attester = makeAddr("attester");
        bytes32 schema = schemaRegistry.register("bool isAdult", ISchemaResolver(address(0)), true);
        address[] memory attesters = new address[](1);
        attesters[0] = attester;
        vm.startPrank(merchant);
        gate.setRequirement(usdListing, schema, keccak256(abi.encode(true)), attesters);
        catalog.setListingGate(usdListing, address(gate));
        vm.stopPrank();

        bytes32 saysFalse = _attest(attester, schema, abi.encode(false));
        IChainMartEscrow.CartLine memory line = _line(usdListing, 1, 0);
        line.proof = abi.encode(saysFalse);
        IChainMartEscrow.Cart memory cart = _cart(address(usd), line);
        vm.prank(buyer);
        vm.expectRevert(
            abi.encodeWithSelector(IEasGate.AttestationDataMismatch.selector, saysFalse, keccak256(abi.encode(false)))
        );
        escrow.checkout(cart, _approval());

        bytes32 saysTrue = _attest(attester, schema, abi.encode(true));
        cart.lines[0].proof = abi.encode(saysTrue);
        (uint256[] memory ids,) = _checkout(buyer, cart, _approval());
        assertEq(ids.length, 1);

        vm.prank(attester);
        eas.revoke(RevocationRequest({schema: schema, data: RevocationRequestData({uid: saysTrue, value: 0})}));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IEasGate.AttestationRevoked.selector, saysTrue, uint64(block.timestamp)));
        escrow.checkout(cart, _approval());

        cart.lines[0].proof = "";
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IEasGate.ProofMalformed.selector, 0));
        escrow.checkout(cart, _approval());
    }

    function test_setRequirement_revertsIfIncompleteOrNotTheMerchant() public {
        address[] memory attesters = new address[](1);
        attesters[0] = stranger;
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IEasGate.RequirementInvalid.selector, usdListing, bytes32("s"), 1));
        gate.setRequirement(usdListing, bytes32("s"), bytes32(0), attesters);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IEasGate.NotListingMerchant.selector, usdListing, stranger));
        gate.setRequirement(usdListing, bytes32("s"), bytes32("d"), attesters);
    }

    // ---------------------------------------------------------------- helpers

    function _twoLineCart() private view returns (IChainMartEscrow.Cart memory cart) {
        cart.token = address(usd);
        cart.lines = new IChainMartEscrow.CartLine[](2);
        cart.lines[0] = _line(usdListing, 1, 0);
        cart.lines[1] = _line(usdListing2, 1, 0);
    }

    function _expectLineChanged(IChainMartEscrow.Cart memory cart, uint256 index, uint64 listingId) private {
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMartEscrow.LineTermsChanged.selector, index, listingId));
        escrow.checkout(cart, _approval());
    }

    function _update(uint96 price, uint16 maxPerOrder, uint32 shipWithin)
        private
        pure
        returns (IChainMartCatalog.ListingUpdate memory)
    {
        return IChainMartCatalog.ListingUpdate({
            price: price,
            maxPerOrder: maxPerOrder,
            shipWithin: shipWithin,
            title: "t",
            category: "tea",
            metadataURI: "ipfs://x"
        });
    }

    /// @dev Buys and completes enough to earn at least `wanted` points at the 1% reward rate.
    function _earnPoints(uint96 wanted) private {
        uint32 quantity = uint32(uint256(wanted) * 100 / USD_PRICE + 1);
        while (quantity > 0) {
            uint32 q = quantity > 10 ? 10 : quantity;
            quantity -= q;
            (uint256 id, OrderTerms memory terms) = _buy(buyer, usdListing, q, 0);
            _ship(id, terms);
            _confirm(id, terms);
        }
    }

    function _attest(address attester, bytes32 schema, bytes memory data) private returns (bytes32) {
        vm.prank(attester);
        return eas.attest(
            AttestationRequest({
                schema: schema,
                data: AttestationRequestData({
                    recipient: buyer, expirationTime: 0, revocable: true, refUID: bytes32(0), data: data, value: 0
                })
            })
        );
    }
}
