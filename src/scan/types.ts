/**
 * A scan's combined report (--all-vpcs, --regions): one entry per target, each the single-VPC
 * report or, when that target could not be diagnosed, its error. schemas/scan-report.v1.json.
 */
import type { ExitCode, Report } from '../report/model';

export const SCAN_SCHEMA_VERSION = 1;

/** A VPC of the scan, or a whole region when its VPCs could not be listed (no vpcId). */
export interface ScanTarget {
  region: string;
  vpcId?: string;
  vpcName?: string;
}

/** A target that could not be diagnosed: the reason and message a single run prints on exit 2. */
export interface ScanFailure {
  target: ScanTarget;
  error: { reason: string; message: string };
}

export type ScanEntry = Report | ScanFailure;

export interface ScanSummary {
  /** Entries, failed ones included. */
  targets: number;
  /** Targets by verdict; `error` also counts the targets that could not be diagnosed. */
  pass: number;
  warn: number;
  fail: number;
  error: number;
  exitCode: ExitCode;
}

export interface ScanReport {
  schemaVersion: typeof SCAN_SCHEMA_VERSION;
  tool: { name: 'ecr-vpce'; version: string };
  /** When the scan started. */
  generatedAt: string;
  /** The regions scanned, sorted: also those without any VPC, which have no entry. */
  regions: string[];
  /** Ordered by region, then VPC id; never by completion. */
  targets: ScanEntry[];
  summary: ScanSummary;
}

export function isFailure(entry: ScanEntry): entry is ScanFailure {
  return !('checks' in entry);
}

/** The target an entry is about, whichever kind it is. */
export function targetOf(entry: ScanEntry): ScanTarget {
  if (isFailure(entry)) return entry.target;
  const { region, vpcId, vpcName } = entry.target;
  return { region, vpcId, ...(vpcName ? { vpcName } : {}) };
}
