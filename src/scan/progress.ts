/**
 * The scan's progress line on stderr, redrawn in place: "scanning 12/50 VPCs (3 regions)…".
 * Only on a terminal (never in a CI log or a pipe) and never on stdout, which carries the report.
 */
import type { ScanProgress } from './run';

export interface ProgressLine {
  update(p: ScanProgress): void;
  /** Erases the line, so the report starts on a clean one. */
  clear(): void;
}

const BAR = 20;
const NOTHING: ProgressLine = { update() {}, clear() {} };

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export function progressLine(stream: ProgressStream, enabled: boolean): ProgressLine {
  if (!enabled || !stream.isTTY) return NOTHING;
  let drawn = false;
  return {
    update(p) {
      // A pseudo-terminal without a size reports 0 columns: then assume 80.
      const text = progressText(p).slice(0, Math.max(10, (stream.columns || 80) - 1));
      stream.write(`\r\u001b[2K${text}`);
      drawn = true;
    },
    clear() {
      if (drawn) stream.write('\r\u001b[2K');
      drawn = false;
    },
  };
}

export function progressText(p: ScanProgress): string {
  const regions = `${p.regions} region${p.regions === 1 ? '' : 's'}`;
  if (p.phase === 'listing') return `listing VPCs (${regions})…`;
  const filled = p.total === 0 ? BAR : Math.round((p.done / p.total) * BAR);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR - filled)}] scanning ${p.done}/${p.total} VPCs (${regions})…`;
}
