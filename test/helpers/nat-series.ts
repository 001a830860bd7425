/**
 * Synthetic NAT gateway metrics for pure tests: a window of `values.length` periods ending at
 * END, one value per period, `null` for a period without a data point.
 */
import type { MetricSeries, NatMetrics } from '../../src/inventory/types';

/** The builder's collectedAt, aligned to every period used here. */
export const END = '2026-11-24T12:00:00.000Z';
export const MiB = 1024 * 1024;
export const GB = 1e9;

export function seriesOf(
  natGatewayId: string,
  values: readonly (number | null)[],
  periodSeconds = 300,
  metric: MetricSeries['metric'] = 'BytesOutToSource',
): MetricSeries {
  const start = Date.parse(END) - values.length * periodSeconds * 1000;
  const points = values
    .map((v, i) => ({ t: new Date(start + i * periodSeconds * 1000).toISOString(), v }))
    .filter((p): p is { t: string; v: number } => p.v !== null);
  return { natGatewayId, metric, timestamps: points.map((p) => p.t), values: points.map((p) => p.v) };
}

/** NatMetrics of `periods` periods ending at END. */
export function natMetrics(periods: number, series: MetricSeries[], periodSeconds = 300): NatMetrics {
  return {
    start: new Date(Date.parse(END) - periods * periodSeconds * 1000).toISOString(),
    end: END,
    periodSeconds,
    series,
  };
}

/** `n` periods of `bytes` each. */
export function steady(n: number, bytes: number): number[] {
  return new Array<number>(n).fill(bytes);
}

/** `base` with `at[i]` replaced by `bytes`. */
export function withBursts(base: readonly (number | null)[], bursts: Record<number, number>): (number | null)[] {
  return base.map((v, i) => (i in bursts ? bursts[i] : v));
}
