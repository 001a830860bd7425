/**
 * Markdown for pull-request comments and issues: the verdict, a table of every check, the
 * findings with their evidence and fixes, and a Mermaid flowchart of each workload subnet's
 * pull paths. Every AWS-sourced string is escaped (md-escape.ts, mermaid.ts).
 */
import type { Evidence, Status } from '../checks/types';
import type { SuppressedCheckResult } from '../engine/suppress';
import { helpFor } from './check-help';
import { suppressionLine, suppressionNotes } from './human-suppression';
import { clip, code, md } from './md-escape';
import { subnetFlowchart } from './mermaid';
import type { Report } from './model';
import { cleanDeep } from './sanitize';

const ICON: Record<Status, string> = { pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️', error: '❓' };
const SUPPRESSED_ICON = '🔕';
const VERDICT: Record<Report['summary']['verdict'], string> = { pass: '✅ PASS', warn: '⚠️ WARN', fail: '❌ FAIL', error: '❓ ERROR' };

export function renderMarkdown(report: Report): string {
  const r = cleanDeep(report);
  const out: string[] = [];
  header(out, r);
  table(out, r);
  findings(out, r);
  paths(out, r);
  notes(out, r);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function header(out: string[], r: Report): void {
  const s = r.summary;
  const strict = r.options.strict && s.warn > 0 ? ' (--strict: warnings fail)' : '';
  out.push(`## ecr-vpce doctor: ${VERDICT[s.verdict]}${strict}`, '');
  const where = [
    `${code(r.target.vpcId)}${r.target.vpcName ? ` (${md(r.target.vpcName)})` : ''}`,
    md(r.target.region),
    ...(r.target.accountId ? [`account ${code(r.target.accountId)}`] : []),
    `platform ${code(r.options.platform)}`,
    `${r.source === 'snapshot' ? 'snapshot collected' : 'collected'} ${md(r.generatedAt)}`,
  ];
  out.push(where.join(' · '), '');
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const counts = [`${s.pass} passed`, plural(s.warn, 'warning'), `${s.fail} failed`, `${s.skip} skipped`, plural(s.error, 'error')];
  if (s.suppressed) counts.push(`${s.suppressed} suppressed`);
  out.push(`**${counts.join(' · ')}** · exit code ${s.exitCode}`, '');
}

function table(out: string[], r: Report): void {
  out.push('| | Check | Stage | Result |', '|---|---|---|---|');
  for (const c of r.checks) out.push(`| ${icon(c)} | ${code(c.id, true)} | ${c.stage} | ${md(clip(c.summary, 300))} |`);
  out.push('');
}

function findings(out: string[], r: Report): void {
  const shown = r.checks.filter((c) => c.status === 'fail' || c.status === 'error' || c.status === 'warn');
  if (shown.length === 0) return;
  out.push('### Findings', '');
  for (const c of shown) {
    out.push(`#### ${icon(c)} ${code(c.id)}: ${md(c.title)}`, '', md(c.summary), '');
    const suppressed = suppressionLine(c);
    if (suppressed) out.push(`> ${SUPPRESSED_ICON} ${md(suppressed)}`, '');
    for (const e of c.evidence) out.push(`- ${evidence(e)}`);
    if (c.evidence.length > 0) out.push('');
    const fixes = [...new Set(c.remediation.map((x) => x.title))];
    if (fixes.length > 0) out.push('**Fix:**', '', ...fixes.map((f, i) => `${i + 1}. ${md(f)}`), '');
    out.push(`<sub>Why it matters: ${md(helpFor(c.id, c.title).why)}</sub>`, '');
  }
}

function paths(out: string[], r: Report): void {
  if (r.paths.length === 0) return;
  out.push('### Pull paths', '', 'From each workload subnet: where the ECR API, registry and image-layer traffic goes (✓ VPC endpoint · ! NAT, internet or transit gateway · ✗ no working path).', '');
  for (const p of r.paths) {
    out.push(`#### ${code(p.subnetId)}${p.subnetName ? ` (${md(p.subnetName)})` : ''}`, '', '```mermaid', subnetFlowchart(p), '```', '');
  }
}

function notes(out: string[], r: Report): void {
  const expired = suppressionNotes(r);
  if (expired.length > 0) out.push('### Suppressions', '', ...expired.map((n) => `- ${md(n)}`), '');
  if (r.gaps.length > 0) {
    out.push('### Not collected', '', ...r.gaps.map((g) => `- ${code(g.call)}: ${md(g.code)} (grant ${code(g.iamAction)})`), '');
  }
}

function icon(c: SuppressedCheckResult): string {
  return c.suppression?.suppressed ? SUPPRESSED_ICON : ICON[c.status];
}

function evidence(e: Evidence): string {
  const who = `${code(e.resource)}${e.name ? ` (${md(e.name)})` : ''}`;
  const note = e.note ? ` (${md(e.note)})` : '';
  return `${who}: ${md(e.field)} observed ${code(clip(e.observed))}, expected ${code(clip(e.expected))}${note}`;
}
