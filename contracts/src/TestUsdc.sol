// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC3009} from "./interfaces/IERC3009.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";

/// @title TestUsdc
/// @notice A test stablecoin that behaves like USDC on Base (FiatToken v2.2) where ChainMart relies on it:
/// 6 decimals, EIP-2612 permit, ERC-3009 transfer/receive/cancel authorizations with ECDSA or ERC-1271
/// signatures, and a blocklist (blocked accounts can neither send nor receive). Minting is open: it has no value.
/// For local chains and testnets only.
contract TestUsdc is ERC20Permit, IERC3009 {
    /// @notice EIP-3009 type of a transfer anyone may submit.
    bytes32 public constant TRANSFER_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        abi.encodePacked(
            "TransferWithAuthorization(address from,address to,uint256 value,",
            "uint256 validAfter,uint256 validBefore,bytes32 nonce)"
        )
    );
    /// @notice EIP-3009 type of a transfer only the payee may submit.
    bytes32 public constant RECEIVE_WITH_AUTHORIZATION_TYPEHASH = keccak256(
        abi.encodePacked(
            "ReceiveWithAuthorization(address from,address to,uint256 value,",
            "uint256 validAfter,uint256 validBefore,bytes32 nonce)"
        )
    );
    /// @notice EIP-3009 type of a cancellation.
    bytes32 public constant CANCEL_AUTHORIZATION_TYPEHASH =
        keccak256("CancelAuthorization(address authorizer,bytes32 nonce)");

    /// @notice May add and remove accounts from the blocklist (the deployer, as Circle's blocklister).
    address public immutable blocklister;

    /// @notice Whether an authorization nonce of an authorizer was used or cancelled.
    mapping(address authorizer => mapping(bytes32 nonce => bool)) public authorizationState;
    /// @notice Whether an account is blocked.
    mapping(address account => bool) public isBlocklisted;

    /// @notice The account is blocked.
    error AccountBlocklisted(address account);
    /// @notice The caller is not the blocklister.
    error CallerNotBlocklister(address caller);
    /// @notice The authorization is not valid yet or any more.
    error AuthorizationNotInTime(uint256 validAfter, uint256 validBefore);
    /// @notice The authorization nonce was used or cancelled.
    error AuthorizationUsed(address authorizer, bytes32 nonce);
    /// @notice The signature is not the authorizer's.
    error AuthorizationSignatureInvalid(address authorizer);
    /// @notice `receiveWithAuthorization` submitted by someone other than the payee.
    error CallerNotPayee(address caller, address payee);

    /// @notice An authorization was used.
    /// @param authorizer the payer
    /// @param nonce its nonce
    event AuthorizationUsedEvent(address indexed authorizer, bytes32 indexed nonce);
    /// @notice An authorization was cancelled.
    /// @param authorizer the payer
    /// @param nonce its nonce
    event AuthorizationCanceled(address indexed authorizer, bytes32 indexed nonce);
    /// @notice An account was blocked or unblocked.
    /// @param account the account
    /// @param blocked whether it is now blocked
    event BlocklistSet(address indexed account, bool blocked);

    constructor() ERC20("Test USD", "tUSD") ERC20Permit("Test USD") {
        blocklister = msg.sender;
    }

    /// @notice Anyone may mint: this token has no value.
    /// @param to recipient
    /// @param amount amount in 6-decimal units
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Block or unblock an account (blocklister only).
    /// @param account the account
    /// @param blocked whether to block it
    function setBlocklisted(address account, bool blocked) external {
        if (msg.sender != blocklister) revert CallerNotBlocklister(msg.sender);
        isBlocklisted[account] = blocked;
        emit BlocklistSet(account, blocked);
    }

    /// @notice Transfer with a signed authorization anyone may submit.
    /// @param from payer
    /// @param to payee
    /// @param value amount
    /// @param validAfter valid after this time
    /// @param validBefore valid before this time
    /// @param nonce unique nonce
    /// @param signature the payer's signature
    function transferWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external {
        _useAuthorization(
            TRANSFER_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, signature
        );
        _transfer(from, to, value);
    }

    /// @inheritdoc IERC3009
    function receiveWithAuthorization(
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) external {
        if (msg.sender != to) revert CallerNotPayee(msg.sender, to);
        _useAuthorization(
            RECEIVE_WITH_AUTHORIZATION_TYPEHASH, from, to, value, validAfter, validBefore, nonce, signature
        );
        _transfer(from, to, value);
    }

    /// @notice Cancel an unused authorization.
    /// @param authorizer the payer
    /// @param nonce its nonce
    /// @param signature the payer's signature
    function cancelAuthorization(address authorizer, bytes32 nonce, bytes calldata signature) external {
        if (authorizationState[authorizer][nonce]) revert AuthorizationUsed(authorizer, nonce);
        bytes32 digest = _hashTypedDataV4(keccak256(abi.encode(CANCEL_AUTHORIZATION_TYPEHASH, authorizer, nonce)));
        if (!SignatureChecker.isValidSignatureNow(authorizer, digest, signature)) {
            revert AuthorizationSignatureInvalid(authorizer);
        }
        authorizationState[authorizer][nonce] = true;
        emit AuthorizationCanceled(authorizer, nonce);
    }

    /// @inheritdoc ERC20
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    function _useAuthorization(
        bytes32 typehash,
        address from,
        address to,
        uint256 value,
        uint256 validAfter,
        uint256 validBefore,
        bytes32 nonce,
        bytes calldata signature
    ) private {
        if (block.timestamp <= validAfter || block.timestamp >= validBefore) {
            revert AuthorizationNotInTime(validAfter, validBefore);
        }
        if (authorizationState[from][nonce]) revert AuthorizationUsed(from, nonce);
        bytes32 digest =
            _hashTypedDataV4(keccak256(abi.encode(typehash, from, to, value, validAfter, validBefore, nonce)));
        if (!SignatureChecker.isValidSignatureNow(from, digest, signature)) revert AuthorizationSignatureInvalid(from);
        authorizationState[from][nonce] = true;
        emit AuthorizationUsedEvent(from, nonce);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (isBlocklisted[from]) revert AccountBlocklisted(from);
        if (isBlocklisted[to]) revert AccountBlocklisted(to);
        super._update(from, to, value);
    }
}
