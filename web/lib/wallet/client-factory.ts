// Wallet clients, loaded only once a wallet connects: viem's wallet actions stay out of the first page load.
import { type Address, type Chain, type EIP1193Provider, type LocalAccount, type WalletClient, createWalletClient, custom, http } from 'viem';

export function injectedWalletClient(address: Address, chain: Chain, provider: EIP1193Provider): WalletClient {
  return createWalletClient({ account: address, chain, transport: custom(provider) });
}

export function localWalletClient(account: LocalAccount, chain: Chain, rpcUrl: string): WalletClient {
  return createWalletClient({ account, chain, transport: http(rpcUrl) });
}
