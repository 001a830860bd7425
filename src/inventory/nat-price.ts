/**
 * NAT gateway data-processing price, to put a dollar figure on the bytes. An estimate: the
 * table is a snapshot of public list prices (no discounts, no Savings Plans), `--nat-price-per-gb`
 * overrides it, and only the processing charge is counted (not the hourly charge, not data
 * transfer out). AWS bills per GB of 10^9 bytes, and so does this file.
 */

/** When the table was last compared with the AWS VPC pricing page (NAT gateway, "per GB data processed"). */
export const NAT_PRICE_TABLE_DATE = '2026-11';

/** USD per GB processed, commercial regions. Regions not listed fall back to us-east-1's price. */
export const NAT_USD_PER_GB: Readonly<Record<string, number>> = {
  'us-east-1': 0.045,
  'us-east-2': 0.045,
  'us-west-1': 0.048,
  'us-west-2': 0.045,
  'ca-central-1': 0.05,
  'eu-west-1': 0.048,
  'eu-west-2': 0.05,
  'eu-west-3': 0.05,
  'eu-central-1': 0.052,
  'eu-north-1': 0.046,
  'ap-south-1': 0.056,
  'ap-southeast-1': 0.059,
  'ap-southeast-2': 0.059,
  'ap-northeast-1': 0.062,
  'ap-northeast-2': 0.059,
  'sa-east-1': 0.093,
};

const FALLBACK_REGION = 'us-east-1';
export const BYTES_PER_GB = 1e9;
const MONTH_SECONDS = 30 * 86_400;

export interface NatPrice {
  usdPerGb: number;
  /** flag: --nat-price-per-gb · table: this region's row · fallback: us-east-1's row (region not in the table). */
  source: 'flag' | 'table' | 'fallback';
  region: string;
}

export function natPrice(region: string, flag?: number): NatPrice {
  if (flag !== undefined) return { usdPerGb: flag, source: 'flag', region };
  const own = NAT_USD_PER_GB[region];
  if (own !== undefined) return { usdPerGb: own, source: 'table', region };
  return { usdPerGb: NAT_USD_PER_GB[FALLBACK_REGION], source: 'fallback', region };
}

/** "at $0.045/GB (us-east-1 list price, table of 2026-11)": the assumption, said with the number. */
export function describePrice(p: NatPrice): string {
  const rate = `$${p.usdPerGb}/GB`;
  if (p.source === 'flag') return `at ${rate} (--nat-price-per-gb)`;
  if (p.source === 'table') return `at ${rate} (${p.region} list price, table of ${NAT_PRICE_TABLE_DATE})`;
  return `at ${rate} (us-east-1 list price: ${p.region} is not in the table of ${NAT_PRICE_TABLE_DATE}; set --nat-price-per-gb)`;
}

export interface CostEstimate {
  /** USD for the bytes of the window. */
  window: number;
  /** USD for a 30-day month at the window's rate. */
  perMonth: number;
}

export function estimateCost(bytes: number, windowSeconds: number, p: NatPrice): CostEstimate {
  const window = (bytes / BYTES_PER_GB) * p.usdPerGb;
  return { window, perMonth: windowSeconds > 0 ? (window * MONTH_SECONDS) / windowSeconds : 0 };
}

/** `--nat-price-per-gb`: a non-negative decimal number of US dollars; anything else is refused. */
export function parsePricePerGb(text: string): number | undefined {
  if (!/^\s*\d{1,4}(?:\.\d{1,6})?\s*$/.test(text)) return undefined;
  return Number(text);
}

/** Decimal units (as AWS bills): "3.20 GB", "512 MB", "0 B". */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const n = bytes / size;
      return `${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)} ${unit}`;
    }
  }
  return `${Math.round(bytes)} B`;
}

/** "$13.50", "$0.43", "< $0.01", "$1,234". */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.005) return '< $0.01';
  if (usd >= 1000) return `$${Math.round(usd).toLocaleString('en-US')}`;
  return `$${usd.toFixed(2)}`;
}
