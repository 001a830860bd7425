/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * One rule per check id, in registry order, with the check's help (check-help.ts). One result per
 * (check, resource) for every warn/fail/error finding, so each resource's problem is its own alert
 * with a stable fingerprint. The findings are about AWS resources, not files: each result carries
 * the resource as a logical location, and, because GitHub only accepts results with a physical
 * location, also points at one repository file (`--sarif-artifact`, default the config file).
 */
import { createHash } from 'node:crypto';
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { Check, Evidence } from '../checks/types';
import type { SuppressedCheckResult } from '../engine/suppress';
import { helpFor } from './check-help';
import type { Report } from './model';
import { cleanDeep } from './sanitize';

export interface SarifOptions {
  /** The registry: every check becomes a rule, whether it ran or not. */
  checks: readonly Pick<Check, 'id' | 'title' | 'stage'>[];
  /** Repository-relative path every result points at (a physical location is required by GitHub). */
  artifactUri: string;
}

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The partialFingerprints key: versioned so that a change of the hashed fields starts a new series. */
export const FINGERPRINT_KEY = 'ecrVpceFinding/v1';

export function renderSarif(report: Report, opts: SarifOptions): string {
  return `${JSON.stringify(buildSarif(report, opts), null, 2)}\n`;
}

export function buildSarif(report: Report, opts: SarifOptions): Log {
  const r = cleanDeep(report);
  const rules = rulesFor(r, opts.checks);
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results = r.checks.flatMap((check) => resultsFor(r, check, index.get(check.id)!, opts.artifactUri));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ecr-vpce', version: r.tool.version, semanticVersion: r.tool.version, rules } },
        invocations: [
          {
            // The run completed; calls that failed are notifications, their checks `error` results.
            executionSuccessful: true,
            toolExecutionNotifications: r.gaps.map((g) => ({
              level: 'error' as const,
              message: { text: sarifText(`${g.call} failed (${g.code}): grant ${g.iamAction}. ${g.message}`) },
            })),
            exitCode: r.summary.exitCode,
          },
        ],
        results,
        properties: {
          vpcId: r.target.vpcId,
          region: r.target.region,
          partition: r.target.partition,
          ...(r.target.accountId ? { accountId: r.target.accountId } : {}),
          generatedAt: r.generatedAt,
          source: r.source,
          platform: r.options.platform,
          strict: r.options.strict,
          verdict: r.summary.verdict,
        },
      },
    ],
  };
}

/** The registry's checks in order, then any check in the report the registry does not know. */
export function rulesFor(r: Pick<Report, 'checks'>, checks: SarifOptions['checks']): ReportingDescriptor[] {
  const known = new Set(checks.map((c) => c.id));
  const extra = r.checks.filter((c) => !known.has(c.id));
  return [...checks, ...extra].map((c) => {
    const help = helpFor(c.id, c.title);
    return {
      id: c.id,
      name: pascal(c.id),
      shortDescription: { text: sarifText(c.title) },
      fullDescription: { text: sarifText(help.what) },
      help: {
        text: `${help.what}\n\nWhy it matters: ${help.why}\n\nFix: ${help.fix}`,
        markdown: `**${c.title}**\n\n${help.what}\n\n**Why it matters:** ${help.why}\n\n**Fix:** ${help.fix}`,
      },
      properties: { tags: ['aws', 'ecr', 'vpc', c.stage], stage: c.stage },
    };
  });
}

function resultsFor(r: Report, check: SuppressedCheckResult, ruleIndex: number, artifactUri: string): Result[] {
  if (check.status !== 'warn' && check.status !== 'fail' && check.status !== 'error') return [];
  // An error is about the run (a denied call), not a resource: one result, on the VPC.
  const resources = check.status === 'error' ? [r.target.vpcId] : subjects(check, r.target.vpcId);
  return resources.map((resource) => {
    const evidence = check.status === 'error' ? check.evidence : check.evidence.filter((e) => e.resource === resource);
    const suppressed = !!check.suppression && !check.suppression.uncovered.includes(resource);
    const fixes = [...new Set(check.remediation.map((x) => x.title))];
    return {
      ruleId: check.id,
      ruleIndex,
      level: suppressed ? 'note' : check.status === 'warn' && !r.options.strict ? 'warning' : 'error',
      message: { text: sarifText(messageText(check.summary, evidence, fixes)) },
      locations: [location(r, resource, artifactUri)],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(check.id, resource) },
      ...(suppressed
        ? { suppressions: [{ kind: 'external' as const, status: 'accepted' as const, justification: check.suppression!.rules.map((x) => x.reason).join('; ') }] }
        : {}),
      properties: {
        status: check.status,
        stage: check.stage,
        resource,
        evidence: evidence.map((e) => ({ ...e })),
        remediation: fixes,
      },
    };
  });
}

/** The resources a finding is about: its evidence lines' resources, else its own, else the VPC. */
function subjects(check: SuppressedCheckResult, vpcId: string): string[] {
  const fromEvidence = [...new Set(check.evidence.map((e) => e.resource))];
  if (fromEvidence.length > 0) return fromEvidence;
  return check.resources.length > 0 ? [check.resources[0]] : [vpcId];
}

function location(r: Report, resource: string, artifactUri: string): Location {
  const account = r.target.accountId ?? '';
  return {
    physicalLocation: { artifactLocation: { uri: artifactUri }, region: { startLine: 1 } },
    logicalLocations: [
      { name: resource, fullyQualifiedName: `${r.target.partition}:${r.target.region}:${account}:${r.target.vpcId}/${resource}`, kind: 'resource' },
    ],
  };
}

function messageText(summary: string, evidence: Evidence[], fixes: string[]): string {
  const lines = [summary];
  for (const e of evidence) lines.push(`${e.resource}${e.name ? ` (${e.name})` : ''}: ${e.field} observed ${e.observed}, expected ${e.expected}${e.note ? ` (${e.note})` : ''}`);
  if (fixes.length > 0) lines.push(`Fix: ${fixes.join('; ')}`);
  return lines.join('\n');
}

/** Stable across runs and machines: the same check on the same resource is the same alert. */
export function fingerprint(checkId: string, resource: string): string {
  return createHash('sha256').update(`${checkId}\u0000${resource}`).digest('hex').slice(0, 32);
}

/** SARIF reads "[text](n)" in a message as an embedded link: literal brackets are escaped (§3.11.6). */
function sarifText(s: string): string {
  return s.replace(/\\(?=[[\]])/g, '\\\\').replace(/[[\]]/g, (c) => `\\${c}`);
}

function pascal(id: string): string {
  return id.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
