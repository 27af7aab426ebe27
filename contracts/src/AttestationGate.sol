// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAttestationGate} from "./interfaces/IAttestationGate.sol";
import {IChainMart} from "./interfaces/IChainMart.sol";
import {IListingGate} from "./interfaces/IListingGate.sol";
import {Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/Common.sol";
import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";

/// @title AttestationGate
/// @notice See {IAttestationGate}. No owner.
contract AttestationGate is IAttestationGate {
    /// @notice Most attesters one requirement may accept.
    uint256 public constant MAX_ATTESTERS = 8;

    /// @notice The market whose listings this gate serves.
    IChainMart public immutable market;
    /// @notice The attestation service read at checkout.
    IEAS public immutable eas;

    mapping(uint64 listingId => bytes32) private _schemas;
    mapping(uint64 listingId => address[]) private _attesters;

    /// @param market_ the market
    /// @param eas_ the chain's EAS contract
    constructor(IChainMart market_, IEAS eas_) {
        market = market_;
        eas = eas_;
    }

    /// @inheritdoc IAttestationGate
    function setRequirement(uint64 listingId, bytes32 schema, address[] calldata attesters) external {
        (address merchant,,,,,,) = market.listingOf(listingId);
        if (merchant != msg.sender) revert NotListingMerchant(listingId, msg.sender);
        uint256 count = attesters.length;
        if ((schema != bytes32(0)) != (count != 0) || count > MAX_ATTESTERS) {
            revert RequirementInvalid(listingId, schema, count);
        }
        for (uint256 i; i < count; ++i) {
            if (attesters[i] == address(0)) revert RequirementInvalid(listingId, schema, count);
            for (uint256 j; j < i; ++j) {
                if (attesters[j] == attesters[i]) revert RequirementInvalid(listingId, schema, count);
            }
        }
        _schemas[listingId] = schema;
        _attesters[listingId] = attesters;
        emit RequirementSet(listingId, schema, attesters);
    }

    /// @inheritdoc IListingGate
    function checkPurchase(address buyer, uint64 listingId, bytes calldata proof) external view {
        bytes32 schema = _schemas[listingId];
        if (schema == bytes32(0)) revert RequirementMissing(listingId);
        if (proof.length != 32) revert ProofMalformed(proof.length);
        bytes32 uid = bytes32(proof);
        Attestation memory attestation = eas.getAttestation(uid);
        if (attestation.uid == bytes32(0)) revert AttestationNotFound(uid);
        if (attestation.schema != schema) revert AttestationSchemaMismatch(uid, attestation.schema);
        if (attestation.recipient != buyer) revert AttestationRecipientMismatch(uid, attestation.recipient);
        if (attestation.revocationTime != 0) revert AttestationRevoked(uid, attestation.revocationTime);
        if (attestation.expirationTime != 0 && attestation.expirationTime <= block.timestamp) {
            revert AttestationExpired(uid, attestation.expirationTime);
        }
        address[] storage accepted = _attesters[listingId];
        uint256 count = accepted.length;
        for (uint256 i; i < count; ++i) {
            if (accepted[i] == attestation.attester) return;
        }
        revert AttesterNotTrusted(uid, attestation.attester);
    }

    /// @inheritdoc IAttestationGate
    function requirementOf(uint64 listingId) external view returns (bytes32 schema, address[] memory attesters) {
        return (_schemas[listingId], _attesters[listingId]);
    }
}
