/**
 * JUnit XML for GitLab, Jenkins, CircleCI and other CI test views: one testsuite, one testcase
 * per check (named by its stable id, so CI can track it across runs). fail → <failure>, error →
 * <error>, skip → <skipped>; a warning passes with the finding in <system-out>, or fails with
 * --strict. A suppressed finding passes, with the suppression in <system-out>.
 */
import type { Evidence } from '../checks/types';
import type { SuppressedCheckResult } from '../engine/suppress';
import type { Report } from './model';
import { cleanDeep } from './sanitize';
import { openTag, xmlText } from './xml';

type Outcome = 'pass' | 'failure' | 'error' | 'skipped';

export function renderJunit(report: Report): string {
  return junitDocument([junitSuite(report, 0)]);
}

export interface JunitCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** One <testsuite> element, indented for its place under <testsuites>; a scan has one per target. */
export interface JunitSuite {
  lines: string[];
  counts: JunitCounts;
}

export function junitSuite(report: Report, id: number): JunitSuite {
  const r = cleanDeep(report);
  const cases = r.checks.map((c) => ({ check: c, outcome: outcomeOf(c, r.options.strict) }));
  const n = (o: Outcome) => cases.filter((c) => c.outcome === o).length;
  const counts = { tests: cases.length, failures: n('failure'), errors: n('error'), skipped: n('skipped') };
  const name = `ecr-vpce doctor ${r.target.vpcId} (${r.target.region})`;
  const out = [
    `  ${suiteTag(name, counts, r.generatedAt, id)}`,
    '    <properties>',
    ...properties(r).map(([k, v]) => `      ${openTag('property', { name: k, value: v }, true)}`),
    '    </properties>',
    ...cases.flatMap(({ check, outcome }) => testcase(check, outcome)),
  ];
  if (r.gaps.length > 0) {
    out.push(`    <system-err>${xmlText(r.gaps.map((g) => `${g.call} failed (${g.code}): grant ${g.iamAction}. ${g.message}`).join('\n'))}</system-err>`);
  }
  out.push('  </testsuite>');
  return { lines: out, counts };
}

/** `<testsuite …>`; the Ant/Jenkins schema wants a local timestamp without a zone (generatedAt is UTC). */
export function suiteTag(name: string, counts: JunitCounts, generatedAt: string, id: number): string {
  return openTag('testsuite', { name, ...counts, time: '0', timestamp: generatedAt.slice(0, 19), hostname: 'ecr-vpce', id, package: 'ecr-vpce' });
}

/** The document: the suites under one <testsuites> whose counts are their sums. */
export function junitDocument(suites: readonly JunitSuite[]): string {
  const sum = (k: keyof JunitCounts) => suites.reduce((t, s) => t + s.counts[k], 0);
  const counts = { tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), skipped: sum('skipped'), time: '0' };
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', openTag('testsuites', { name: 'ecr-vpce', ...counts }), ...suites.flatMap((s) => s.lines), '</testsuites>'];
  return `${out.join('\n')}\n`;
}

function outcomeOf(c: SuppressedCheckResult, strict: boolean): Outcome {
  if (c.suppression?.suppressed) return 'pass';
  if (c.status === 'fail' || (c.status === 'warn' && strict)) return 'failure';
  if (c.status === 'error') return 'error';
  if (c.status === 'skip') return 'skipped';
  return 'pass';
}

function testcase(c: SuppressedCheckResult, outcome: Outcome): string[] {
  const open = openTag('testcase', { name: c.id, classname: `ecr-vpce.${c.stage}`, time: '0' });
  const body: string[] = [];
  if (outcome === 'skipped') body.push(openTag('skipped', { message: c.summary }, true));
  if (outcome === 'failure' || outcome === 'error') {
    const tag = outcome === 'failure' ? 'failure' : 'error';
    body.push(`${openTag(tag, { message: c.summary, type: c.status })}${xmlText(details(c))}</${tag}>`);
  }
  const out = systemOut(c, outcome);
  if (out) body.push(`<system-out>${xmlText(out)}</system-out>`);
  if (body.length === 0) return [`    ${open.slice(0, -1)}/>`];
  return [`    ${open}`, ...body.map((b) => `      ${b}`), '    </testcase>'];
}

/** What a passing testcase still has to say: a warning, or a suppression. */
function systemOut(c: SuppressedCheckResult, outcome: Outcome): string | undefined {
  if (c.suppression) {
    const rules = c.suppression.rules.map((x) => `${x.resource ?? 'whole check'}: ${x.reason}${x.expires ? ` (until ${x.expires})` : ''}`).join('\n');
    const head = c.suppression.suppressed ? `${c.status} suppressed by the config file` : `partly suppressed; still counts for ${c.suppression.uncovered.join(', ')}`;
    return `${head}:\n${rules}${outcome === 'pass' ? `\n\n${details(c)}` : ''}`;
  }
  if (c.status === 'warn' && outcome === 'pass') return `warning (passes without --strict)\n${details(c)}`;
  return undefined;
}

function details(c: SuppressedCheckResult): string {
  const lines = [c.summary, ...c.evidence.map(evidenceLine)];
  const fixes = [...new Set(c.remediation.map((x) => x.title))];
  if (fixes.length > 0) lines.push('', ...fixes.map((f) => `fix: ${f}`));
  return lines.join('\n');
}

function evidenceLine(e: Evidence): string {
  return `${e.resource}${e.name ? ` (${e.name})` : ''}: ${e.field} observed ${e.observed}, expected ${e.expected}${e.note ? ` (${e.note})` : ''}`;
}

function properties(r: Report): Array<[string, string]> {
  return [
    ['vpcId', r.target.vpcId],
    ['region', r.target.region],
    ['partition', r.target.partition],
    ...(r.target.accountId ? [['accountId', r.target.accountId] as [string, string]] : []),
    ['platform', r.options.platform],
    ['strict', String(r.options.strict)],
    ['source', r.source],
    ['generatedAt', r.generatedAt],
    ['verdict', r.summary.verdict],
    ['exitCode', String(r.summary.exitCode)],
    ['toolVersion', r.tool.version],
  ];
}
