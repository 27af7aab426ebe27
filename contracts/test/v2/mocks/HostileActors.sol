// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMartEscrow} from "../../../src/interfaces/IChainMartEscrow.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice A smart-wallet buyer that refuses ETH (every refund push in ETH fails and becomes a credit) and signs
/// with ERC-1271 through its owner's key (settlement approvals, ERC-3009 authorizations).
contract EthRejectingWallet {
    error EthRefused();

    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    receive() external payable {
        revert EthRefused();
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError error,) = ECDSA.tryRecover(hash, signature);
        return error == ECDSA.RecoverError.NoError && signer == owner ? this.isValidSignature.selector : bytes4(0);
    }
}

/// @notice A fee recipient that, when the escrow sends it ETH from `withdraw`, tries to re-enter `withdraw` for its
/// other credits. The escrow's guard must refuse the re-entry; `reentered` counts re-entries that got through.
contract ReentrantRecipient {
    IChainMartEscrow public escrow;
    address[] private _tokens;
    address private _sink;
    uint256 public attempts;
    uint256 public reentered;

    /// @notice The next ETH the escrow sends makes this contract withdraw `tokens` to `sink` from inside the call.
    function arm(IChainMartEscrow escrow_, address[] calldata tokens, address sink) external {
        escrow = escrow_;
        _tokens = tokens;
        _sink = sink;
    }

    receive() external payable {
        if (msg.sender != address(escrow) || _tokens.length == 0) return;
        address[] memory tokens = _tokens;
        delete _tokens;
        ++attempts;
        try escrow.withdraw(tokens, _sink) {
            ++reentered;
        } catch {}
    }
}

/// @notice A purchase gate that never reverts and never answers: it must admit nobody.
contract SilentGate {
    fallback() external {}
}
