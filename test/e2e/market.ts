// Test data made from Node, as a merchant would: documents added to the local IPFS node, merchants registered
// and listings created with anvil's development keys through viem.
import { type Hex, decodeEventLog, zeroAddress } from 'viem';
import { chainMartAbi } from '../../web/lib/contracts/generated/abi.ts';
import { type Platform, clients, platform } from './platform.ts';

export async function ipfsAdd(content: string | Uint8Array, p: Platform = platform()): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content)]), 'file');
  const response = await fetch(`${p.ipfs}/api/v0/add?cid-version=1`, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`IPFS add failed: ${response.status} ${await response.text()}`);
  return (JSON.parse((await response.text()).trim().split('\n').at(-1)!) as { Hash: string }).Hash;
}

export async function registerMerchant(key: Hex, metadataURI: string, arbiter: Hex, p: Platform = platform()): Promise<void> {
  const { public: client, wallet } = clients(p);
  const hash = await wallet(key).writeContract({
    address: p.deployment.contracts.ChainMart.address,
    abi: chainMartAbi,
    functionName: 'registerMerchant',
    args: [{ metadataURI, encryptionKey: `0x${'11'.repeat(32)}`, arbiter, rewardBps: 100, autoReleaseWindow: 7 * 86400 }],
  });
  await client.waitForTransactionReceipt({ hash });
}

export async function createListing(
  key: Hex,
  params: { title: string; category: string; metadataURI: string; price?: bigint; stock?: number; token?: Hex },
  p: Platform = platform(),
): Promise<bigint> {
  const { public: client, wallet } = clients(p);
  const hash = await wallet(key).writeContract({
    address: p.deployment.contracts.ChainMart.address,
    abi: chainMartAbi,
    functionName: 'createListing',
    args: [
      {
        token: params.token ?? zeroAddress,
        price: params.price ?? 10n ** 15n,
        stock: params.stock ?? 10,
        maxPerOrder: 5,
        shipWithin: 3 * 86400,
        title: params.title,
        category: params.category,
        metadataURI: params.metadataURI,
      },
    ],
  });
  const receipt = await client.waitForTransactionReceipt({ hash });
  for (const log of receipt.logs) {
    try {
      const event = decodeEventLog({ abi: chainMartAbi, ...log });
      if (event.eventName === 'ListingCreated') return (event.args as { listingId: bigint }).listingId;
    } catch {
      // another contract's log
    }
  }
  throw new Error('no ListingCreated event');
}

/** Waits until the graph node has indexed the chain's latest block. */
export async function waitForIndexer(p: Platform = platform()): Promise<void> {
  const target = await clients(p).public.getBlockNumber();
  for (let i = 0; i < 100; i++) {
    const response = await fetch(p.subgraph, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _meta { block { number } } }' }),
    });
    const body = (await response.json()) as { data?: { _meta: { block: { number: number } } } };
    if ((body.data?._meta.block.number ?? 0) >= Number(target)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the indexer did not reach block ${target}`);
}
