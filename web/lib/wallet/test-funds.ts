// "Get test funds" on the local chain (anvil), loaded only when the button is pressed.
import { type Address, type PublicClient, encodeFunctionData, numberToHex, parseEther, parseUnits } from 'viem';
import { testUsdcAbi } from '../contracts/generated/abi.ts';

/** What "get test funds" gives on the local chain: enough to try a few purchases. */
export const TEST_FUNDS = { stable: parseUnits('100', 6), eth: parseEther('0.05') };

/**
 * Local chain only: tops the account's ETH up with anvil_setBalance, then mints the test stablecoin from the
 * account itself through anvil's impersonation, so no wallet prompt appears (an extension wallet included).
 */
export async function getLocalTestFunds(client: PublicClient, token: Address, to: Address, amounts = TEST_FUNDS): Promise<void> {
  const eth = await client.getBalance({ address: to });
  const request = client.request as (args: { method: string; params: unknown[] }) => Promise<unknown>;
  await request({ method: 'anvil_setBalance', params: [to, numberToHex(eth + amounts.eth)] });
  await request({ method: 'anvil_impersonateAccount', params: [to] });
  try {
    const data = encodeFunctionData({ abi: testUsdcAbi, functionName: 'mint', args: [to, amounts.stable] });
    const hash = (await request({ method: 'eth_sendTransaction', params: [{ from: to, to: token, data }] })) as `0x${string}`;
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`mint reverted in ${hash}`);
    // The mint's gas came out of the top-up: set it again so the account ends with exactly what was promised.
    await request({ method: 'anvil_setBalance', params: [to, numberToHex(eth + amounts.eth)] });
  } finally {
    await request({ method: 'anvil_stopImpersonatingAccount', params: [to] });
  }
}
