// The environment a local build of the site gets, so it talks to this machine's chain, graph node and IPFS
// node on whatever ports they run (a public build takes everything from deployments/ instead).
export function localSiteEnv(urls: { rpcUrl: string; subgraphUrl: string; ipfsUrl: string; bundlerUrl?: string; paymasterUrl?: string }): Record<string, string> {
  return {
    CHAINMART_NETWORK: 'local',
    PUBLIC_CHAINMART_NETWORK: 'local',
    PUBLIC_RPC_URL: urls.rpcUrl,
    PUBLIC_SUBGRAPH_URL: urls.subgraphUrl,
    PUBLIC_IPFS_GATEWAY: urls.ipfsUrl,
    PUBLIC_IPFS_API: urls.ipfsUrl,
    ...(urls.bundlerUrl ? { PUBLIC_BUNDLER_URL: urls.bundlerUrl } : {}),
    ...(urls.paymasterUrl ? { PUBLIC_PAYMASTER_URL: urls.paymasterUrl } : {}),
  };
}
