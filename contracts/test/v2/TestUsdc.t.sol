// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestUsdc} from "../../src/TestUsdc.sol";
import {Test} from "forge-std/Test.sol";

/// @notice The local stablecoin behaves as USDC on Base where ChainMart relies on it.
contract TestUsdcTest is Test {
    TestUsdc internal usd;
    address internal payer;
    uint256 internal payerKey;
    address internal payee = makeAddr("payee");

    function setUp() public {
        usd = new TestUsdc();
        (payer, payerKey) = makeAddrAndKey("payer");
        usd.mint(payer, 100e6);
    }

    function test_decimalsAreSix() public view {
        assertEq(usd.decimals(), 6);
    }

    function test_receiveWithAuthorization_onlyByThePayeeOnce() public {
        bytes memory signature = _authorize(usd.RECEIVE_WITH_AUTHORIZATION_TYPEHASH(), 10e6, bytes32("n1"));
        vm.prank(makeAddr("front-runner"));
        vm.expectRevert(abi.encodeWithSelector(TestUsdc.CallerNotPayee.selector, makeAddr("front-runner"), payee));
        usd.receiveWithAuthorization(payer, payee, 10e6, 0, block.timestamp + 1 hours, bytes32("n1"), signature);
        vm.prank(payee);
        usd.receiveWithAuthorization(payer, payee, 10e6, 0, block.timestamp + 1 hours, bytes32("n1"), signature);
        assertEq(usd.balanceOf(payee), 10e6);
        vm.prank(payee);
        vm.expectRevert(abi.encodeWithSelector(TestUsdc.AuthorizationUsed.selector, payer, bytes32("n1")));
        usd.receiveWithAuthorization(payer, payee, 10e6, 0, block.timestamp + 1 hours, bytes32("n1"), signature);
    }

    function test_transferWithAuthorization_revertsIfExpiredOrWrongSigner() public {
        bytes memory signature = _authorize(usd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH(), 10e6, bytes32("n2"));
        vm.expectRevert(abi.encodeWithSelector(TestUsdc.AuthorizationSignatureInvalid.selector, payer));
        usd.transferWithAuthorization(payer, payee, 11e6, 0, block.timestamp + 1 hours, bytes32("n2"), signature);
        uint256 validBefore = block.timestamp + 1 hours;
        vm.warp(validBefore);
        vm.expectRevert(abi.encodeWithSelector(TestUsdc.AuthorizationNotInTime.selector, 0, validBefore));
        usd.transferWithAuthorization(payer, payee, 10e6, 0, validBefore, bytes32("n2"), signature);
    }

    function test_cancelAuthorization_blocksItsUse() public {
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                usd.DOMAIN_SEPARATOR(),
                keccak256(abi.encode(usd.CANCEL_AUTHORIZATION_TYPEHASH(), payer, bytes32("n3")))
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(payerKey, digest);
        usd.cancelAuthorization(payer, bytes32("n3"), abi.encodePacked(r, s, v));
        assertTrue(usd.authorizationState(payer, bytes32("n3")));
        bytes memory signature = _authorize(usd.TRANSFER_WITH_AUTHORIZATION_TYPEHASH(), 1e6, bytes32("n3"));
        vm.expectRevert(abi.encodeWithSelector(TestUsdc.AuthorizationUsed.selector, payer, bytes32("n3")));
        usd.transferWithAuthorization(payer, payee, 1e6, 0, block.timestamp + 1 hours, bytes32("n3"), signature);
    }

    function test_blocklist_stopsSendingAndReceiving() public {
        usd.setBlocklisted(payee, true);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(TestUsdc.AccountBlocklisted.selector, payee));
        // forge-lint: disable-next-line(erc20-unchecked-transfer)
        usd.transfer(payee, 1);
        usd.setBlocklisted(payer, true);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(TestUsdc.AccountBlocklisted.selector, payer));
        // forge-lint: disable-next-line(erc20-unchecked-transfer)
        usd.transfer(makeAddr("anyone"), 1);
        vm.prank(payer);
        vm.expectRevert(abi.encodeWithSelector(TestUsdc.CallerNotBlocklister.selector, payer));
        usd.setBlocklisted(payer, false);
    }

    function _authorize(bytes32 typehash, uint256 value, bytes32 nonce) private view returns (bytes memory) {
        bytes32 structHash = keccak256(abi.encode(typehash, payer, payee, value, 0, block.timestamp + 1 hours, nonce));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", usd.DOMAIN_SEPARATOR(), structHash));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(payerKey, digest);
        return abi.encodePacked(r, s, v);
    }
}
