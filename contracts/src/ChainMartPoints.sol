// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMartPoints} from "./interfaces/IChainMartPoints.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title ChainMartPoints
/// @notice Deployed by the market in its constructor; no owner, no admin.
contract ChainMartPoints is IChainMartPoints, ERC20Permit {
    /// @inheritdoc IChainMartPoints
    address public immutable market;

    uint8 private immutable _decimals;

    /// @param decimals_ the settlement token's decimals (one point = one smallest unit of it)
    constructor(uint8 decimals_) ERC20("ChainMart Points", "CMP") ERC20Permit("ChainMart Points") {
        market = msg.sender;
        _decimals = decimals_;
    }

    modifier onlyMarket() {
        if (msg.sender != market) revert CallerNotMarket(msg.sender);
        _;
    }

    /// @inheritdoc IChainMartPoints
    function mint(address to, uint256 amount) external onlyMarket {
        _mint(to, amount);
    }

    /// @inheritdoc IChainMartPoints
    function burn(address from, uint256 amount) external onlyMarket {
        _burn(from, amount);
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}
