// The nonce of a smart account's user operations: EntryPoint v0.8 keeps one sequence per (account, 192-bit key).
// viem's default picks a new key per operation (Date.now()), so every operation opens a fresh storage slot: a
// zero-to-nonzero SSTORE, 22,100 gas where the next number of a sequence in use costs 5,000. We always use key
// 0, the "next sequential nonce" of ERC-4337's reference accounts (eth-infinitism BaseAccount.getNonce(), which
// Simple7702Account inherits): 17,100 gas less per operation after the first, the same replay protection. The
// price: one account's operations are ordered, so a second operation sent while the first is still pending
// gets the same nonce and the bundler refuses it (the site sends one operation at a time and waits for its
// receipt).
import type { Address, Client } from 'viem';
import { entryPoint08Abi, entryPoint08Address } from 'viem/account-abstraction';
import { readContract } from 'viem/actions';

/** The one nonce key our accounts use. */
export const SEQUENTIAL_NONCE_KEY = 0n;

/** The next nonce of `account` under key 0 (the key is its top 192 bits, so the nonce is the sequence number). */
export function sequentialNonce(client: Client, account: Address): Promise<bigint> {
  return readContract(client, {
    address: entryPoint08Address,
    abi: entryPoint08Abi,
    functionName: 'getNonce',
    args: [account, SEQUENTIAL_NONCE_KEY],
  });
}
