/**
 * SARIF for a scan: ONE run (GitHub code scanning no longer merges several runs of one tool in
 * one file), its results those of every target, each result tagged with its target's region and
 * VPC in its properties; one invocation per target, the undiagnosable ones unsuccessful.
 */
import type { Invocation, Log, ReportingDescriptor, Result } from 'sarif';
import { isFailure, type ScanReport } from '../scan/types';
import { cleanDeep } from './sanitize';
import { buildSarif, rulesFor, SARIF_SCHEMA_URI, type SarifOptions } from './sarif';

export function renderScanSarif(scan: ScanReport, opts: SarifOptions): string {
  return `${JSON.stringify(buildScanSarif(scan, opts), null, 2)}\n`;
}

export function buildScanSarif(scan: ScanReport, opts: SarifOptions): Log {
  const s = cleanDeep(scan);
  // The registry's rules, then any rule a target's run adds (a check the registry does not know).
  const rules: ReportingDescriptor[] = rulesFor({ checks: [] }, opts.checks);
  const results: Result[] = [];
  const invocations: Invocation[] = [];
  for (const entry of s.targets) {
    if (isFailure(entry)) {
      invocations.push({
        executionSuccessful: false,
        exitCode: 2,
        toolExecutionNotifications: [{ level: 'error', message: { text: `${entry.error.message} (${entry.error.reason})` } }],
        properties: { ...entry.target },
      });
      continue;
    }
    const target = { region: entry.target.region, vpcId: entry.target.vpcId };
    const run = buildSarif(entry, opts).runs[0];
    const own = run.tool.driver.rules ?? [];
    for (const rule of own) if (!rules.some((r) => r.id === rule.id)) rules.push(rule);
    for (const result of run.results ?? []) {
      const ruleIndex = rules.findIndex((r) => r.id === result.ruleId);
      results.push({ ...result, ruleIndex, properties: { ...result.properties, ...target } });
    }
    for (const inv of run.invocations ?? []) invocations.push({ ...inv, properties: { ...inv.properties, ...target, verdict: entry.summary.verdict } });
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ecr-vpce', version: s.tool.version, semanticVersion: s.tool.version, rules } },
        invocations,
        results,
        properties: { scan: true, generatedAt: s.generatedAt, regions: s.regions, ...s.summary },
      },
    ],
  };
}
