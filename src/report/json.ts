/**
 * The --json output: the report, in a fixed key order, validated by schemas/report.v1.json.
 *
 * Key order is rebuilt here field by field rather than trusted from however a check built its
 * objects, so equal reports give equal bytes (diffable in CI) and a stray runtime property
 * cannot leak into the contract.
 */
import type { Evidence, Remediation } from '../checks/types';
import type { FlowPath, SubnetPath } from '../inventory/paths';
import type { Gap } from '../inventory/types';
import type { FixPlan, FixStep, PlanAction } from './fix-plan';
import type { Report } from './model';
import type { SuppressedCheckResult } from '../engine/suppress';
import { canonicalResultSuppression, canonicalSuppressionStatus } from './json-suppression';
import { canonicalNatTraffic } from './nat-traffic';

export function renderJson(report: Report): string {
  return escapeC1(JSON.stringify(canonicalReport(report), null, 2)) + '\n';
}

/**
 * JSON.stringify escapes C0 controls but emits DEL and C1 (U+007F–U+009F) raw; U+009B is an
 * 8-bit CSI to some terminals. Escaping them keeps `--json` inert on a terminal and parses to
 * the same value.
 */
export function escapeC1(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function canonicalReport(r: Report): Report {
  return {
    schemaVersion: r.schemaVersion,
    tool: { name: r.tool.name, version: r.tool.version },
    generatedAt: r.generatedAt,
    source: r.source,
    target: {
      accountId: r.target.accountId,
      region: r.target.region,
      partition: r.target.partition,
      vpcId: r.target.vpcId,
      vpcName: r.target.vpcName,
    },
    options: {
      platform: r.options.platform,
      subnets: [...r.options.subnets],
      workloadSubnetBasis: r.options.workloadSubnetBasis,
      securityGroups: [...r.options.securityGroups],
      strict: r.options.strict,
      ...(r.options.workload ? { workload: { description: r.options.workload.description, notes: [...r.options.workload.notes] } } : {}),
    },
    checks: r.checks.map(canonicalCheck),
    summary: {
      total: r.summary.total,
      pass: r.summary.pass,
      warn: r.summary.warn,
      fail: r.summary.fail,
      skip: r.summary.skip,
      error: r.summary.error,
      suppressed: r.summary.suppressed,
      verdict: r.summary.verdict,
      exitCode: r.summary.exitCode,
    },
    paths: r.paths.map(canonicalPath),
    gaps: r.gaps.map(canonicalGap),
    ...(r.suppressions ? { suppressions: r.suppressions.map(canonicalSuppressionStatus) } : {}),
    ...(r.fixPlan ? { fixPlan: canonicalFixPlan(r.fixPlan) } : {}),
    ...(r.natTraffic ? { natTraffic: canonicalNatTraffic(r.natTraffic) } : {}),
  };
}

function canonicalCheck(c: SuppressedCheckResult): SuppressedCheckResult {
  return {
    id: c.id,
    title: c.title,
    stage: c.stage,
    status: c.status,
    summary: c.summary,
    resources: [...c.resources],
    evidence: c.evidence.map(canonicalEvidence),
    remediation: c.remediation.map(canonicalRemediation),
    ...(c.suppression ? { suppression: canonicalResultSuppression(c.suppression) } : {}),
  };
}

function canonicalEvidence(e: Evidence): Evidence {
  return { resource: e.resource, name: e.name, field: e.field, observed: e.observed, expected: e.expected, note: e.note };
}

function canonicalRemediation(r: Remediation): Remediation {
  return { id: r.id, title: r.title, why: r.why, action: canonicalAction(r.action) };
}

/** `kind` first, then the variant's own fields alphabetically (one rule for every variant). */
function canonicalAction<A extends PlanAction>(a: A): A {
  const { kind, ...rest } = a;
  const sorted = Object.keys(rest)
    .sort()
    .map((k) => [k, (rest as Record<string, unknown>)[k]] as const);
  return { kind, ...Object.fromEntries(sorted) } as A;
}

function canonicalFixPlan(p: FixPlan): FixPlan {
  return { steps: p.steps.map(canonicalStep) };
}

function canonicalStep(s: FixStep): FixStep {
  return { number: s.number, id: s.id, title: s.title, why: s.why, fixes: [...s.fixes], action: canonicalAction(s.action) };
}

function canonicalPath(p: SubnetPath): SubnetPath {
  return {
    subnetId: p.subnetId,
    subnetName: p.subnetName,
    routeTableId: p.routeTableId,
    routeTableImplicit: p.routeTableImplicit,
    flows: { api: canonicalFlow(p.flows.api), registry: canonicalFlow(p.flows.registry), layers: canonicalFlow(p.flows.layers) },
  };
}

function canonicalFlow(f: FlowPath): FlowPath {
  return { flow: f.flow, via: f.via, target: f.target, detail: f.detail };
}

function canonicalGap(g: Gap): Gap {
  return { part: g.part, call: g.call, code: g.code, message: g.message, iamAction: g.iamAction };
}
