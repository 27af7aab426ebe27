// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IChainMartCatalog} from "../interfaces/IChainMartCatalog.sol";
import {IEasGate} from "../interfaces/IEasGate.sol";
import {IPurchaseGate} from "../interfaces/IPurchaseGate.sol";
import {Attestation} from "@ethereum-attestation-service/eas-contracts/contracts/Common.sol";
import {IEAS} from "@ethereum-attestation-service/eas-contracts/contracts/IEAS.sol";

/// @title EasGate
/// @notice See {IEasGate}. No owner.
contract EasGate is IEasGate {
    /// @notice Most attesters one requirement may accept.
    uint256 public constant MAX_ATTESTERS = 8;

    /// @notice The catalog whose listings this gate serves.
    IChainMartCatalog public immutable catalog;
    /// @notice The attestation service read at checkout.
    IEAS public immutable eas;

    struct Requirement {
        bytes32 schema;
        bytes32 dataHash;
        address[] attesters;
    }

    mapping(uint64 listingId => Requirement) private _requirements;

    /// @param catalog_ the catalog
    /// @param eas_ the chain's EAS contract
    constructor(IChainMartCatalog catalog_, IEAS eas_) {
        catalog = catalog_;
        eas = eas_;
    }

    /// @inheritdoc IEasGate
    function setRequirement(uint64 listingId, bytes32 schema, bytes32 dataHash, address[] calldata attesters) external {
        (address merchant,,,,,,) = catalog.listingOf(listingId);
        if (merchant != msg.sender) revert NotListingMerchant(listingId, msg.sender);
        uint256 count = attesters.length;
        bool clearing = schema == bytes32(0) && dataHash == bytes32(0) && count == 0;
        if (!clearing && (schema == bytes32(0) || dataHash == bytes32(0) || count == 0 || count > MAX_ATTESTERS)) {
            revert RequirementInvalid(listingId, schema, count);
        }
        for (uint256 i; i < count; ++i) {
            if (attesters[i] == address(0)) revert RequirementInvalid(listingId, schema, count);
            for (uint256 j; j < i; ++j) {
                if (attesters[j] == attesters[i]) revert RequirementInvalid(listingId, schema, count);
            }
        }
        _requirements[listingId] = Requirement({schema: schema, dataHash: dataHash, attesters: attesters});
        emit RequirementSet(listingId, schema, dataHash, attesters);
    }

    /// @inheritdoc IPurchaseGate
    function checkPurchase(address buyer, uint64 listingId, uint32, bytes calldata proof)
        external
        view
        returns (bytes4)
    {
        Requirement storage requirement = _requirements[listingId];
        bytes32 schema = requirement.schema;
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
        bytes32 dataHash = keccak256(attestation.data);
        if (dataHash != requirement.dataHash) revert AttestationDataMismatch(uid, dataHash);
        address[] storage accepted = requirement.attesters;
        uint256 count = accepted.length;
        for (uint256 i; i < count; ++i) {
            if (accepted[i] == attestation.attester) return IPurchaseGate.checkPurchase.selector;
        }
        revert AttesterNotTrusted(uid, attestation.attester);
    }

    /// @inheritdoc IEasGate
    function requirementOf(uint64 listingId)
        external
        view
        returns (bytes32 schema, bytes32 dataHash, address[] memory attesters)
    {
        Requirement storage requirement = _requirements[listingId];
        return (requirement.schema, requirement.dataHash, requirement.attesters);
    }
}
