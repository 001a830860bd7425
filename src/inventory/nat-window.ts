/**
 * The window the NAT metrics are read over: `--lookback` parsed, and a CloudWatch period that
 * fits it. Pure: the caller passes "now".
 *
 * CloudWatch rules the period follows (GetMetricData): at most 100,800 data points per call;
 * 1-minute data is kept 15 days, 5-minute data 63 days, 1-hour data 455 days, and a window
 * starting further back than a resolution's retention needs a period that is a multiple of the
 * next one (300 s, then 3600 s).
 */
import { DiagnoseError } from '../util/errors';

export const DEFAULT_LOOKBACK = '24h';
const DAY = 86_400;
export const DEFAULT_LOOKBACK_SECONDS = DAY;
/** Ten minutes: below that a median has too few periods to mean anything. */
export const MIN_LOOKBACK_SECONDS = 600;
/** 455 days: CloudWatch's retention of 1-hour data. */
export const MAX_LOOKBACK_SECONDS = 455 * DAY;
/**
 * Points per series at most: a 5-minute burst stays visible over a day (288 points), and 168
 * NAT gateways × 2 metrics still fit in one call (100,800 / 300 = 336 queries).
 */
export const MAX_POINTS_PER_SERIES = 300;

const UNIT_SECONDS: Record<string, number> = { m: 60, h: 3600, d: DAY, w: 7 * DAY };

/** "90m", "3h", "7d", "2w" (a whole number and one unit) → seconds; anything else is refused. */
export function parseLookback(text: string): number {
  const m = /^\s*(\d{1,6})\s*([mhdw])\s*$/i.exec(text);
  const shown = JSON.stringify(text.slice(0, 32));
  if (!m) {
    throw new DiagnoseError(`--lookback ${shown} is not a duration: use a whole number and a unit m, h, d or w (90m, 24h, 7d, 2w)`, 'bad-input');
  }
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2].toLowerCase()];
  if (seconds < MIN_LOOKBACK_SECONDS || seconds > MAX_LOOKBACK_SECONDS) {
    throw new DiagnoseError(`--lookback ${shown} is out of range: from 10m to 455d (CloudWatch keeps hourly NAT metrics 455 days)`, 'bad-input');
  }
  return seconds;
}

export interface MetricWindow {
  /** ISO, aligned to the period. */
  start: string;
  /** ISO, aligned to the period, at or before "now" (the last, still filling period is left out). */
  end: string;
  periodSeconds: number;
  /** Number of periods in [start, end). */
  periods: number;
}

/** Nice periods first; past a day, whole days. All are multiples of 60, 300 below an hour, 3600 above. */
const CANDIDATES = [60, 300, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, DAY];

/** The smallest period CloudWatch still serves for data this old (an hour of margin on the age). */
function minimumPeriod(lookbackSeconds: number): number {
  const age = lookbackSeconds + 3600;
  if (age > 63 * DAY) return 3600;
  if (age > 15 * DAY) return 300;
  return 60;
}

/** The shortest allowed period that keeps a series at or under MAX_POINTS_PER_SERIES points. */
export function periodFor(lookbackSeconds: number): number {
  const floor = minimumPeriod(lookbackSeconds);
  const fits = (p: number) => p >= floor && Math.ceil(lookbackSeconds / p) <= MAX_POINTS_PER_SERIES;
  const nice = CANDIDATES.find(fits);
  if (nice) return nice;
  return Math.ceil(lookbackSeconds / MAX_POINTS_PER_SERIES / DAY) * DAY;
}

/**
 * The window ending at the last period boundary before `nowMs`, a whole number of periods long
 * (so it may start up to one period before now − lookback). Aligned boundaries are what
 * CloudWatch recommends and make every emulator bucket the data the same way AWS does.
 */
export function metricWindow(nowMs: number, lookbackSeconds: number): MetricWindow {
  if (!(lookbackSeconds >= MIN_LOOKBACK_SECONDS && lookbackSeconds <= MAX_LOOKBACK_SECONDS)) {
    throw new RangeError(`lookback ${lookbackSeconds}s is out of range`);
  }
  const periodSeconds = periodFor(lookbackSeconds);
  const periods = Math.ceil(lookbackSeconds / periodSeconds);
  const endSeconds = Math.floor(nowMs / 1000 / periodSeconds) * periodSeconds;
  const startSeconds = endSeconds - periods * periodSeconds;
  return {
    start: new Date(startSeconds * 1000).toISOString(),
    end: new Date(endSeconds * 1000).toISOString(),
    periodSeconds,
    periods,
  };
}

/** 86400 → "24h", 300 → "5m", 1209600 → "14d": the shortest exact form, for messages. */
export function formatSeconds(seconds: number): string {
  if (seconds >= 2 * DAY && seconds % DAY === 0) return `${seconds / DAY}d`;
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
