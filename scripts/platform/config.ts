// Command-line flags and environment for `npm start`. Flags win over environment variables.
export interface PlatformConfig {
  host: string;
  fresh: boolean;
  /** Skip building and serving the site (chain, indexer and IPFS only). */
  noSite: boolean;
  ports: { anvil: number; graph: number; ipfs: number; site: number; bundler: number; paymaster: number };
  dataDir: string;
}

export const PORT_OPTIONS = {
  anvil: { flag: '--anvil-port', env: 'ANVIL_PORT', fallback: 8545, service: 'anvil (chain JSON-RPC)' },
  graph: { flag: '--graph-port', env: 'GRAPH_PORT', fallback: 8000, service: 'the graph node (GraphQL)' },
  ipfs: { flag: '--ipfs-port', env: 'IPFS_PORT', fallback: 8080, service: 'the IPFS gateway and API' },
  site: { flag: '--site-port', env: 'SITE_PORT', fallback: 4173, service: 'the site' },
  bundler: { flag: '--bundler-port', env: 'BUNDLER_PORT', fallback: 4337, service: 'the ERC-4337 bundler (Alto)' },
  paymaster: { flag: '--paymaster-port', env: 'PAYMASTER_PORT', fallback: 4338, service: 'the ERC-20 paymaster service' },
} as const;

export const USAGE = `usage: npm start -- [--fresh] [--no-site] [--anvil-port N] [--graph-port N] [--ipfs-port N] [--site-port N]
                 [--bundler-port N] [--paymaster-port N]
  --fresh        wipe .data/ (chain, index, IPFS blocks) and start over with new demo data
  --no-site      do not build or serve the site
  ports also from ANVIL_PORT, GRAPH_PORT, IPFS_PORT, SITE_PORT, BUNDLER_PORT, PAYMASTER_PORT; the data directory from CHAINMART_DATA_DIR;
  more origins allowed to upload to the IPFS API from IPFS_API_ORIGINS (comma-separated)`;

export function parseConfig(argv: string[], env: NodeJS.ProcessEnv, defaultDataDir: string): PlatformConfig {
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--fresh' || arg === '--no-site' || arg === '--help' || arg === '-h') switches.add(arg);
    else if (arg.startsWith('--') && arg.includes('=')) flags.set(arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    else if (Object.values(PORT_OPTIONS).some((o) => o.flag === arg)) {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      flags.set(arg, value);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (switches.has('--help') || switches.has('-h')) throw new Error(USAGE);
  const ports = {} as PlatformConfig['ports'];
  for (const [key, option] of Object.entries(PORT_OPTIONS) as [keyof typeof PORT_OPTIONS, (typeof PORT_OPTIONS)[keyof typeof PORT_OPTIONS]][]) {
    const raw = flags.get(option.flag) ?? env[option.env];
    flags.delete(option.flag);
    const port = raw === undefined ? option.fallback : Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`${option.flag} / ${option.env}: "${raw}" is not a port number (1-65535)`);
    }
    ports[key] = port;
  }
  if (flags.size) throw new Error(`unknown option ${[...flags.keys()][0]}\n${USAGE}`);
  return {
    host: '127.0.0.1',
    fresh: switches.has('--fresh'),
    noSite: switches.has('--no-site'),
    ports,
    dataDir: env.CHAINMART_DATA_DIR ?? defaultDataDir,
  };
}
