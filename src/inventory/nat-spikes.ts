/**
 * Spike detection on one NAT gateway's bytes per period. Pure, and simple enough to check by hand:
 *
 *   a period is a spike when its bytes are at least SPIKE_FLOOR_BYTES (100 MiB)
 *   AND at least SPIKE_MEDIAN_MULTIPLE (5) × the median bytes per period of the window.
 *
 * - The floor is one small image pull: below it a period costs under half a cent of NAT
 *   processing and is not worth a finding. It is not scaled with the period: a deployment's pull
 *   is an event of a fixed size that lands in one or two periods whatever their length; what
 *   grows with the period is the background traffic, and the median accounts for that.
 * - 5 × the median: steady traffic varies within 2–3 × its median over a day (day and night);
 *   a pull burst on an otherwise quiet NAT is tens or hundreds of times it. Steady heavy traffic
 *   (every period near the median) is therefore never a spike, however large.
 * - Periods without a data point count as 0 bytes for the median (CloudWatch publishes nothing
 *   when nothing was measured), so a burst on an idle NAT stands out against a median of 0; a
 *   window of one period has no baseline and never has a spike.
 */

export const SPIKE_FLOOR_BYTES = 100 * 1024 * 1024;
export const SPIKE_MEDIAN_MULTIPLE = 5;

export interface SpikeRule {
  floorBytes: number;
  medianMultiple: number;
}

export const SPIKE_RULE: SpikeRule = { floorBytes: SPIKE_FLOOR_BYTES, medianMultiple: SPIKE_MEDIAN_MULTIPLE };

export interface Spike {
  /** ISO start of the period. */
  at: string;
  bytes: number;
  /** bytes ÷ the window's median; null when the median is 0. */
  ratio: number | null;
}

export interface SpikeAnalysis {
  /** Median bytes per period over the whole window (missing periods count as 0). */
  medianBytes: number;
  /** Sum of the data points. */
  totalBytes: number;
  /** Periods with a data point. */
  points: number;
  spikes: Spike[];
}

export interface PointSeries {
  timestamps: readonly string[];
  values: readonly number[];
}

/**
 * `periods` is the number of periods in the window; the series may have fewer points (missing
 * periods) but each point is one period. Non-finite or negative values are ignored as garbage.
 */
export function findSpikes(series: PointSeries, periods: number, rule: SpikeRule = SPIKE_RULE): SpikeAnalysis {
  const points = series.timestamps
    .map((at, i) => ({ at, bytes: series.values[i] }))
    .filter((p) => Number.isFinite(p.bytes) && p.bytes >= 0);
  const totalBytes = points.reduce((sum, p) => sum + p.bytes, 0);
  const missing = Math.max(0, periods - points.length);
  const medianBytes = median([...points.map((p) => p.bytes), ...new Array<number>(missing).fill(0)]);
  // One period alone has no baseline to stand out from.
  const spikes =
    points.length + missing < 2
      ? []
      : points
          .filter((p) => p.bytes >= rule.floorBytes && p.bytes >= rule.medianMultiple * medianBytes)
          .map((p) => ({ at: p.at, bytes: p.bytes, ratio: medianBytes > 0 ? p.bytes / medianBytes : null }));
  return { medianBytes, totalBytes, points: points.length, spikes };
}

/** The middle value; the mean of the two middle values for an even count; 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
