/** The scan's combined summary and exit code, from its entries alone (pure). */
import type { ExitCode, Report } from '../report/model';
import type { ScanResult } from './run';
import { isFailure, SCAN_SCHEMA_VERSION, type ScanEntry, type ScanReport, type ScanSummary } from './types';

/**
 * 2 when any target could not be diagnosed or any check errored · else 1 when any target failed
 * (or warned, with --strict: each report's own exit code already says so) · else 0.
 */
export function summarizeScan(entries: readonly ScanEntry[]): ScanSummary {
  const reports = entries.filter((e): e is Report => !isFailure(e));
  const by = (verdict: Report['summary']['verdict']) => reports.filter((r) => r.summary.verdict === verdict).length;
  const failed = entries.length - reports.length;
  const exitCode = Math.max(0, ...reports.map((r) => r.summary.exitCode), failed > 0 ? 2 : 0) as ExitCode;
  return { targets: entries.length, pass: by('pass'), warn: by('warn'), fail: by('fail'), error: by('error') + failed, exitCode };
}

export function buildScanReport(result: ScanResult, meta: { toolVersion: string; generatedAt: string }): ScanReport {
  const entries = result.entries;
  return {
    schemaVersion: SCAN_SCHEMA_VERSION,
    tool: { name: 'ecr-vpce', version: meta.toolVersion },
    generatedAt: meta.generatedAt,
    regions: [...result.regions],
    targets: [...entries],
    summary: summarizeScan(entries),
  };
}
