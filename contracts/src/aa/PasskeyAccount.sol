// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Account} from "@openzeppelin/contracts-5.7/account/Account.sol";
import {ERC7821} from "@openzeppelin/contracts-5.7/account/extensions/draft-ERC7821.sol";
import {ERC4337Utils} from "@openzeppelin/contracts-5.7/account/utils/ERC4337Utils.sol";
import {IEntryPoint} from "@openzeppelin/contracts-5.7/interfaces/IERC4337.sol";
import {Initializable} from "@openzeppelin/contracts-5.7/proxy/utils/Initializable.sol";
import {ERC1155Holder} from "@openzeppelin/contracts-5.7/token/ERC1155/utils/ERC1155Holder.sol";
import {ERC721Holder} from "@openzeppelin/contracts-5.7/token/ERC721/utils/ERC721Holder.sol";
import {SignerP256} from "@openzeppelin/contracts-5.7/utils/cryptography/signers/SignerP256.sol";
import {SignerWebAuthn} from "@openzeppelin/contracts-5.7/utils/cryptography/signers/SignerWebAuthn.sol";

/// @title PasskeyAccount
/// @notice An ERC-4337 v0.8 smart account owned by one passkey (WebAuthn, P-256): OpenZeppelin Contracts 5.7's
/// audited `Account`, `SignerWebAuthn` (the RIP-7212 precompile where the chain has it, as Base does, and
/// OpenZeppelin's Solidity P-256 verifier elsewhere) and `ERC7821` batch execution. It holds ERC-721 and
/// ERC-1155 tokens. Used through clones made by {PasskeyAccountFactory}, each initialised once with its key.
/// @dev The signature of a user operation is the flat ABI encoding of OpenZeppelin's `WebAuthn.WebAuthnAuth`
/// `(bytes32 r, bytes32 s, uint256 challengeIndex, uint256 typeIndex, bytes authenticatorData,
/// string clientDataJSON)` whose challenge is the user operation hash; user verification is required.
contract PasskeyAccount is Account, SignerWebAuthn, ERC7821, ERC721Holder, ERC1155Holder, Initializable {
    /// @notice The implementation's own key, a point nobody knows the private key of ("nothing up my sleeve"):
    /// x = sha256("ChainMart PasskeyAccount implementation: a point nobody holds the key of"), y the even root.
    /// Only clones, initialised with their owner's key, are usable.
    bytes32 public constant UNUSABLE_KEY_X = 0xeccb67e9fb59d6f1c77922fb9e49435551a549eced2e2f2d1d62b12c21ed4db1;
    /// @notice The y coordinate of {UNUSABLE_KEY_X}'s point.
    bytes32 public constant UNUSABLE_KEY_Y = 0x27454c7b267a69686119ee328de724a611117e956ae4263c01a90af3fcc511ae;

    /// @dev OpenZeppelin's SignerP256 wants a valid key at construction; the implementation gets the unusable one
    /// and can never be initialised.
    constructor() SignerP256(UNUSABLE_KEY_X, UNUSABLE_KEY_Y) {
        _disableInitializers();
    }

    /// @notice Binds a fresh clone to its passkey; callable once (the factory calls it in the same transaction
    /// as it creates the clone, so nobody can get in between).
    /// @param qx the x coordinate of the passkey's P-256 public key
    /// @param qy the y coordinate of the passkey's P-256 public key
    function initialize(bytes32 qx, bytes32 qy) external initializer {
        _setSigner(qx, qy);
    }

    /// @notice EntryPoint v0.8, the one the site's bundler and paymaster serve (OpenZeppelin 5.7 defaults to v0.9).
    /// @return the canonical EntryPoint v0.8
    function entryPoint() public pure override returns (IEntryPoint) {
        return ERC4337Utils.ENTRYPOINT_V08;
    }

    /// @dev The EntryPoint executes validated user operations; the account itself may batch (ERC-7821's default).
    function _erc7821AuthorizedExecutor(address caller, bytes32 mode, bytes calldata executionData)
        internal
        view
        override
        returns (bool)
    {
        return caller == address(entryPoint()) || super._erc7821AuthorizedExecutor(caller, mode, executionData);
    }
}
