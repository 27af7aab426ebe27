// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAttestationGate} from "../src/interfaces/IAttestationGate.sol";
import {IChainMart} from "../src/interfaces/IChainMart.sol";
import {Order, Status} from "../src/types/Order.sol";
import {BaseTest} from "./utils/BaseTest.sol";
import {
    AttestationRequest,
    AttestationRequestData,
    RevocationRequest,
    RevocationRequestData
} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";
import {ISchemaResolver} from "@ethereum-attestation-service/eas-contracts/contracts/resolver/ISchemaResolver.sol";

contract AttestationGateTest is BaseTest {
    address internal kycProvider = makeAddr("kycProvider");
    address internal otherProvider = makeAddr("otherProvider");
    bytes32 internal adultSchema;
    bytes32 internal buyerSchema;

    function setUp() public override {
        super.setUp();
        adultSchema = schemaRegistry.register("bool isAdult", ISchemaResolver(address(0)), true);
        buyerSchema = schemaRegistry.register("bool kycPassed", ISchemaResolver(address(0)), true);
    }

    // ------------------------------------------------------------ helpers

    function _attest(address attester, bytes32 schema, address recipient, uint64 expiration)
        internal
        returns (bytes32 uid)
    {
        vm.prank(attester);
        uid = eas.attest(
            AttestationRequest({
                schema: schema,
                data: AttestationRequestData({
                    recipient: recipient,
                    expirationTime: expiration,
                    revocable: true,
                    refUID: bytes32(0),
                    data: abi.encode(true),
                    value: 0
                })
            })
        );
    }

    function _gateListing(uint64 listingId, bytes32 schema, address[] memory attesters) internal {
        vm.startPrank(merchant);
        gate.setRequirement(listingId, schema, attesters);
        market.setListingGate(listingId, address(gate));
        vm.stopPrank();
    }

    function _trusted() internal view returns (address[] memory attesters) {
        attesters = new address[](1);
        attesters[0] = kycProvider;
    }

    function _buyGated(bytes32 uid) internal returns (uint256) {
        vm.prank(buyer);
        return market.buyGated(_purchase(usdListing, 1, USD_PRICE, 0), abi.encode(uid));
    }

    // ------------------------------------------------------------ market hook

    function test_setListingGate_emitsAndStores() public {
        vm.expectEmit(address(market));
        emit IChainMart.ListingGateSet(usdListing, address(gate));
        vm.prank(merchant);
        market.setListingGate(usdListing, address(gate));
        assertEq(market.gateOf(usdListing), address(gate));
    }

    function test_setListingGate_revertsIfNotContract() public {
        vm.prank(merchant);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.GateInvalid.selector, stranger));
        market.setListingGate(usdListing, stranger);
    }

    function test_setListingGate_revertsIfNotMerchant() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.NotListingMerchant.selector, usdListing, stranger));
        market.setListingGate(usdListing, address(gate));
    }

    function test_buy_revertsIfListingGated() public {
        _gateListing(usdListing, adultSchema, _trusted());
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IChainMart.ListingGated.selector, usdListing, address(gate)));
        market.buy(_purchase(usdListing, 1, USD_PRICE, 0));
    }

    function test_buyGated_acceptsValidAttestation() public {
        _gateListing(usdListing, adultSchema, _trusted());
        bytes32 uid = _attest(kycProvider, adultSchema, buyer, 0);
        uint256 orderId = _buyGated(uid);
        assertEq(orderId, 1);
        assertEq(market.orderHashOf(orderId) != bytes32(0), true);
    }

    function test_buyGated_ungatedListingIgnoresProof() public {
        _buyGated(bytes32(uint256(1)));
        assertEq(market.orderCount(), 1);
    }

    function test_setListingGate_zeroRemovesGate() public {
        _gateListing(usdListing, adultSchema, _trusted());
        vm.prank(merchant);
        market.setListingGate(usdListing, address(0));
        vm.prank(buyer);
        market.buy(_purchase(usdListing, 1, USD_PRICE, 0));
        assertEq(market.orderCount(), 1);
    }

    function test_buyGated_revertsWithoutAttestation() public {
        _gateListing(usdListing, adultSchema, _trusted());
        bytes32 missing = keccak256("missing");
        vm.expectRevert(abi.encodeWithSelector(IAttestationGate.AttestationNotFound.selector, missing));
        _buyGated(missing);
    }

    function test_buyGated_revertsIfRevoked() public {
        _gateListing(usdListing, adultSchema, _trusted());
        bytes32 uid = _attest(kycProvider, adultSchema, buyer, 0);
        vm.warp(block.timestamp + 1 days);
        vm.prank(kycProvider);
        eas.revoke(RevocationRequest({schema: adultSchema, data: RevocationRequestData({uid: uid, value: 0})}));
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationGate.AttestationRevoked.selector, uid, uint64(block.timestamp))
        );
        _buyGated(uid);
    }

    function test_buyGated_revertsIfExpired() public {
        _gateListing(usdListing, adultSchema, _trusted());
        uint64 expiry = uint64(block.timestamp + 1 hours);
        bytes32 uid = _attest(kycProvider, adultSchema, buyer, expiry);
        vm.warp(expiry);
        vm.expectRevert(abi.encodeWithSelector(IAttestationGate.AttestationExpired.selector, uid, expiry));
        _buyGated(uid);
    }

    function test_buyGated_revertsIfUntrustedAttester() public {
        _gateListing(usdListing, adultSchema, _trusted());
        bytes32 uid = _attest(otherProvider, adultSchema, buyer, 0);
        vm.expectRevert(abi.encodeWithSelector(IAttestationGate.AttesterNotTrusted.selector, uid, otherProvider));
        _buyGated(uid);
    }

    function test_buyGated_revertsIfWrongSchema() public {
        _gateListing(usdListing, adultSchema, _trusted());
        bytes32 uid = _attest(kycProvider, buyerSchema, buyer, 0);
        vm.expectRevert(abi.encodeWithSelector(IAttestationGate.AttestationSchemaMismatch.selector, uid, buyerSchema));
        _buyGated(uid);
    }

    function test_buyGated_revertsIfAttestationIsSomeoneElses() public {
        _gateListing(usdListing, adultSchema, _trusted());
        bytes32 uid = _attest(kycProvider, adultSchema, stranger, 0);
        vm.expectRevert(abi.encodeWithSelector(IAttestationGate.AttestationRecipientMismatch.selector, uid, stranger));
        _buyGated(uid);
    }

    function test_buyGated_revertsIfProofMalformed() public {
        _gateListing(usdListing, adultSchema, _trusted());
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IAttestationGate.ProofMalformed.selector, 3));
        market.buyGated(_purchase(usdListing, 1, USD_PRICE, 0), hex"010203");
    }

    function test_buyGatedWithPermit_acceptsValidAttestation() public {
        _gateListing(usdListing, adultSchema, _trusted());
        bytes32 uid = _attest(kycProvider, adultSchema, buyer, 0);
        vm.prank(buyer);
        usd.approve(address(market), 0);
        IChainMart.Permit memory permit = _signPermit(USD_PRICE);
        vm.prank(buyer);
        market.buyGatedWithPermit(_purchase(usdListing, 1, USD_PRICE, 0), permit, abi.encode(uid));
        assertEq(market.orderCount(), 1);
    }

    function test_gatedOrder_unaffectedByLaterGateChange() public {
        _gateListing(usdListing, adultSchema, _trusted());
        bytes32 uid = _attest(kycProvider, adultSchema, buyer, 0);
        vm.recordLogs();
        uint256 orderId = _buyGated(uid);
        Order memory order = _lastOrderPlaced();
        // The merchant tightens the gate and the buyer's attestation is revoked: the paid order goes on.
        vm.prank(merchant);
        gate.setRequirement(usdListing, buyerSchema, _trusted());
        vm.prank(kycProvider);
        eas.revoke(RevocationRequest({schema: adultSchema, data: RevocationRequestData({uid: uid, value: 0})}));
        order = _confirm(orderId, _ship(orderId, order));
        assertEq(uint8(order.status), uint8(Status.Completed));
        assertEq(market.orderHashOf(orderId), market.hashOrder(order));
    }

    // ------------------------------------------------------------ requirements

    function test_setRequirement_revertsIfNotMerchant() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IAttestationGate.NotListingMerchant.selector, usdListing, stranger));
        gate.setRequirement(usdListing, adultSchema, _trusted());
    }

    function test_setRequirement_revertsIfDuplicateAttester() public {
        address[] memory attesters = new address[](2);
        attesters[0] = kycProvider;
        attesters[1] = kycProvider;
        vm.prank(merchant);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationGate.RequirementInvalid.selector, usdListing, adultSchema, 2)
        );
        gate.setRequirement(usdListing, adultSchema, attesters);
    }

    function test_checkPurchase_revertsIfNoRequirement() public {
        vm.prank(merchant);
        market.setListingGate(usdListing, address(gate));
        vm.expectRevert(abi.encodeWithSelector(IAttestationGate.RequirementMissing.selector, usdListing));
        _buyGated(keccak256("any"));
    }

    function testFuzz_setRequirement_validatesShape(uint8 count, bool zeroSchema, uint8 zeroAt) public {
        count = uint8(bound(count, 0, 12));
        address[] memory attesters = new address[](count);
        for (uint256 i; i < count; ++i) {
            attesters[i] = address(uint160(0x1000 + i));
        }
        bool hasZero = count != 0 && zeroAt < count;
        if (hasZero) attesters[zeroAt] = address(0);
        bytes32 schema = zeroSchema ? bytes32(0) : adultSchema;
        bool valid = (schema != bytes32(0)) == (count != 0) && count <= gate.MAX_ATTESTERS() && !hasZero;
        vm.prank(merchant);
        if (!valid) {
            vm.expectRevert(
                abi.encodeWithSelector(IAttestationGate.RequirementInvalid.selector, usdListing, schema, count)
            );
        }
        gate.setRequirement(usdListing, schema, attesters);
        if (valid) {
            (bytes32 stored, address[] memory storedAttesters) = gate.requirementOf(usdListing);
            assertEq(stored, schema);
            assertEq(storedAttesters.length, count);
        }
    }

    function testFuzz_buyGated_acceptsOnlyLiveTrustedAttestations(
        uint8 trustedCount,
        uint8 attesterIndex,
        uint32 expiresIn,
        uint32 buyAfter,
        bool revoke
    ) public {
        trustedCount = uint8(bound(trustedCount, 1, 8));
        address[] memory trusted = new address[](trustedCount);
        for (uint256 i; i < trustedCount; ++i) {
            trusted[i] = address(uint160(0xA77E57 + i));
        }
        _gateListing(usdListing, adultSchema, trusted);
        // Indices past the trusted list stand for an attester the merchant does not accept.
        attesterIndex = uint8(bound(attesterIndex, 0, trustedCount));
        address attester = attesterIndex < trustedCount ? trusted[attesterIndex] : otherProvider;
        uint64 expiry = expiresIn == 0 ? 0 : uint64(block.timestamp) + expiresIn;
        bytes32 uid = _attest(attester, adultSchema, buyer, expiry);
        if (revoke) {
            vm.prank(attester);
            eas.revoke(RevocationRequest({schema: adultSchema, data: RevocationRequestData({uid: uid, value: 0})}));
        }
        vm.warp(block.timestamp + buyAfter);
        bool live = !revoke && (expiry == 0 || expiry > block.timestamp);
        bool ok = live && attesterIndex < trustedCount;
        if (!ok) vm.expectRevert();
        _buyGated(uid);
        assertEq(market.orderCount(), ok ? 1 : 0);
    }
}
