/** The flags of the NAT gateway traffic check, parsed before any call (junk never reaches AWS). */
import { Flags } from '@oclif/core';
import { parsePricePerGb } from '../inventory/nat-price';
import { parseLookback } from '../inventory/nat-window';
import { DiagnoseError } from '../util/errors';

export const lookbackFlag = {
  lookback: Flags.string({
    description:
      'How far back to read the NAT gateways\' CloudWatch metrics: 90m, 24h, 7d, 2w… (10m to 455d, default 24h). With --snapshot: judge only the last part of the saved window.',
    helpValue: '24h',
  }),
};

export const natFlags = {
  ...lookbackFlag,
  'nat-price-per-gb': Flags.string({
    description: "NAT gateway data-processing price in USD per GB (10^9 bytes) for the cost estimate. Default: the region's list price (a built-in table).",
    helpValue: '0.045',
  }),
};

export interface NatFlagValues {
  lookback?: string;
  'nat-price-per-gb'?: string;
}

/** Throws a DiagnoseError (exit 2) on junk; absent flags stay absent. */
export function natOptions(flags: NatFlagValues): { lookbackSeconds?: number; natPricePerGb?: number } {
  const out: { lookbackSeconds?: number; natPricePerGb?: number } = {};
  if (flags.lookback !== undefined) out.lookbackSeconds = parseLookback(flags.lookback);
  const price = flags['nat-price-per-gb'];
  if (price !== undefined) {
    const parsed = parsePricePerGb(price);
    if (parsed === undefined) {
      throw new DiagnoseError(
        `--nat-price-per-gb ${JSON.stringify(price.slice(0, 32))} is not a price: use US dollars per GB as a plain number, e.g. 0.045`,
        'bad-input',
      );
    }
    out.natPricePerGb = parsed;
  }
  return out;
}
