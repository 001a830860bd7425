/**
 * --timeout: the time budget of a whole collection (every call, retry and back-off included).
 * No SDK here: the commands parse the flag, the collector enforces it.
 */
import { DiagnoseError } from './errors';

export const DEFAULT_TIMEOUT_MS = 120_000;
const MIN_MS = 1_000;
/** An hour: past that a hung run is better killed and its cause looked at. */
const MAX_MS = 3_600_000;

/** "60s", "2m", "90" (seconds) → milliseconds; anything else is refused (exit 2). */
export function parseTimeout(text: string): number {
  const m = /^\s*(\d{1,6}(?:\.\d{1,3})?)\s*([sm]?)\s*$/i.exec(text);
  const shown = JSON.stringify(text.slice(0, 32));
  if (!m) throw new DiagnoseError(`--timeout ${shown} is not a duration: use seconds or minutes, e.g. 60s or 5m`, 'bad-input');
  const ms = Math.round(Number(m[1]) * (m[2].toLowerCase() === 'm' ? 60_000 : 1_000));
  if (ms < MIN_MS || ms > MAX_MS) throw new DiagnoseError(`--timeout ${shown} is out of range: from 1s to 60m`, 'bad-input');
  return ms;
}

/** 120000 → "2m", 90000 → "90s", 300 → "0.3s": how the budget is named in messages. */
export function formatBudget(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Number((ms / 1000).toFixed(3))}s`;
}
