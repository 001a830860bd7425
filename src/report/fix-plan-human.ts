/**
 * The fix plan for a terminal: numbered steps, each with why, the checks it fixes and the AWS
 * CLI lines that carry it out (the same lines as --fix-plan=cli). Text is cleaned like the
 * report (sanitize.ts) before colour is added.
 */
import { Chalk } from 'chalk';
import { stepCommands } from './fix-plan-cli';
import type { FixPlan } from './fix-plan';
import type { Report } from './model';
import { clean } from './sanitize';
import { visibleLength, wrapText } from './wrap';

export interface FixPlanHumanOptions {
  color: boolean;
  width?: number;
}

export function renderFixPlanHuman(report: Report, plan: FixPlan, opts: FixPlanHumanOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out: string[] = [];
  const para = (prefix: string, text: string) => {
    const body = clean(text);
    const lines = opts.width ? wrapText(body, opts.width - visibleLength(prefix), opts.width - visibleLength(prefix)) : [body];
    lines.forEach((line, i) => out.push((i === 0 ? prefix : ' '.repeat(visibleLength(prefix))) + line));
  };

  const n = plan.steps.length;
  out.push(c.bold(`Fix plan: ${n} step${n === 1 ? '' : 's'}`) + ', none applied (review, then run them)');
  if (n === 0) out.push('  No failing or warning check asks for a change.');
  const pad = String(n).length;
  for (const step of plan.steps) {
    const num = `${String(step.number).padStart(pad)}. `;
    const hang = ' '.repeat(num.length + 2);
    out.push('');
    const title = wrapLines(clean(step.title), opts.width, num.length + 2);
    out.push(`  ${c.bold(num + title[0])}`, ...title.slice(1).map((l) => hang + c.bold(l)));
    para(`${hang}why: `, step.why);
    para(`${hang}fixes: `, step.fixes.join(', '));
    for (const line of stepCommands(step, report.target.region)) out.push(`${hang}  ${c.cyan(line)}`);
  }
  const unevaluated = report.checks.filter((k) => k.status === 'error').map((k) => k.id);
  if (unevaluated.length > 0) {
    out.push('');
    para('Not covered: ', `${unevaluated.join(', ')} could not be evaluated; rerun the doctor once it can read what they need.`);
  }
  return out.join('\n') + '\n';
}

function wrapLines(text: string, width: number | undefined, indent: number): string[] {
  return width ? wrapText(text, width - indent, width - indent) : [text];
}

/** One stderr line when stdout carries a script or HCL: what was found, what was written. */
export function renderFixPlanSummary(report: Report, plan: FixPlan, format: string): string {
  const s = report.summary;
  const vpc = clean(report.target.vpcName ? `${report.target.vpcId} (${report.target.vpcName})` : report.target.vpcId);
  const n = plan.steps.length;
  return (
    `ecr-vpce doctor · ${vpc} · ${clean(report.target.region)}: ${s.fail} failed, ${s.warn} warning(s), ${s.error} error(s), ${s.pass} passed, ${s.skip} skipped (verdict ${s.verdict}).\n` +
    `Fix plan: ${n} step${n === 1 ? '' : 's'} written to stdout as ${format}${n > 0 ? ` (fixes ${[...new Set(plan.steps.flatMap((x) => x.fixes))].join(', ')})` : ''}. Nothing was executed.\n`
  );
}
