// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Keeps 1% of every transfer.
contract FeeOnTransferToken is ERC20("Fee token", "FEE") {
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = value / 100;
        super._update(from, address(0xdead), fee);
        super._update(from, to, value - fee);
    }
}

/// @notice Returns false instead of moving tokens once `failing` is set.
contract ReturnsFalseToken is ERC20("False token", "FALSE") {
    bool public failing;

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFailing(bool failing_) external {
        failing = failing_;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        return failing ? false : super.transfer(to, value);
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        return failing ? false : super.transferFrom(from, to, value);
    }
}

/// @notice Calls back into a target on every transfer (as an ERC-777 hook would), with calldata set by the test.
contract ReentrantToken is ERC20("Hook token", "HOOK") {
    address public target;
    bytes public payload;
    bool public lastCallSucceeded;
    bytes public lastRevert;

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (target != address(0) && from != address(0)) {
            address callee = target;
            target = address(0);
            (lastCallSucceeded, lastRevert) = callee.call(payload);
        }
    }
}

/// @notice Refuses transfers to blocked accounts, like USDC's blocklist.
contract BlocklistToken is ERC20("Blocklist token", "BLOCK") {
    error Blocked(address account);

    mapping(address account => bool) public blocked;

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blocked[to] || blocked[from]) revert Blocked(blocked[to] ? to : from);
        super._update(from, to, value);
    }
}
