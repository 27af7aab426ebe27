// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ITokenCollector} from "../../../src/interfaces/ITokenCollector.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice A buyer contract that refuses ETH (or burns all the gas it is given), to test the credit fallback.
contract RefusingReceiver {
    bool public burnGas;

    function setBurnGas(bool burnGas_) external {
        burnGas = burnGas_;
    }

    function call(address target, uint256 value, bytes calldata data) external returns (bytes memory) {
        (bool ok, bytes memory result) = target.call{value: value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
        return result;
    }

    receive() external payable {
        if (!burnGas) revert("no ETH");
        while (true) {}
    }
}

/// @notice A collector that delivers one unit less than asked: the escrow must refuse it.
contract ShortCollector is ITokenCollector {
    function collect(address payer, address token, uint256 amount, bytes calldata) external {
        // forge-lint: disable-next-line(erc20-unchecked-transfer)
        IERC20(token).transferFrom(payer, msg.sender, amount - 1);
    }
}
