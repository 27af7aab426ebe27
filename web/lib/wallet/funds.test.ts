import { describe, expect, it } from 'vitest';
import { parseEther, parseUnits } from 'viem';
import { CHECKOUT_GAS, formatBalance, fundsLinks, hasOpenMint, missingFunds, networkKind } from './funds.ts';

const tusd = { symbol: 'tUSD', decimals: 6 };
const usdc = { symbol: 'USDC', decimals: 6 };

describe('network kinds and the ways to get funds', () => {
  it('tells the local chain, testnets and mainnet apart (an unknown chain is treated as mainnet)', () => {
    expect(networkKind({ chainId: 31337 })).toBe('local');
    expect(networkKind({ chainId: 84532 })).toBe('testnet');
    expect(networkKind({ chainId: 8453 })).toBe('mainnet');
    expect(networkKind({ chainId: 999_999 })).toBe('mainnet');
  });

  it('offers minting only where the test stablecoin is the settlement token, faucets on testnets, exchanges on mainnet', () => {
    expect(hasOpenMint({ chainId: 31337, settlementToken: tusd })).toBe(true);
    expect(hasOpenMint({ chainId: 84532, settlementToken: usdc })).toBe(false);
    expect(hasOpenMint({ chainId: 8453, settlementToken: tusd })).toBe(false);
    expect(fundsLinks({ chainId: 31337, settlementToken: tusd })).toEqual([]);
    expect(fundsLinks({ chainId: 84532, settlementToken: tusd }).map((l) => l.id)).toEqual(['base-sepolia-eth']);
    expect(fundsLinks({ chainId: 84532, settlementToken: usdc }).map((l) => l.id)).toEqual(['base-sepolia-eth', 'circle-usdc']);
    const mainnet = fundsLinks({ chainId: 8453, settlementToken: usdc });
    expect(mainnet.map((l) => l.id)).toEqual(['coinbase', 'okx', 'binance']);
    expect(mainnet.every((l) => l.url.startsWith('https://'))).toBe(true);
  });
});

describe('missing funds before a checkout', () => {
  const gasPrice = 1_000_000_000n;
  const gas = CHECKOUT_GAS * gasPrice;

  it('names the stablecoin shortfall and the missing gas separately', () => {
    const balances = { cash: parseUnits('100', 6), eth: 0n, gasPrice };
    expect(missingFunds({ cash: parseUnits('12.5', 6), payInEth: false, balances })).toEqual([{ kind: 'gas', needed: gas }]);
    expect(missingFunds({ cash: parseUnits('112.5', 6), payInEth: false, balances })).toEqual([
      { kind: 'stable', short: parseUnits('12.5', 6) },
      { kind: 'gas', needed: gas },
    ]);
    expect(missingFunds({ cash: parseUnits('100', 6), payInEth: false, balances: { ...balances, eth: gas } })).toEqual([]);
  });

  it('counts price and gas against the same balance for an ETH listing', () => {
    const balances = { cash: parseEther('1'), eth: parseEther('1'), gasPrice };
    expect(missingFunds({ cash: parseEther('1'), payInEth: true, balances })).toEqual([{ kind: 'eth', short: gas }]);
    expect(missingFunds({ cash: parseEther('0.5'), payInEth: true, balances })).toEqual([]);
  });

  it('reserves more gas for a cart of more than 3 lines in one transaction: 60k a line', () => {
    const balances = { cash: parseUnits('100', 6), eth: gas, gasPrice };
    expect(missingFunds({ cash: parseUnits('10', 6), payInEth: false, balances, lines: 3 })).toEqual([]);
    expect(missingFunds({ cash: parseUnits('10', 6), payInEth: false, balances, lines: 10 })).toEqual([{ kind: 'gas', needed: gas + 420_000n * gasPrice }]);
  });
});

describe('balances for display', () => {
  it('cuts, never rounds up, and marks dust', () => {
    expect(formatBalance(parseUnits('100', 6), 6, 'tUSD', 'en')).toBe('100 tUSD');
    expect(formatBalance(parseUnits('1234.5', 6), 6, 'tUSD', 'zh-CN')).toBe('1,234.5 tUSD');
    expect(formatBalance(parseEther('0.0499999999'), 18, 'ETH', 'en')).toBe('0.049999 ETH');
    expect(formatBalance(1n, 18, 'ETH', 'en')).toBe('< 0.000001 ETH');
    expect(formatBalance(0n, 18, 'ETH', 'en')).toBe('0 ETH');
  });
});

describe('missingFunds with the gas paid in the stablecoin (smart account)', () => {
  it('needs no ETH: 0 ETH and enough tUSD for price + gas is nothing missing', async () => {
    const { missingFunds } = await import('./funds.ts');
    expect(missingFunds({ cash: 10_000_000n, payInEth: false, balances: { cash: 12_000_000n, eth: 0n, gasPrice: 1_000_000_000n }, stableGas: 1_800_000n })).toEqual([]);
  });
  it('says how much tUSD is missing for price + gas, never gas in ETH', async () => {
    const { missingFunds, stableGasReserve } = await import('./funds.ts');
    const gas = stableGasReserve(1_000_000_000n, 6);
    expect(gas).toBe(3_600_000n);
    expect(missingFunds({ cash: 10_000_000n, payInEth: false, balances: { cash: 12_800_000n, eth: 0n, gasPrice: 1_000_000_000n }, stableGas: gas })).toEqual([
      { kind: 'stable-gas', short: 800_000n, gas },
    ]);
  });
});
