/** The suppression lines of the terminal report: under a finding, and the rules that did not apply. */
import type { ResultSuppression, SuppressedCheckResult } from '../engine/suppress';
import type { Report } from './model';

/** One line under a finding a config rule covered, or undefined. */
export function suppressionLine(check: SuppressedCheckResult): string | undefined {
  const s = check.suppression;
  if (!s) return undefined;
  const why = reasons(s);
  return s.suppressed
    ? `suppressed (does not count): ${why}`
    : `partly suppressed (${why}); still counts for ${s.uncovered.join(', ')}`;
}

/** Expired and unmatched rules: an expired one is ignored, an unmatched one may be stale. */
export function suppressionNotes(report: Report): string[] {
  return (report.suppressions ?? [])
    .filter((s) => s.state !== 'applied')
    .map((s) => {
      const what = `${s.check}${s.resource ? ` on ${s.resource}` : ''}`;
      return s.state === 'expired'
        ? `expired on ${s.expires}, ignored: ${what} (${s.reason})`
        : `matched nothing in this report: ${what} (${s.reason})`;
    });
}

function reasons(s: ResultSuppression): string {
  return s.rules
    .map((r) => `${r.resource ? `${r.resource}: ` : ''}${r.reason}${r.expires ? ` (until ${r.expires})` : ''}`)
    .join('; ');
}
