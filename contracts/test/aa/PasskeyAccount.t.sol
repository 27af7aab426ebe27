// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PasskeyAccount} from "../../src/aa/PasskeyAccount.sol";
import {PasskeyAccountFactory} from "../../src/aa/PasskeyAccountFactory.sol";
import {IPasskeyAccountFactory} from "../../src/interfaces/IPasskeyAccountFactory.sol";
import {Account as OzAccount} from "@openzeppelin/contracts-5.7/account/Account.sol";
import {ERC7821} from "@openzeppelin/contracts-5.7/account/extensions/draft-ERC7821.sol";
import {IEntryPoint, PackedUserOperation} from "@openzeppelin/contracts-5.7/interfaces/IERC4337.sol";
import {Initializable} from "@openzeppelin/contracts-5.7/proxy/utils/Initializable.sol";
import {Base64} from "@openzeppelin/contracts-5.7/utils/Base64.sol";
import {P256} from "@openzeppelin/contracts-5.7/utils/cryptography/P256.sol";
import {SignerP256} from "@openzeppelin/contracts-5.7/utils/cryptography/signers/SignerP256.sol";
import {Test} from "forge-std/Test.sol";

interface IUserOpHash {
    function getUserOpHash(PackedUserOperation calldata userOp) external view returns (bytes32);
}

contract Target {
    uint256 public total;

    function add(uint256 amount) external payable {
        total += amount;
    }
}

/// @notice The passkey account and its factory against the real EntryPoint v0.8 (the audited artifact, created
/// through the deterministic deployer at its canonical address, as on every public chain).
contract PasskeyAccountTest is Test {
    address internal constant DETERMINISTIC_DEPLOYER = 0x4e59b44847b379578588920cA78FbF26c0B4956C;
    bytes32 internal constant ENTRY_POINT_08_SALT = 0x0a59dbff790c23c976a548690c27297883cc66b4c67024f9117b0238995e35e9;
    IEntryPoint internal constant ENTRY_POINT = IEntryPoint(0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108);
    /// @dev The deterministic deployer's runtime (Arachnid's, preinstalled on anvil and present on Base).
    bytes internal constant DEPLOYER_CODE =
        hex"7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf3";
    bytes32 internal constant BATCH_MODE = bytes32(uint256(0x01) << 248);
    uint256 internal constant P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551;
    bytes internal constant AUTH_DATA_UP_UV =
        hex"49960de5880e8c687434170f6476605b8fe4aeb9a28632c7995cf3ba831d97630500000000";

    PasskeyAccount internal implementation;
    PasskeyAccountFactory internal factory;
    Target internal target;
    uint256 internal ownerKey = 0xA11CE;
    bytes32 internal qx;
    bytes32 internal qy;

    function setUp() public {
        vm.etch(DETERMINISTIC_DEPLOYER, DEPLOYER_CODE);
        bytes memory entryPointCode =
            vm.getCode("../node_modules/@account-abstraction/contracts/artifacts/EntryPoint.json");
        assertEq(_create2(ENTRY_POINT_08_SALT, entryPointCode), address(ENTRY_POINT), "canonical EntryPoint v0.8");
        implementation = PasskeyAccount(payable(_create2(bytes32(0), type(PasskeyAccount).creationCode)));
        factory = PasskeyAccountFactory(
            _create2(bytes32(0), abi.encodePacked(type(PasskeyAccountFactory).creationCode, abi.encode(implementation)))
        );
        target = new Target();
        (qx, qy) = _publicKey(ownerKey);
    }

    // --- factory ---

    function testFuzz_createAccount_isDeterministicAndIdempotent(uint256 key, uint256 salt) public {
        (bytes32 x, bytes32 y) = _publicKey(bound(key, 1, P256_N - 1));
        address predicted = factory.accountAddress(x, y, salt);
        assertEq(predicted.code.length, 0, "counterfactual");
        vm.expectEmit(address(factory));
        emit IPasskeyAccountFactory.AccountCreated(predicted, x, y, salt);
        assertEq(factory.createAccount(x, y, salt), predicted, "created where predicted");
        (bytes32 sx, bytes32 sy) = PasskeyAccount(payable(predicted)).signer();
        assertEq(sx, x);
        assertEq(sy, y);
        vm.recordLogs();
        assertEq(factory.createAccount(x, y, salt), predicted, "a second call returns the same account");
        assertEq(vm.getRecordedLogs().length, 0, "and creates nothing");
    }

    function testFuzz_accountAddress_dependsOnKeyAndSalt(uint256 saltA, uint256 saltB) public view {
        vm.assume(saltA != saltB);
        assertTrue(factory.accountAddress(qx, qy, saltA) != factory.accountAddress(qx, qy, saltB));
        (bytes32 x2, bytes32 y2) = _publicKey(ownerKey + 1);
        assertTrue(factory.accountAddress(qx, qy, saltA) != factory.accountAddress(x2, y2, saltA));
    }

    function testFuzz_createAccount_revertsIfKeyInvalid(bytes32 x, bytes32 y, uint256 salt) public {
        vm.assume(!P256.isValidPublicKey(x, y));
        vm.expectRevert(abi.encodeWithSelector(SignerP256.SignerP256InvalidPublicKey.selector, x, y));
        factory.createAccount(x, y, salt);
    }

    function test_implementation_isTheDeployedOne() public view {
        assertEq(factory.implementation(), address(implementation));
    }

    // --- initialisation ---

    function testFuzz_initialize_revertsIfCalledTwice(uint256 key, address caller) public {
        PasskeyAccount account = _account();
        (bytes32 x, bytes32 y) = _publicKey(bound(key, 1, P256_N - 1));
        vm.prank(caller);
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        account.initialize(x, y);
    }

    function testFuzz_initialize_revertsOnTheImplementation(uint256 key) public {
        (bytes32 x, bytes32 y) = _publicKey(bound(key, 1, P256_N - 1));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        implementation.initialize(x, y);
        (bytes32 ix, bytes32 iy) = implementation.signer();
        assertEq(ix, implementation.UNUSABLE_KEY_X());
        assertEq(iy, implementation.UNUSABLE_KEY_Y());
    }

    function test_unusableKey_isNothingUpMySleeve() public view {
        bytes32 x = sha256("ChainMart PasskeyAccount implementation: a point nobody holds the key of");
        assertEq(implementation.UNUSABLE_KEY_X(), x);
        assertEq(uint256(implementation.UNUSABLE_KEY_Y()) % 2, 0, "the even root");
        assertTrue(P256.isValidPublicKey(x, implementation.UNUSABLE_KEY_Y()));
    }

    // --- entry point and execution ---

    function test_entryPoint_isV08() public {
        assertEq(address(_account().entryPoint()), address(ENTRY_POINT));
    }

    function testFuzz_getNonce_followsTheEntryPoint(uint192 key) public {
        PasskeyAccount account = _account();
        assertEq(account.getNonce(key), ENTRY_POINT.getNonce(address(account), key));
        assertEq(account.getNonce(), ENTRY_POINT.getNonce(address(account), 0));
    }

    function testFuzz_execute_byTheEntryPointRunsTheBatch(uint128 a, uint128 b) public {
        PasskeyAccount account = _account();
        vm.prank(address(ENTRY_POINT));
        account.execute(BATCH_MODE, _batch(a, b));
        assertEq(target.total(), uint256(a) + b);
    }

    function testFuzz_execute_bySelfRunsTheBatch(uint128 a) public {
        PasskeyAccount account = _account();
        vm.prank(address(account));
        account.execute(BATCH_MODE, _batch(a, 0));
        assertEq(target.total(), a);
    }

    function testFuzz_execute_revertsIfNotEntryPointOrSelf(address caller, uint128 a) public {
        PasskeyAccount account = _account();
        vm.assume(caller != address(ENTRY_POINT) && caller != address(account));
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(OzAccount.AccountUnauthorized.selector, caller));
        account.execute(BATCH_MODE, _batch(a, 0));
        assertEq(target.total(), 0);
    }

    function testFuzz_supportsExecutionMode_batchOnly(bytes32 mode) public {
        PasskeyAccount account = _account();
        assertTrue(account.supportsExecutionMode(BATCH_MODE));
        // Byte 0 is the call type (batch), byte 1 the exec type (revert on failure), bytes 6-9 the mode selector.
        bool batchWithoutOpData = mode[0] == 0x01 && mode[1] == 0x00 && bytes4(mode << 48) == 0;
        assertEq(account.supportsExecutionMode(mode), batchWithoutOpData);
    }

    // --- validation ---

    function testFuzz_validateUserOp_acceptsTheOwnersAssertion(bytes32 userOpHash, uint256 missingFunds) public {
        PasskeyAccount account = _account();
        missingFunds = bound(missingFunds, 0, 1 ether);
        vm.deal(address(account), 1 ether);
        PackedUserOperation memory op = _userOp(address(account), "");
        op.signature = _assertion(ownerKey, userOpHash, AUTH_DATA_UP_UV);
        vm.prank(address(ENTRY_POINT));
        assertEq(account.validateUserOp(op, userOpHash, missingFunds), 0, "valid");
        assertEq(address(ENTRY_POINT).balance, missingFunds, "prefund paid");
    }

    function testFuzz_validateUserOp_rejectsAnotherKey(bytes32 userOpHash, uint256 otherKey) public {
        otherKey = bound(otherKey, 1, P256_N - 1);
        vm.assume(otherKey != ownerKey);
        PasskeyAccount account = _account();
        PackedUserOperation memory op = _userOp(address(account), "");
        op.signature = _assertion(otherKey, userOpHash, AUTH_DATA_UP_UV);
        vm.prank(address(ENTRY_POINT));
        assertEq(account.validateUserOp(op, userOpHash, 0), 1, "forged");
    }

    function testFuzz_validateUserOp_rejectsAnotherChallenge(bytes32 userOpHash, bytes32 signedHash) public {
        vm.assume(userOpHash != signedHash);
        PasskeyAccount account = _account();
        PackedUserOperation memory op = _userOp(address(account), "");
        op.signature = _assertion(ownerKey, signedHash, AUTH_DATA_UP_UV);
        vm.prank(address(ENTRY_POINT));
        assertEq(account.validateUserOp(op, userOpHash, 0), 1, "signed for another operation");
    }

    function test_validateUserOp_rejectsWithoutUserVerification() public {
        PasskeyAccount account = _account();
        bytes memory presentOnly = AUTH_DATA_UP_UV;
        presentOnly[32] = 0x01;
        PackedUserOperation memory op = _userOp(address(account), "");
        op.signature = _assertion(ownerKey, keccak256("op"), presentOnly);
        vm.prank(address(ENTRY_POINT));
        assertEq(account.validateUserOp(op, keccak256("op"), 0), 1, "UV required");
    }

    function testFuzz_validateUserOp_rejectsGarbage(bytes calldata signature) public {
        PasskeyAccount account = _account();
        PackedUserOperation memory op = _userOp(address(account), "");
        op.signature = signature;
        vm.prank(address(ENTRY_POINT));
        assertEq(account.validateUserOp(op, keccak256("op"), 0), 1);
    }

    function testFuzz_validateUserOp_revertsIfNotTheEntryPoint(address caller) public {
        vm.assume(caller != address(ENTRY_POINT));
        PasskeyAccount account = _account();
        PackedUserOperation memory op = _userOp(address(account), "");
        op.signature = _assertion(ownerKey, keccak256("op"), AUTH_DATA_UP_UV);
        vm.prank(caller);
        vm.expectRevert();
        account.validateUserOp(op, keccak256("op"), 0);
    }

    /// @notice The whole path: a counterfactual account deployed by its first user operation, which runs a batch.
    function test_handleOps_deploysAndExecutesInOneOperation() public {
        address predicted = factory.accountAddress(qx, qy, 0);
        vm.deal(predicted, 1 ether);
        PackedUserOperation memory op =
            _userOp(predicted, abi.encodeWithSelector(ERC7821.execute.selector, BATCH_MODE, _batch(5, 7)));
        op.initCode = abi.encodePacked(address(factory), abi.encodeCall(factory.createAccount, (qx, qy, 0)));
        op.signature = _assertion(ownerKey, IUserOpHash(address(ENTRY_POINT)).getUserOpHash(op), AUTH_DATA_UP_UV);
        PackedUserOperation[] memory ops = new PackedUserOperation[](1);
        ops[0] = op;
        vm.prank(address(0xB0B), address(0xB0B));
        ENTRY_POINT.handleOps(ops, payable(address(0xB0B)));
        assertGt(predicted.code.length, 0, "deployed");
        assertEq(target.total(), 12, "batch ran");
        assertEq(ENTRY_POINT.getNonce(predicted, 0), 1);
    }

    function test_handleOps_revertsOnAForgedSignature() public {
        address predicted = factory.accountAddress(qx, qy, 0);
        vm.deal(predicted, 1 ether);
        PackedUserOperation memory op =
            _userOp(predicted, abi.encodeWithSelector(ERC7821.execute.selector, BATCH_MODE, _batch(5, 7)));
        op.initCode = abi.encodePacked(address(factory), abi.encodeCall(factory.createAccount, (qx, qy, 0)));
        op.signature = _assertion(ownerKey + 1, IUserOpHash(address(ENTRY_POINT)).getUserOpHash(op), AUTH_DATA_UP_UV);
        PackedUserOperation[] memory ops = new PackedUserOperation[](1);
        ops[0] = op;
        vm.prank(address(0xB0B), address(0xB0B));
        vm.expectRevert(abi.encodeWithSelector(IEntryPoint.FailedOp.selector, 0, "AA24 signature error"));
        ENTRY_POINT.handleOps(ops, payable(address(0xB0B)));
        assertEq(target.total(), 0);
    }

    // --- token holder ---

    function testFuzz_tokenReceivers_acceptTransfers(address operator, address from, uint256 id, uint256 value) public {
        PasskeyAccount account = _account();
        assertEq(account.onERC721Received(operator, from, id, ""), account.onERC721Received.selector);
        assertEq(account.onERC1155Received(operator, from, id, value, ""), account.onERC1155Received.selector);
        assertTrue(account.supportsInterface(0x4e2312e0), "ERC-1155 receiver");
    }

    // --- helpers ---

    function _account() internal returns (PasskeyAccount) {
        return PasskeyAccount(payable(factory.createAccount(qx, qy, 0)));
    }

    function _create2(bytes32 salt, bytes memory initCode) internal returns (address created) {
        (bool ok, bytes memory out) = DETERMINISTIC_DEPLOYER.call(abi.encodePacked(salt, initCode));
        assertTrue(ok, "deterministic deployer");
        created = address(bytes20(out));
    }

    function _publicKey(uint256 key) internal pure returns (bytes32, bytes32) {
        (uint256 x, uint256 y) = vm.publicKeyP256(key);
        return (bytes32(x), bytes32(y));
    }

    function _batch(uint256 a, uint256 b) internal view returns (bytes memory) {
        IERC7821Call[] memory calls = new IERC7821Call[](2);
        calls[0] = IERC7821Call(address(target), 0, abi.encodeCall(Target.add, (a)));
        calls[1] = IERC7821Call(address(target), 0, abi.encodeCall(Target.add, (b)));
        return abi.encode(calls);
    }

    function _userOp(address sender, bytes memory callData) internal view returns (PackedUserOperation memory op) {
        op.sender = sender;
        op.nonce = ENTRY_POINT.getNonce(sender, 0);
        op.callData = callData;
        op.accountGasLimits = bytes32((uint256(2_000_000) << 128) | 500_000);
        op.preVerificationGas = 100_000;
        op.gasFees = bytes32((uint256(1 gwei) << 128) | 1 gwei);
    }

    /// @dev A WebAuthn assertion as a browser builds it: clientDataJSON with the base64url challenge, signed over
    /// sha256(authenticatorData || sha256(clientDataJSON)), s normalised to the lower half as OpenZeppelin wants.
    function _assertion(uint256 key, bytes32 challenge, bytes memory authenticatorData)
        internal
        pure
        returns (bytes memory)
    {
        string memory clientDataJSON = string.concat(
            '{"type":"webauthn.get","challenge":"',
            Base64.encodeURL(abi.encodePacked(challenge)),
            '","origin":"http://localhost:5173","crossOrigin":false}'
        );
        bytes32 digest = sha256(abi.encodePacked(authenticatorData, sha256(bytes(clientDataJSON))));
        (bytes32 r, bytes32 s) = vm.signP256(key, digest);
        if (uint256(s) > P256_N / 2) s = bytes32(P256_N - uint256(s));
        return abi.encode(r, s, uint256(23), uint256(1), authenticatorData, clientDataJSON);
    }
}

struct IERC7821Call {
    address target;
    uint256 value;
    bytes data;
}
