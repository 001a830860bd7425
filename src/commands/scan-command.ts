/**
 * `doctor --all-vpcs` / `--regions`: the flags checked before any call, then the scan over the
 * AWS collector, each target through the same diagnoseTarget() as a single run, one combined
 * report written in the chosen formats, and the combined exit code set (not thrown).
 */
import type { Command } from '@oclif/core';
import { openScan, type ScanAccess } from '../collector';
import type { Config } from '../config/types';
import { renderScanFormat } from '../report/scan-render';
import { progressLine } from '../scan/progress';
import { scan, type ScanSource } from '../scan/run';
import { buildScanReport } from '../scan/summary';
import type { ScanReport } from '../scan/types';
import { assertEndpointUrl, assertRegion } from '../util/ids';
import { parseTimeout } from '../util/timeout';
import type { AccountFlagValues } from './common-flags';
import { withConfig, type ConfigurableFlags } from './config-defaults';
import { checkOptionsFromFlags, diagnoseSettings, diagnoseTarget, type CheckOptionFlags } from './diagnose';
import { destination, sarifArtifact, writeRendered, type ReportFlagValues } from './report-flags';
import { assertScanFlags, parseConcurrency, parseRegions, type ScanFlagValues } from './scan-flags';
import { workloadTarget } from './workload-flags';

export type ScanCommandFlags = ScanFlagValues &
  AccountFlagValues &
  ReportFlagValues &
  ConfigurableFlags &
  CheckOptionFlags & { 'sarif-artifact'?: string };

export async function runScanCommand(cmd: Command, given: ScanCommandFlags, config: Config, json: boolean): Promise<ScanReport> {
  assertScanFlags(given as ScanCommandFlags & Record<string, unknown>);
  // The config's VPC, subnets and security groups belong to one VPC: a scan ignores them.
  const merged = withConfig(given, config);
  const flags = { ...merged, vpc: undefined, subnet: undefined, 'security-group': undefined, region: given.regions === undefined ? merged.region : undefined };
  const dest = destination(flags, json, undefined);
  const options = checkOptionsFromFlags(flags);
  const regions = parseRegions(flags.regions);
  const concurrency = parseConcurrency(flags.concurrency);
  const access: ScanAccess = {
    ...(flags.region ? { region: assertRegion(flags.region) } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags['endpoint-url'] !== undefined ? { endpointUrl: assertEndpointUrl(flags['endpoint-url']) } : {}),
    ...(flags.timeout !== undefined ? { timeoutMs: parseTimeout(flags.timeout) } : {}),
  };
  const workload = workloadTarget(flags); // --image only: the rest was refused above
  const generatedAt = new Date().toISOString();

  const aws = openScan(access);
  const source: ScanSource = {
    enabledRegions: () => aws.enabledRegions(),
    listVpcs: (region) => aws.listVpcs(region),
    collect: (region, vpcId) =>
      aws.collect({ ...access, region, vpcId, ...(options.lookbackSeconds ? { lookbackSeconds: options.lookbackSeconds } : {}), ...(workload ? { workload } : {}) }),
  };
  const settings = diagnoseSettings(flags, options, { suppress: config.suppress, toolVersion: cmd.config.version }, { source: 'live', fixPlan: false });
  // Never with JSON on stdout, and only on a terminal (progressLine checks): stderr, redrawn in place.
  const progress = progressLine(process.stderr, !json && dest.stdout !== 'json');
  let result;
  try {
    result = await scan(source, { regions: regions ?? [await aws.homeRegion()], concurrency }, (inv) => diagnoseTarget(settings, inv), (p) => progress.update(p));
  } finally {
    progress.clear();
  }
  const report = buildScanReport(result, { toolVersion: cmd.config.version, generatedAt });
  writeRendered(cmd, dest, sarifArtifact(flags['sarif-artifact'], config), (format, opts) => renderScanFormat(report, format, opts));
  process.exitCode = report.summary.exitCode;
  return report;
}
