/**
 * `doctor --fix-plan[=human|cli|terraform]`. oclif 4 has no optional-value flags, so the flag
 * takes a value and a bare `--fix-plan` is rewritten to `--fix-plan=human` before parsing
 * (withBareFixPlan). `doctor` has no positional arguments, so `--fix-plan cli` stays unambiguous.
 */
import { Flags, type Command } from '@oclif/core';
import { renderFixPlanCli } from '../report/fix-plan-cli';
import { renderFixPlanHuman, renderFixPlanSummary } from '../report/fix-plan-human';
import { renderFixPlanTerraform } from '../report/fix-plan-terraform';
import { FIX_PLAN_FORMATS, type FixPlanFormat } from '../report/fix-plan';
import type { Report } from '../report/model';
import { shouldColor } from '../report/color';
import { DiagnoseError } from '../util/errors';

export const fixPlanFlags = {
  'fix-plan': Flags.string({
    description:
      'Print the remediation as ordered steps (never executed). human (also a bare --fix-plan): numbered steps after the report. ' +
      'cli: a POSIX sh script of AWS CLI commands, alone on stdout (summary on stderr). terraform: HCL, alone on stdout. ' +
      'With --json: the steps are added to the report as fixPlan.',
    options: [...FIX_PLAN_FORMATS],
    helpValue: 'human|cli|terraform',
  }),
};

/** `--fix-plan` not followed by a format becomes `--fix-plan=human`; nothing after `--` is touched. */
export function withBareFixPlan(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  const head = end >= 0 ? argv.slice(0, end) : [...argv];
  const tail = end >= 0 ? argv.slice(end) : [];
  const out = head.map((arg, i) =>
    arg === '--fix-plan' && !(FIX_PLAN_FORMATS as readonly string[]).includes(head[i + 1] ?? '') ? '--fix-plan=human' : arg,
  );
  return [...out, ...tail];
}

/** The format asked for, if any. A script or HCL cannot share stdout with --json: refused. */
export function fixPlanFormat(value: string | undefined, json: boolean): FixPlanFormat | undefined {
  if (value === undefined) return undefined;
  const format = value as FixPlanFormat;
  if (json && format !== 'human') {
    throw new DiagnoseError(`--fix-plan=${format} prints a script, not JSON: use --json --fix-plan for the plan as structured steps.`, 'bad-input');
  }
  return format;
}

/** True when stdout must carry the plan alone (so `> fix.sh` works) and the report is skipped. */
export function planOwnsStdout(format: FixPlanFormat | undefined): boolean {
  return format === 'cli' || format === 'terraform';
}

export function writeFixPlan(cmd: Command, report: Report, format: FixPlanFormat): void {
  const plan = report.fixPlan;
  if (!plan) return;
  if (format === 'human') {
    const width = process.stdout.isTTY ? process.stdout.columns : undefined;
    cmd.log(`\n${renderFixPlanHuman(report, plan, { color: shouldColor(process.stdout, process.env), width }).trimEnd()}`);
    return;
  }
  process.stdout.write(format === 'cli' ? renderFixPlanCli(report, plan) : renderFixPlanTerraform(report, plan));
  cmd.logToStderr(renderFixPlanSummary(report, plan, format).trimEnd());
}
