// The ABI a checkout is simulated and sent with: the escrow's, plus the errors of everything `checkout` calls
// (catalog, gate, collectors, token), so a refusal from any of them decodes to its custom error instead of an
// unknown revert.
import type { Abi } from 'viem';
import { chainMartCatalogAbi, chainMartEscrowAbi, easGateAbi, permitCollectorAbi, testUsdcAbi } from '../contracts/generated/abi.ts';

const errorsOf = (abi: Abi) => abi.filter((item) => item.type === 'error');

export const CHECKOUT_ABI = [
  ...chainMartEscrowAbi,
  ...errorsOf(chainMartCatalogAbi),
  ...errorsOf(easGateAbi),
  ...errorsOf(permitCollectorAbi),
  ...errorsOf(testUsdcAbi),
] as unknown as typeof chainMartEscrowAbi;
