/**
 * `doctor --all-vpcs --json`: the scan report in a fixed key order, each target's report in the
 * single report's own canonical form, validated by schemas/scan-report.v1.json.
 */
import { isFailure, type ScanEntry, type ScanReport } from '../scan/types';
import { canonicalReport, escapeC1 } from './json';

export function renderScanJson(scan: ScanReport): string {
  return escapeC1(JSON.stringify(canonicalScan(scan), null, 2)) + '\n';
}

function canonicalScan(s: ScanReport): ScanReport {
  return {
    schemaVersion: s.schemaVersion,
    tool: { name: s.tool.name, version: s.tool.version },
    generatedAt: s.generatedAt,
    regions: [...s.regions],
    targets: s.targets.map(canonicalEntry),
    summary: {
      targets: s.summary.targets,
      pass: s.summary.pass,
      warn: s.summary.warn,
      fail: s.summary.fail,
      error: s.summary.error,
      exitCode: s.summary.exitCode,
    },
  };
}

function canonicalEntry(e: ScanEntry): ScanEntry {
  if (!isFailure(e)) return canonicalReport(e);
  return {
    target: { region: e.target.region, vpcId: e.target.vpcId, vpcName: e.target.vpcName },
    error: { reason: e.error.reason, message: e.error.message },
  };
}
