// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMartEscrow} from "../../src/interfaces/IChainMartEscrow.sol";
import {ITokenCollector} from "../../src/interfaces/ITokenCollector.sol";
import {OrderTerms} from "../../src/types/OrderTerms.sol";
import {BaseV2Test} from "./utils/BaseV2Test.sol";
import {ISignatureTransfer} from "@uniswap/v4-periphery/lib/permit2/src/interfaces/ISignatureTransfer.sol";
import {SignatureVerification} from "@uniswap/v4-periphery/lib/permit2/src/libraries/SignatureVerification.sol";
import {DeployPermit2} from "@uniswap/v4-periphery/lib/permit2/test/utils/DeployPermit2.sol";

/// @notice The Permit2 collector against Permit2's audited bytecode (from its npm package) at the canonical address:
/// the buyer approves Permit2 once, then pays each cart with one signature.
contract Permit2CollectorTest is BaseV2Test {
    /// @dev Permit2's PermitErrors.sol pins solc 0.8.17, so its two file-level errors are named by signature here.
    bytes4 internal constant SIGNATURE_EXPIRED = bytes4(keccak256("SignatureExpired(uint256)"));
    bytes4 internal constant INVALID_NONCE = bytes4(keccak256("InvalidNonce()"));

    function setUp() public override {
        super.setUp();
        _setUpPermit2();
        // Only Permit2 may move the buyer's tokens in these tests.
        vm.prank(buyer);
        usd.approve(address(approvalCollector), 0);
    }

    function test_setUp_permit2IsAtTheCanonicalAddressWithItsDocumentedDomain() public view {
        assertEq(address(permit2), PERMIT2);
        assertEq(address(permit2Collector.permit2()), PERMIT2);
        assertEq(permit2Collector.escrow(), address(escrow));
        assertEq(
            permit2.DOMAIN_SEPARATOR(),
            keccak256(abi.encode(PERMIT2_DOMAIN_TYPEHASH, keccak256("Permit2"), block.chainid, PERMIT2))
        );
    }

    function test_setUp_packageRuntimeDiffersOnlyInItsCachedDomainSeparator() public {
        bytes memory patched = PERMIT2.code;
        new DeployPermit2().deployPermit2();
        bytes memory package = PERMIT2.code;
        assertEq(package.length, patched.length);
        uint256 differing;
        for (uint256 i; i < package.length; ++i) {
            if (package[i] != patched[i]) ++differing;
        }
        assertGt(differing, 0);
        assertLe(differing, 32, "only the one immutable word differs");
        assertEq(permit2.DOMAIN_SEPARATOR(), _permit2DomainSeparator(PACKAGE_PERMIT2_ORIGIN), "as the package ships it");
    }

    // ---------------------------------------------------------------- happy paths

    function test_checkout_oneLineWithPermit2Signature() public {
        uint256 buyerBefore = usd.balanceOf(buyer);
        vm.expectEmit(address(escrow));
        emit IChainMartEscrow.CartCheckedOut(buyer, 1, 1, address(usd), 2 * USD_PRICE, 0, address(permit2Collector));
        (uint256[] memory ids, OrderTerms[] memory terms) =
            _checkout(buyer, _cart(address(usd), _line(usdListing, 2, 0)), _permit2Payment(2 * USD_PRICE, 0));
        assertEq(ids.length, 1);
        assertEq(terms[0].total, 2 * USD_PRICE);
        assertEq(usd.balanceOf(buyer), buyerBefore - 2 * USD_PRICE);
        assertEq(usd.balanceOf(address(escrow)), 2 * USD_PRICE);
        assertEq(usd.balanceOf(address(permit2Collector)), 0, "the tokens go straight to the escrow");
        assertEq(permit2.nonceBitmap(buyer, 0), 1, "nonce 0 is used");
        assertEq(usd.allowance(buyer, address(permit2)), type(uint256).max, "the one approval stays for next time");
    }

    function test_checkout_threeLinesTwoMerchantsWithOnePermit2Signature() public {
        IChainMartEscrow.Cart memory cart;
        cart.token = address(usd);
        cart.lines = new IChainMartEscrow.CartLine[](3);
        cart.lines[0] = _line(usdListing, 1, 0);
        cart.lines[1] = _line(usdListing2, 3, 0);
        cart.lines[2] = _line(usdListing, 2, 0);
        uint256 buyerBefore = usd.balanceOf(buyer);
        (uint256[] memory ids, OrderTerms[] memory terms) = _checkout(buyer, cart, _permit2Payment(6 * USD_PRICE, 7));
        assertEq(ids.length, 3);
        assertEq(terms[1].merchant, merchant2);
        assertEq(usd.balanceOf(buyer), buyerBefore - 6 * USD_PRICE);
        assertEq(usd.balanceOf(address(escrow)), 6 * USD_PRICE);
        assertEq(permit2.nonceBitmap(buyer, 0), 1 << 7);
    }

    function test_checkout_twoCartsWithTwoNoncesAfterOneApproval() public {
        _checkout(buyer, _cart(address(usd), _line(usdListing, 1, 0)), _permit2Payment(USD_PRICE, 0));
        _checkout(buyer, _cart(address(usd), _line(usdListing2, 1, 0)), _permit2Payment(USD_PRICE, 1));
        assertEq(usd.balanceOf(address(escrow)), 2 * USD_PRICE);
        assertEq(permit2.nonceBitmap(buyer, 0), 3);
    }

    // ---------------------------------------------------------------- reverts

    function test_checkout_revertsIfPermit2DeadlinePassed() public {
        IChainMartEscrow.Payment memory payment = _permit2Payment(USD_PRICE, 0);
        (, uint256 deadline,) = abi.decode(payment.data, (uint256, uint256, bytes));
        vm.warp(deadline + 1);
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(SIGNATURE_EXPIRED, deadline));
        escrow.checkout(cart, payment);
    }

    function test_checkout_revertsIfPermit2NonceReused() public {
        IChainMartEscrow.Payment memory payment = _permit2Payment(USD_PRICE, 42);
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        _checkout(buyer, cart, payment);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(INVALID_NONCE));
        escrow.checkout(cart, payment);
        // A fresh signature with the used nonce is refused too.
        IChainMartEscrow.Cart memory other = _cart(address(usd), _line(usdListing2, 1, 0));
        IChainMartEscrow.Payment memory again = _permit2Payment(USD_PRICE, 42);
        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(INVALID_NONCE));
        escrow.checkout(other, again);
    }

    function test_checkout_revertsIfPermit2SignedForAnotherAmount() public {
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        IChainMartEscrow.Payment memory less = _permit2Payment(USD_PRICE - 1, 0);
        vm.prank(buyer);
        vm.expectRevert(SignatureVerification.InvalidSigner.selector);
        escrow.checkout(cart, less);
        // More than the cash is refused as well: the collector permits exactly the cart's cash.
        IChainMartEscrow.Payment memory more = _permit2Payment(USD_PRICE + 1, 0);
        vm.prank(buyer);
        vm.expectRevert(SignatureVerification.InvalidSigner.selector);
        escrow.checkout(cart, more);
    }

    function test_checkout_revertsIfPermit2SignedForAnotherSpender() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory signature =
            _permit2Signature(buyerKey, address(usd), USD_PRICE, address(permitCollector), 0, deadline);
        IChainMartEscrow.Payment memory payment = IChainMartEscrow.Payment({
            collector: address(permit2Collector), data: abi.encode(uint256(0), deadline, signature)
        });
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        vm.prank(buyer);
        vm.expectRevert(SignatureVerification.InvalidSigner.selector);
        escrow.checkout(cart, payment);
    }

    function test_checkout_revertsIfSomeoneElseSubmitsTheBuyersPermit2Signature() public {
        usd.mint(stranger, 1000e6);
        vm.prank(stranger);
        usd.approve(address(permit2), type(uint256).max);
        IChainMartEscrow.Payment memory payment = _permit2Payment(USD_PRICE, 0);
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(usdListing, 1, 0));
        uint256 buyerBefore = usd.balanceOf(buyer);

        // Through the escrow the payer is the caller, whose key did not sign.
        vm.prank(stranger);
        vm.expectRevert(SignatureVerification.InvalidSigner.selector);
        escrow.checkout(cart, payment);

        // Straight to Permit2 the spender is the caller, not the collector the buyer signed to.
        (uint256 nonce, uint256 deadline, bytes memory signature) = abi.decode(payment.data, (uint256, uint256, bytes));
        ISignatureTransfer.PermitTransferFrom memory permit = ISignatureTransfer.PermitTransferFrom({
            permitted: ISignatureTransfer.TokenPermissions({token: address(usd), amount: USD_PRICE}),
            nonce: nonce,
            deadline: deadline
        });
        ISignatureTransfer.SignatureTransferDetails memory toStranger =
            ISignatureTransfer.SignatureTransferDetails({to: stranger, requestedAmount: USD_PRICE});
        vm.prank(stranger);
        vm.expectRevert(SignatureVerification.InvalidSigner.selector);
        permit2.permitTransferFrom(permit, toStranger, buyer, signature);

        assertEq(usd.balanceOf(buyer), buyerBefore, "the victim paid nothing");
        assertEq(usd.balanceOf(address(escrow)), 0);
        // The signature is still the buyer's to use.
        (uint256[] memory ids,) = _checkout(buyer, cart, payment);
        assertEq(ids.length, 1);
        assertEq(usd.balanceOf(buyer), buyerBefore - USD_PRICE);
    }

    function test_collect_revertsIfCallerNotEscrow() public {
        IChainMartEscrow.Payment memory payment = _permit2Payment(USD_PRICE, 0);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(ITokenCollector.CallerNotEscrow.selector, stranger));
        permit2Collector.collect(buyer, address(usd), USD_PRICE, payment.data);
    }

    // ---------------------------------------------------------------- fuzz

    function testFuzz_checkout_permit2PaysExactlyTheCashOncePerNonce(uint96 price, uint32 quantity, uint256 nonce)
        public
    {
        price = uint96(bound(price, 1, 1e15));
        quantity = uint32(bound(quantity, 1, 10));
        vm.prank(merchant);
        uint64 listingId = catalog.createListing(_listingParams(address(usd), price));
        uint256 cash = uint256(price) * quantity;
        usd.mint(buyer, cash);
        uint256 buyerBefore = usd.balanceOf(buyer);
        IChainMartEscrow.Payment memory payment = _permit2Payment(cash, nonce);
        IChainMartEscrow.Cart memory cart = _cart(address(usd), _line(listingId, quantity, 0));

        _checkout(buyer, cart, payment);
        assertEq(usd.balanceOf(buyer), buyerBefore - cash);
        assertEq(usd.balanceOf(address(escrow)), cash);
        assertEq(permit2.nonceBitmap(buyer, nonce >> 8), 1 << (nonce & 0xff));

        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(INVALID_NONCE));
        escrow.checkout(cart, payment);
    }
}
