import { Address } from '@graphprotocol/graph-ts';
import { Transfer } from '../generated/ChainMartPoints/ChainMartPoints';
import { PointsTransfer } from '../generated/schema';
import { eventId, getAccount, getPlatform } from './common/helpers';

export function handleTransfer(event: Transfer): void {
  const p = event.params;
  const transfer = new PointsTransfer(eventId(event));
  transfer.from = p.from;
  transfer.to = p.to;
  transfer.amount = p.value;
  transfer.timestamp = event.block.timestamp;
  transfer.blockNumber = event.block.number;
  transfer.transactionHash = event.transaction.hash;
  transfer.save();

  const platform = getPlatform();
  if (p.from.equals(Address.zero())) {
    platform.pointsSupply = platform.pointsSupply.plus(p.value);
  } else {
    const sender = getAccount(p.from);
    sender.pointsBalance = sender.pointsBalance.minus(p.value);
    sender.save();
  }
  if (p.to.equals(Address.zero())) {
    platform.pointsSupply = platform.pointsSupply.minus(p.value);
  } else {
    const recipient = getAccount(p.to);
    recipient.pointsBalance = recipient.pointsBalance.plus(p.value);
    recipient.save();
  }
  platform.save();
}
