/**
 * The single-VPC pipeline once the inventory is in hand: workload options → checks →
 * suppressions → report → fix plan. `doctor --vpc` and every target of a scan go through this
 * one function, so a scanned VPC is judged exactly as a single run would judge it.
 */
import { CHECKS } from '../checks/index';
import type { CheckOptions, Platform } from '../checks/types';
import type { SuppressionRule } from '../config/types';
import { runChecks } from '../engine/run';
import { applySuppressions } from '../engine/suppress';
import type { Inventory } from '../inventory/types';
import { workloadOptions, workloadVpcMismatch } from '../inventory/workload';
import { buildFixPlan } from '../report/fix-plan';
import { buildReport, type Report } from '../report/model';
import { DiagnoseError } from '../util/errors';
import { assertId } from '../util/ids';
import { natOptions, type NatFlagValues } from './nat-flags';
import { workloadFlagOptions, type WorkloadFlagValues } from './workload-flags';

export interface DiagnoseSettings {
  /** From the flags (checkOptionsFromFlags); the workload fills what they leave open. */
  options: CheckOptions;
  /** --platform given: it then wins over the platform derived from the workload. */
  platformGiven: boolean;
  only?: readonly string[];
  skip?: readonly string[];
  suppress: readonly SuppressionRule[];
  strict: boolean;
  toolVersion: string;
  source: 'live' | 'snapshot';
  /** Any --fix-plan: the report then carries the steps. */
  fixPlan: boolean;
}

/** The flags DiagnoseSettings are made of, beside the check options. */
export interface DiagnoseFlags {
  platform?: string;
  only?: readonly string[];
  skip?: readonly string[];
  strict: boolean;
}

/** One place from flags to settings: `doctor --vpc` and a scan differ only in `run`. */
export function diagnoseSettings(
  flags: DiagnoseFlags,
  options: CheckOptions,
  common: { suppress: readonly SuppressionRule[]; toolVersion: string },
  run: Pick<DiagnoseSettings, 'source' | 'fixPlan'>,
): DiagnoseSettings {
  return {
    options,
    platformGiven: flags.platform !== undefined,
    only: flags.only,
    skip: flags.skip,
    strict: flags.strict,
    ...common,
    ...run,
  };
}

/** Pure: no I/O, no clock. Throws a DiagnoseError when the flags do not fit the inventory. */
export function diagnoseTarget(settings: DiagnoseSettings, inventory: Inventory): Report {
  const options = workloadOptions(inventory, settings.options, settings.platformGiven);
  const mismatch = workloadVpcMismatch(inventory);
  if (mismatch) throw new DiagnoseError(mismatch, 'workload-not-in-vpc');
  assertSubnetsInVpc(inventory, options.subnetIds);
  const { checks: results, suppressions } = applySuppressions(
    runChecks(CHECKS, inventory, options, { only: settings.only, skip: settings.skip }),
    settings.suppress,
    inventory.collectedAt,
  );
  const report = buildReport({
    results,
    suppressions,
    inventory,
    options,
    toolVersion: settings.toolVersion,
    source: settings.source,
    strict: settings.strict,
  });
  if (settings.fixPlan) report.fixPlan = buildFixPlan(report, { vpcCidrs: inventory.vpc?.cidrBlocks });
  return report;
}

export interface CheckOptionFlags extends NatFlagValues, WorkloadFlagValues {
  platform?: string;
  subnet?: string[];
  'security-group'?: string[];
  needs?: string[];
  snapshot?: string;
}

/** The check options the flags give, validated before any call (exit 2 on junk). */
export function checkOptionsFromFlags(flags: CheckOptionFlags): CheckOptions {
  return {
    platform: (flags.platform ?? 'fargate') as Platform,
    subnetIds: (flags.subnet ?? []).map((s) => assertId('subnet', s, '--subnet')),
    securityGroupIds: (flags['security-group'] ?? []).map((s) => assertId('sg', s, '--security-group')),
    extraServices: (flags.needs ?? []).map(assertServiceName),
    ...natOptions(flags),
    ...workloadFlagOptions(flags),
  };
}

/** --needs takes short endpoint service names as in com.amazonaws.<region>.<name>. */
function assertServiceName(name: string): string {
  const trimmed = name.trim().toLowerCase();
  if (!/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/.test(trimmed)) {
    throw new DiagnoseError(`--needs ${JSON.stringify(name.slice(0, 64))} is not an endpoint service name (e.g. logs, secretsmanager, ssm, kms)`, 'bad-input');
  }
  return trimmed;
}

/** --subnet must name subnets of this VPC: a typo would otherwise silently check nothing. */
function assertSubnetsInVpc(inv: Inventory, subnetIds: string[]): void {
  if (!inv.subnets) return;
  const unknown = subnetIds.filter((id) => !inv.subnets?.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new DiagnoseError(`${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not in ${inv.target.vpcId}`, 'subnet-not-in-vpc');
  }
}
