/**
 * The terminal form of a scan: each target's own report in order (region, then VPC id), under a
 * rule naming it, then one table with a line per target and the combined verdict.
 *
 * Cleaned first (sanitize.ts): VPC names are AWS-sourced and reach the terminal.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { isFailure, targetOf, type ScanEntry, type ScanReport } from '../scan/types';
import { renderHuman, type HumanOptions } from './human';
import { cleanDeep } from './sanitize';
import { visibleLength } from './wrap';

const NAME_MAX = 24;
const RULE_WIDTH = 72;

export function renderScanHuman(scan: ScanReport, opts: HumanOptions): string {
  const s = cleanDeep(scan);
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  s.targets.forEach((entry, i) => {
    out.push(rule(c, `${i + 1}/${s.targets.length} · ${where(entry)}`, opts.width), '');
    out.push(isFailure(entry) ? `Could not diagnose (${entry.error.reason}): ${entry.error.message}` : renderHuman(entry, opts).trimEnd(), '');
  });
  out.push(rule(c, 'Scan summary', opts.width), ...summaryLines(c, s, opts.width));
  return `${out.join('\n')}\n`;
}

function where(e: ScanEntry): string {
  const t = targetOf(e);
  if (!t.vpcId) return `${t.region} · VPCs not listed`;
  return `${t.region} · ${t.vpcId}${t.vpcName ? ` (${t.vpcName})` : ''}`;
}

function rule(c: ChalkInstance, title: string, width?: number): string {
  const head = `━━ ${title} `;
  return c.bold(head + '━'.repeat(Math.max(3, Math.min(width ?? RULE_WIDTH, RULE_WIDTH) - visibleLength(head))));
}

const VERDICT: Record<string, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', error: 'ERROR' };

function summaryLines(c: ChalkInstance, s: ScanReport, width?: number): string[] {
  const regions = `${s.regions.length} region${s.regions.length === 1 ? '' : 's'}`;
  if (s.targets.length === 0) return [`No VPCs found in ${s.regions.join(', ') || 'any region'} (${regions}): nothing to diagnose.`];
  const head = ['REGION', 'VPC', 'NAME', 'VERDICT', 'PASS', 'WARN', 'FAIL', 'ERROR'];
  const rows = s.targets.map((e) => row(e));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.filter((r) => r.cells.length > i).map((r) => r.cells[i].length)));
  const line = (cells: string[], paint?: (t: string) => string) =>
    cells.map((cell, i) => (i === 3 && paint ? paint(cell.padEnd(widths[i])) : i >= 4 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  const out = [`  ${line(head)}`];
  for (const r of rows) {
    const text = `  ${line(r.cells, paint(c, r.verdict))}${r.message ? `  ${r.message}` : ''}`;
    out.push(width && visibleLength(text) > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text);
  }
  const { summary: m } = s;
  out.push(
    '',
    `${m.targets} target${m.targets === 1 ? '' : 's'} in ${regions}: ${m.pass} passed, ${m.warn} warned, ${m.fail} failed, ${m.error} not fully diagnosed`,
    `Exit code ${m.exitCode}: ${exitText(m.exitCode)}`,
  );
  return out;
}

function row(e: ScanEntry): { cells: string[]; verdict: string; message?: string } {
  if (isFailure(e)) {
    const vpc = e.target.vpcId ?? '(not listed)';
    return { cells: [e.target.region, vpc, clip(e.target.vpcName ?? ''), 'ERROR'], verdict: 'error', message: e.error.message };
  }
  const m = e.summary;
  return {
    cells: [e.target.region, e.target.vpcId, clip(e.target.vpcName ?? ''), VERDICT[m.verdict], ...[m.pass, m.warn, m.fail, m.error].map(String)],
    verdict: m.verdict,
  };
}

function paint(c: ChalkInstance, verdict: string): (t: string) => string {
  return verdict === 'pass' ? c.green : verdict === 'warn' ? c.yellow : verdict === 'fail' ? c.red : c.magenta;
}

function clip(name: string): string {
  const chars = Array.from(name);
  return chars.length <= NAME_MAX ? name : `${chars.slice(0, NAME_MAX - 1).join('')}…`;
}

function exitText(code: number): string {
  if (code === 2) return 'at least one VPC could not be diagnosed, or a check could not be evaluated';
  if (code === 1) return 'at least one VPC failed a check (or warned, with --strict)';
  return 'no VPC failed a check';
}
