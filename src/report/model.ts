/**
 * The report: everything a renderer (human, JSON, fix plan...) needs, built once from the check
 * results and the inventory. Pure: no clock (the time is the inventory's collectedAt, so a
 * snapshot replay gives byte-identical output), no env, no I/O.
 */
import type { CheckOptions, Platform, Status } from '../checks/types';
import { subnetPath, type SubnetPath } from '../inventory/paths';
import { workloadSubnets } from '../inventory/query';
import type { Gap, Inventory, InventoryPart } from '../inventory/types';
import type { SuppressedCheckResult, SuppressionStatus } from '../engine/suppress';
import type { FixPlan } from './fix-plan';
import { buildNatTraffic, type NatTrafficReport } from './nat-traffic';

export const REPORT_SCHEMA_VERSION = 1;

export type Verdict = 'pass' | 'warn' | 'fail' | 'error';

/** 0 nothing failed · 1 a check failed (or warned, with --strict) · 2 could not diagnose. */
export type ExitCode = 0 | 1 | 2;

export interface ReportSummary {
  total: number;
  pass: number;
  warn: number;
  fail: number;
  skip: number;
  error: number;
  /** Warn/fail findings suppressed by the config file (not in warn/fail); absent when none. */
  suppressed?: number;
  verdict: Verdict;
  exitCode: ExitCode;
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'ecr-vpce'; version: string };
  /** The inventory's collection time, not the render time. */
  generatedAt: string;
  source: 'live' | 'snapshot';
  target: { accountId?: string; region: string; partition: string; vpcId: string; vpcName?: string };
  options: {
    platform: Platform;
    /** The workload subnet ids: as given with --subnet, else the private subnets found. */
    subnets: string[];
    /** flag: --subnet · workload: the ECS service's / EKS cluster's · private-subnets: the heuristic. */
    workloadSubnetBasis: 'flag' | 'workload' | 'private-subnets';
    securityGroups: string[];
    /** --strict: warnings set exit code 1. Recorded because the exit code depends on it. */
    strict: boolean;
    /** With --ecs-service / --ecs-task-definition / --eks-cluster: what was read and derived. */
    workload?: { description: string; notes: string[] };
  };
  /** Registry order (the troubleshooting flow), as given. */
  checks: SuppressedCheckResult[];
  summary: ReportSummary;
  /** The config file's suppressions and what became of each (applied, expired, unmatched); absent when none. */
  suppressions?: SuppressionStatus[];
  /**
   * One entry per workload subnet found in the inventory. Empty when a part the paths are
   * derived from (PATH_PARTS) has a gap: a guessed path would claim "NAT" where we do not know.
   */
  paths: SubnetPath[];
  gaps: Gap[];
  /** With --fix-plan only: the remediation as ordered, de-duplicated steps (fix-plan.ts). */
  fixPlan?: FixPlan;
  /** NAT gateway bytes of the lookback window (nat-image-traffic); absent when not collected. */
  natTraffic?: NatTrafficReport;
}

export interface BuildReportInput {
  results: SuppressedCheckResult[];
  /** From applySuppressions (engine/suppress.ts). */
  suppressions?: SuppressionStatus[];
  inventory: Inventory;
  options: CheckOptions;
  toolVersion: string;
  source: 'live' | 'snapshot';
  strict?: boolean;
}

/** The inventory parts subnetPath() reads; a gap in any of them means no paths are reported. */
export const PATH_PARTS: readonly InventoryPart[] = [
  'subnets',
  'routeTables',
  'vpcEndpoints',
  'securityGroups',
  'vpcAttributes',
];

export function buildReport(input: BuildReportInput): Report {
  const { results, inventory: inv, options, toolVersion, source } = input;
  const strict = input.strict ?? false;
  const workload = workloadSubnets(inv, options.subnetIds);
  const vpcName = inv.vpc?.tags.Name || undefined;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'ecr-vpce', version: toolVersion },
    generatedAt: inv.collectedAt,
    source,
    target: {
      ...(inv.target.accountId ? { accountId: inv.target.accountId } : {}),
      region: inv.target.region,
      partition: inv.target.partition,
      vpcId: inv.target.vpcId,
      ...(vpcName ? { vpcName } : {}),
    },
    options: {
      platform: options.platform,
      // With --subnet, report what the user asked for even if some ids were not found.
      subnets: workload.basis === 'flag' ? [...new Set(options.subnetIds)] : workload.subnets.map((s) => s.id),
      workloadSubnetBasis: workload.basis === 'flag' && options.subnetSource === 'workload' ? 'workload' : workload.basis,
      securityGroups: [...options.securityGroupIds],
      strict,
      ...(options.workload ? { workload: { description: options.workload.description, notes: [...options.workload.notes] } } : {}),
    },
    checks: [...results],
    summary: summarize(results, strict),
    paths: pathsComputable(inv) ? workload.subnets.map((s) => subnetPath(inv, s, options.securityGroupIds)) : [],
    gaps: [...inv.gaps],
    ...(input.suppressions?.length ? { suppressions: [...input.suppressions] } : {}),
    ...natTrafficOf(inv, options),
  };
}

function natTrafficOf(inv: Inventory, options: CheckOptions): { natTraffic?: NatTrafficReport } {
  const natTraffic = buildNatTraffic(inv, options, pathsComputable(inv));
  return natTraffic ? { natTraffic } : {};
}

export function pathsComputable(inv: Inventory): boolean {
  return !inv.gaps.some((g) => PATH_PARTS.includes(g.part));
}

export function summarize(results: readonly SuppressedCheckResult[], strict: boolean): ReportSummary {
  // A suppressed finding is counted apart and does not move the verdict or the exit code.
  const suppressed = results.filter((r) => r.suppression?.suppressed).length;
  const count = (status: Status) => results.filter((r) => r.status === status && !r.suppression?.suppressed).length;
  const counts = { pass: count('pass'), warn: count('warn'), fail: count('fail'), skip: count('skip'), error: count('error') };
  const verdict: Verdict = counts.error > 0 ? 'error' : counts.fail > 0 ? 'fail' : counts.warn > 0 ? 'warn' : 'pass';
  return { total: results.length, ...counts, ...(suppressed > 0 ? { suppressed } : {}), verdict, exitCode: exitCodeFor(verdict, strict) };
}

export function exitCodeFor(verdict: Verdict, strict: boolean): ExitCode {
  if (verdict === 'error') return 2;
  if (verdict === 'fail' || (verdict === 'warn' && strict)) return 1;
  return 0;
}
