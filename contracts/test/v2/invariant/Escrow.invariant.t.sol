// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ChainMartEscrow} from "../../../src/ChainMartEscrow.sol";
import {ChainMartPoints} from "../../../src/ChainMartPoints.sol";
import {IChainMartCatalog} from "../../../src/interfaces/IChainMartCatalog.sol";
import {Status} from "../../../src/types/Order.sol";
import {OrderState} from "../../../src/types/OrderTerms.sol";
import {EscrowHandler} from "./EscrowHandler.sol";
import {Test} from "forge-std/Test.sol";

/// @notice Exact books of the v2 escrow under random sequences of valid actions (carts of 1-5 lines across three
/// merchants, four buyers including an ETH-refusing wallet, ETH, the settlement TestUsdc, a second ERC-20 and a
/// USDT-style blocklisting token, points, disputes, fee changes, time) plus attacks that must all revert.
/// @dev One campaign: forge gives every `invariant_*` function its own campaign, so one function checks after every
/// call what that call could have changed plus the global books, and `afterInvariant` audits everything after each
/// run; each property has its own message. The handler only makes valid calls, so any revert is a failure.
/// forge-config: default.invariant.runs = 256
/// forge-config: default.invariant.depth = 100
/// forge-config: default.invariant.fail-on-revert = true
contract EscrowInvariantTest is Test {
    uint8 internal constant TOKENS = 4;
    uint8 internal constant USDC = 1;

    EscrowHandler internal handler;
    ChainMartEscrow internal escrow;
    IChainMartCatalog internal catalog;
    ChainMartPoints internal points;
    address[] internal accounts;
    address[TOKENS] internal tokens;

    function setUp() public {
        handler = new EscrowHandler();
        escrow = handler.escrow();
        catalog = handler.catalog();
        points = handler.points();
        accounts = handler.accounts();
        for (uint256 t; t < TOKENS; ++t) {
            tokens[t] = handler.tokens(t);
        }

        bytes4[] memory selectors = new bytes4[](24);
        selectors[0] = EscrowHandler.checkout.selector;
        selectors[1] = EscrowHandler.ship.selector;
        selectors[2] = EscrowHandler.shipBatch.selector;
        selectors[3] = EscrowHandler.confirmReceipt.selector;
        selectors[4] = EscrowHandler.completeAfterTimeout.selector;
        selectors[5] = EscrowHandler.completeBatch.selector;
        selectors[6] = EscrowHandler.refund.selector;
        selectors[7] = EscrowHandler.cancelUnshipped.selector;
        selectors[8] = EscrowHandler.openDispute.selector;
        selectors[9] = EscrowHandler.rule.selector;
        selectors[10] = EscrowHandler.offerSettlement.selector;
        selectors[11] = EscrowHandler.settle.selector;
        selectors[12] = EscrowHandler.resolveAfterArbiterTimeout.selector;
        selectors[13] = EscrowHandler.review.selector;
        selectors[14] = EscrowHandler.withdraw.selector;
        selectors[15] = EscrowHandler.announceFee.selector;
        selectors[16] = EscrowHandler.setFeeRecipient.selector;
        selectors[17] = EscrowHandler.warp.selector;
        selectors[18] = EscrowHandler.setBlocked.selector;
        selectors[19] = EscrowHandler.restock.selector;
        selectors[20] = EscrowHandler.updateListing.selector;
        selectors[21] = EscrowHandler.updateMerchant.selector;
        selectors[22] = EscrowHandler.attackCheckout.selector;
        selectors[23] = EscrowHandler.attackSettlement.selector;
        bytes4[] memory all = new bytes4[](26);
        for (uint256 i; i < selectors.length; ++i) {
            all[i] = selectors[i];
        }
        all[24] = EscrowHandler.attackOrder.selector;
        // Checkout twice as often: most actions need orders.
        all[25] = EscrowHandler.checkout.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: all}));
        targetContract(address(handler));
    }

    /// @dev After every call: no attack got through, the orders the call touched match the model exactly, and
    /// the books balance per token against the model's running sums.
    function invariant_escrowKeepsExactBooks() public view {
        _assertNoBreach();
        uint256[] memory touched = handler.touchedOrders();
        for (uint256 i; i < touched.length; ++i) {
            _auditOrder(touched[i]);
        }
        for (uint8 t; t < TOKENS; ++t) {
            uint256 reserve = t == USDC ? escrow.pointsReserve() : 0;
            assertEq(
                handler.balanceOf(t, address(escrow)),
                handler.openValue(tokens[t]) + handler.creditTotal(tokens[t]) + reserve,
                "held != open orders + credits (+ points reserve) of the model"
            );
        }
        _assertInflowEqualsHeldPlusOutflow();
        _assertPoints();
        assertEq(escrow.orderCount(), handler.ordersPlaced(), "order count != sum of cart lines");
    }

    /// @dev After every run, everything: each order against the model, the books from the escrow's own state
    /// (value of open orders read back + every credit + reserve), every credit, the wallets, and the stock.
    function afterInvariant() public view {
        uint256[TOKENS] memory open;
        uint256 count = handler.ordersPlaced();
        for (uint256 id = 1; id <= count; ++id) {
            (uint256 t, uint256 remaining) = _auditOrder(id);
            open[t] += remaining;
        }
        uint256[TOKENS] memory credits = _assertCredits();
        for (uint8 t; t < TOKENS; ++t) {
            uint256 reserve = t == USDC ? escrow.pointsReserve() : 0;
            assertEq(handler.balanceOf(t, address(escrow)), open[t] + credits[t] + reserve, "held != open + credits");
            assertEq(open[t], handler.openValue(tokens[t]), "open value != model");
            assertEq(credits[t], handler.creditTotal(tokens[t]), "credits != model");
        }
        _assertWallets();
        _assertStock();
    }

    /// @dev Every attack reverted and every order was placed with the model's terms (fee snapshot, reward, windows).
    function _assertNoBreach() internal view {
        assertEq(handler.breaches(), 0, handler.firstBreach());
        assertEq(handler.reentrantRecipient().reentered(), 0, "withdraw was re-entered");
    }

    /// @dev The order's stored state equals the model's; a final status never changes; the order paid out exactly
    /// what the model says, per party, as announced in events. Returns its token index and remaining value.
    function _auditOrder(uint256 id) internal view returns (uint256 t, uint256 remaining) {
        (
            EscrowHandler.OrderModel memory model,
            EscrowHandler.Payout memory expected,
            EscrowHandler.Payout memory actual
        ) = handler.orderAudit(id);
        OrderState memory state = escrow.stateOf(id, model.terms);
        assertEq(uint8(state.status), uint8(model.status), "order status != model");
        assertEq(state.remaining, model.remaining, "order remaining != model");
        assertEq(state.shippedAt, model.shippedAt, "order shippedAt != model");
        assertEq(state.disputedAt, model.disputedAt, "order disputedAt != model");
        assertEq(state.flags, (model.reviewed ? 1 : 0) | (model.replied ? 2 : 0), "order review flags != model");
        Status finalStatus = handler.finalStatusOf(id);
        if (finalStatus != Status.None) {
            assertEq(uint8(state.status), uint8(finalStatus), "an order left its final status");
            assertEq(state.remaining, 0, "a final order still holds value");
        }
        assertEq(actual.merchant, expected.merchant, "order's merchant payout != model");
        assertEq(actual.fee, expected.fee, "order's fee != model");
        assertEq(actual.buyerCash, expected.buyerCash, "order's cash back to the buyer != model");
        assertEq(actual.buyerCredited, expected.buyerCredited, "order's buyer credit (failed push) != model");
        assertEq(actual.points, expected.points, "order's points to the buyer != model");
        return (_tokenIndex(model.terms.token), state.remaining);
    }

    /// @dev Every account's credit in every token equals the model's. Returns the sum of credits per token.
    function _assertCredits() internal view returns (uint256[TOKENS] memory credits) {
        for (uint256 t; t < TOKENS; ++t) {
            uint256[] memory expected = handler.expectedCredits(tokens[t]);
            for (uint256 i; i < accounts.length; ++i) {
                uint256 credit = escrow.creditOf(accounts[i], tokens[t]);
                assertEq(credit, expected[i], "credit != model");
                credits[t] += credit;
            }
        }
    }

    /// @dev Per token: everything that came in == what is held + everything withdrawn or pushed out.
    function _assertInflowEqualsHeldPlusOutflow() internal view {
        for (uint8 t; t < TOKENS; ++t) {
            address token = tokens[t];
            assertEq(
                handler.inflow(token),
                handler.balanceOf(t, address(escrow)) + handler.withdrawn(token) + handler.pushed(token),
                "inflow != held + withdrawn + pushed"
            );
        }
    }

    function _assertPoints() internal view {
        assertEq(escrow.pointsReserve(), points.totalSupply(), "points reserve != points supply");
        assertEq(escrow.pointsReserve(), handler.expectedReserve(), "points reserve != model");
        for (uint256 b; b < 4; ++b) {
            address buyer = handler.buyers(b);
            assertEq(points.balanceOf(buyer), handler.expectedPoints(buyer), "buyer's points != model");
        }
    }

    /// @dev The buyers' wallets and the sink that receives withdrawals hold what the model says.
    function _assertWallets() internal view {
        address sink = handler.sink();
        for (uint8 t; t < TOKENS; ++t) {
            for (uint256 b; b < 4; ++b) {
                address buyer = handler.buyers(b);
                assertEq(handler.balanceOf(t, buyer), handler.expectedWallet(buyer, tokens[t]), "buyer wallet != model");
            }
            assertEq(
                handler.balanceOf(t, sink), handler.expectedWallet(sink, tokens[t]), "withdrawals received != model"
            );
        }
    }

    /// @dev Per listing: initial + restocked + returned (model) - taken == the catalog's stock.
    function _assertStock() internal view {
        uint256 count = handler.listingCount();
        for (uint256 i; i < count; ++i) {
            EscrowHandler.ListingModel memory listing = handler.listingModel(i);
            (,,, uint32 stock,,,) = catalog.listingOf(listing.id);
            assertEq(
                listing.initial + listing.restocked + listing.returned - listing.taken,
                stock,
                "initial + restocked + returned - taken != stock"
            );
        }
    }

    function _tokenIndex(address token) internal view returns (uint256) {
        for (uint256 t; t < TOKENS; ++t) {
            if (tokens[t] == token) return t;
        }
        revert("unknown token");
    }
}
