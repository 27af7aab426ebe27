// "Get test funds" on the local chain (anvil), loaded only when the button is pressed.
import { type Address, type PublicClient, encodeFunctionData, numberToHex, parseEther, parseUnits } from 'viem';
import { testUsdcAbi } from '../contracts/generated/abi.ts';

/** What "get test funds" gives on the local chain: enough to try a few purchases. */
export const TEST_FUNDS = { stable: parseUnits('100', 6), eth: parseEther('0.05') };
/** A passkey account pays every fee in the stablecoin through the paymaster: it is given no ETH at all. */
export const STABLE_ONLY_TEST_FUNDS = { stable: TEST_FUNDS.stable, eth: 0n };
/**
 * The local chain's faucet: an address with no key that anvil impersonates to mint (TestUsdc's mint is open to
 * anyone). The account itself never sends: its nonce stays 0, which a passkey account not yet deployed needs
 * (its factory's CREATE2 fails on an address with a nonce).
 */
export const LOCAL_FAUCET: Address = '0x000000000000000000000000000000000000fa0c';

/**
 * Local chain only: tops the account's ETH up with anvil_setBalance, then mints the test stablecoin to it from
 * the faucet through anvil's impersonation, so no wallet prompt appears (an extension wallet included).
 */
export async function getLocalTestFunds(client: PublicClient, token: Address, to: Address, amounts = TEST_FUNDS): Promise<void> {
  const request = client.request as (args: { method: string; params: unknown[] }) => Promise<unknown>;
  if (amounts.eth > 0n) {
    const eth = await client.getBalance({ address: to });
    await request({ method: 'anvil_setBalance', params: [to, numberToHex(eth + amounts.eth)] });
  }
  await request({ method: 'anvil_setBalance', params: [LOCAL_FAUCET, numberToHex(parseEther('1'))] });
  await request({ method: 'anvil_impersonateAccount', params: [LOCAL_FAUCET] });
  try {
    const data = encodeFunctionData({ abi: testUsdcAbi, functionName: 'mint', args: [to, amounts.stable] });
    const hash = (await request({ method: 'eth_sendTransaction', params: [{ from: LOCAL_FAUCET, to: token, data }] })) as `0x${string}`;
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`mint reverted in ${hash}`);
  } finally {
    await request({ method: 'anvil_stopImpersonatingAccount', params: [LOCAL_FAUCET] });
  }
}
