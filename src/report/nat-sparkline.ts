/**
 * The NAT gateway picture of the human report: one sparkline of BytesOutToSource per NAT gateway
 * on the workload routes, the spikes painted red and marked with a caret underneath, so the
 * "spikes on every deployment" pattern shows at a glance.
 *
 *   nat-0abc (nat-a) · BytesOutToSource · 11-23 19:00 → 11-24 19:00 UTC
 *   1 column = 20m · peak 3.20 GB · ^ 2 spikes
 *   ▁▁▁▁▁▂▁▁▁▁▁█▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁█▁▁▁▁
 *              ^                ^
 *
 * A column with no data point is blank; the height is the busiest period in the column, on a
 * linear scale from 0 to the window's peak.
 */
import type { ChalkInstance } from 'chalk';
import { formatBytes } from '../inventory/nat-price';
import { formatSeconds } from '../inventory/nat-window';
import type { NatTrafficNatReport, NatTrafficReport } from './nat-traffic';

const BARS = '▁▂▃▄▅▆▇█';
const INDENT = '      ';
const DEFAULT_WIDTH = 80;

export interface SparkCell {
  /** 0–7 (▁–█); null: no data point in the column. */
  level: number | null;
  spike: boolean;
}

export interface Spark {
  cells: SparkCell[];
  /** Periods per column (the series is folded when it is wider than the line). */
  periodsPerColumn: number;
  peak: number;
}

/** Folds the series into at most `maxColumns` columns. Pure. */
export function sparkCells(
  series: { timestamps: readonly string[]; values: readonly number[] },
  spikeTimes: readonly string[],
  window: { start: string; end: string; periodSeconds: number },
  maxColumns: number,
): Spark {
  const startMs = Date.parse(window.start);
  const periodMs = window.periodSeconds * 1000;
  const periods = Math.max(1, Math.round((Date.parse(window.end) - startMs) / periodMs));
  const periodsPerColumn = Math.ceil(periods / Math.max(1, maxColumns));
  const columns = Math.ceil(periods / periodsPerColumn);
  const max: (number | null)[] = new Array(columns).fill(null);
  const spike: boolean[] = new Array(columns).fill(false);
  const spikes = new Set(spikeTimes.map((t) => Date.parse(t)));
  series.timestamps.forEach((t, i) => {
    const ms = Date.parse(t);
    const col = Math.floor(Math.floor((ms - startMs) / periodMs) / periodsPerColumn);
    const v = series.values[i];
    if (!(col >= 0 && col < columns) || !Number.isFinite(v)) return;
    max[col] = Math.max(max[col] ?? 0, v);
    if (spikes.has(ms)) spike[col] = true;
  });
  const peak = Math.max(0, ...max.map((v) => v ?? 0));
  const cells = max.map((v, i) => ({
    level: v === null ? null : v <= 0 || peak <= 0 ? 0 : Math.max(0, Math.ceil((v / peak) * BARS.length) - 1),
    spike: spike[i],
  }));
  return { cells, periodsPerColumn, peak };
}

/** The lines under the nat-image-traffic check: a caption, the sparkline, the spike marks. */
export function natTrafficLines(t: NatTrafficReport, opts: { c: ChalkInstance; width?: number }): string[] {
  const { c } = opts;
  const maxColumns = Math.max(10, (opts.width ?? DEFAULT_WIDTH) - INDENT.length - 1);
  const out: string[] = [];
  for (const nat of t.nats.filter((n) => n.workloadSubnets.length > 0 && n.bytesOutToSource.points > 0)) {
    const series = nat.series.find((s) => s.metric === 'BytesOutToSource') ?? { timestamps: [], values: [] };
    const spark = sparkCells(series, nat.spikes.map((s) => s.at), t, maxColumns);
    // Wrapped only when the terminal width is known, like every other line of the report.
    for (const line of fitParts(caption(nat, t, spark), opts.width ? maxColumns : Infinity)) out.push(c.dim(`${INDENT}${line}`));
    const line = spark.cells.map((cell) => {
      const glyph = cell.level === null ? ' ' : BARS[cell.level];
      return cell.spike ? c.red(glyph) : glyph;
    });
    out.push(`${INDENT}${line.join('')}`.trimEnd());
    const lastSpike = spark.cells.map((cell) => cell.spike).lastIndexOf(true);
    if (lastSpike >= 0) {
      const marks = spark.cells.slice(0, lastSpike + 1).map((cell) => (cell.spike ? '^' : ' ')).join('');
      out.push(`${INDENT}${c.red(marks)}`);
    }
  }
  return out;
}

function caption(nat: NatTrafficNatReport, t: NatTrafficReport, spark: Spark): string[] {
  const who = nat.name ? `${nat.natGatewayId} (${nat.name})` : nat.natGatewayId;
  const span = `${shortUtc(t.start)} → ${shortUtc(t.end)} UTC`;
  const column = `1 column = ${formatSeconds(spark.periodsPerColumn * t.periodSeconds)}`;
  const count = nat.spikes.length;
  const marks = count > 0 ? [`^ ${count} spike${count === 1 ? '' : 's'}`] : [];
  return [who, 'BytesOutToSource', span, column, `peak ${formatBytes(spark.peak)}`, ...marks];
}

/** The parts joined by " · ", a new line where the next part would pass the width. */
function fitParts(parts: string[], width: number): string[] {
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 3 + part.length <= width) lines[last] += ` · ${part}`;
    else lines.push(part);
  }
  return lines;
}

/** "11-24 19:05" */
function shortUtc(iso: string): string {
  return iso.slice(5, 16).replace('T', ' ');
}
