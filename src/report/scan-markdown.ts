/**
 * Markdown for a scan: the combined verdict and a table of every target first (what a reviewer
 * reads), then one section per target: its own Markdown report, or why it could not be diagnosed.
 */
import { isFailure, type ScanEntry, type ScanReport } from '../scan/types';
import { renderMarkdown } from './markdown';
import { code, md } from './md-escape';
import { cleanDeep } from './sanitize';

const VERDICT = { pass: '✅ PASS', warn: '⚠️ WARN', fail: '❌ FAIL', error: '❓ ERROR' } as const;

export function renderScanMarkdown(scan: ScanReport): string {
  const s = cleanDeep(scan);
  const m = s.summary;
  const overall = m.error > 0 ? 'error' : m.fail > 0 ? 'fail' : m.warn > 0 ? 'warn' : 'pass';
  const out = [
    `# ecr-vpce scan: ${VERDICT[overall]}`,
    '',
    `**${m.targets} target${m.targets === 1 ? '' : 's'}** in ${s.regions.map((r) => md(r)).join(', ') || 'no region'} · ${m.pass} passed · ${m.warn} warned · ${m.fail} failed · ${m.error} not fully diagnosed · exit code ${m.exitCode}`,
    '',
  ];
  if (s.targets.length > 0) {
    out.push('| Region | VPC | Name | Verdict | Pass | Warn | Fail | Error |', '|---|---|---|---|---|---|---|---|');
    for (const e of s.targets) out.push(tableRow(e));
    out.push('');
  }
  for (const e of s.targets) out.push(section(e), '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function tableRow(e: ScanEntry): string {
  if (isFailure(e)) return `| ${md(e.target.region)} | ${e.target.vpcId ? code(e.target.vpcId, true) : '—'} | ${md(e.target.vpcName ?? '')} | ${VERDICT.error} | | | | |`;
  const m = e.summary;
  return `| ${md(e.target.region)} | ${code(e.target.vpcId, true)} | ${md(e.target.vpcName ?? '')} | ${VERDICT[m.verdict]} | ${m.pass} | ${m.warn} | ${m.fail} | ${m.error} |`;
}

/** A target's own report: its "## ecr-vpce doctor" heading already names the VPC's verdict. */
function section(e: ScanEntry): string {
  if (!isFailure(e)) return renderMarkdown(e);
  const what = e.target.vpcId ? `${code(e.target.vpcId)} in ${md(e.target.region)}` : `the VPCs of ${md(e.target.region)}`;
  return `## ${VERDICT.error}: ${what} could not be diagnosed\n\n${md(e.error.message)} (${code(e.error.reason)})`;
}
