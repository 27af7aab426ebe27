// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ChainMart Points: cross-brand loyalty points, one point backed by one unit of the settlement stablecoin
/// @notice Earned at any merchant, spendable at any merchant, freely transferable. Only the market mints
/// (when it moves the same value into its reserve) and burns (when a buyer spends points at checkout).
interface IChainMartPoints is IERC20 {
    /// @notice The caller is not the market.
    error CallerNotMarket(address caller);

    /// @notice The market that may mint and burn.
    /// @return the market's address
    function market() external view returns (address);

    /// @notice Mint points; the market has moved the same value into its reserve.
    /// @param to recipient
    /// @param amount points
    function mint(address to, uint256 amount) external;

    /// @notice Burn points a buyer spends at checkout (the buyer is the market's caller).
    /// @param from the buyer
    /// @param amount points
    function burn(address from, uint256 amount) external;
}
