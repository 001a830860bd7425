/**
 * --format, --output, --sarif-artifact, --config: where the report goes and in which form.
 * stdout carries one format (human by default); --output FILE takes the chosen format while
 * the human report still goes to the terminal. --json keeps its oclif meaning: JSON on stdout.
 */
import { Flags, type Command } from '@oclif/core';
import { writeFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { CHECKS } from '../checks/index';
import { CONFIG_FILE } from '../config/load';
import type { FixPlanFormat } from '../report/fix-plan';
import type { Config } from '../config/types';
import { shouldColor } from '../report/color';
import { FORMATS, isFormat, type Format } from '../report/formats';
import type { Report } from '../report/model';
import { renderFormat, type RenderOptions } from '../report/render';
import { DiagnoseError } from '../util/errors';

export const reportFlags = {
  format: Flags.string({
    description: 'Report format: human (default), json (= --json), sarif (GitHub code scanning), junit (CI test reports), markdown (pull-request comments, with Mermaid path diagrams). With --output and no --format: taken from the file extension (.sarif, .xml, .md, .json).',
    options: [...FORMATS],
  }),
  output: Flags.string({
    char: 'o',
    description:
      'Write the report to FILE in the chosen format; the human report still goes to the terminal. Repeatable, for several formats from one read: each file then takes the format of its extension (.sarif, .xml, .md, .json).',
    helpValue: 'FILE',
    multiple: true,
  }),
  'sarif-artifact': Flags.string({
    description: `SARIF only: the repository file every finding points at (GitHub needs a file location; the AWS resource is the logical location). Default: the config file, else ${CONFIG_FILE}.`,
    helpValue: 'PATH',
  }),
  config: Flags.string({
    description: `Config file with flag defaults and suppressions. Default: ${CONFIG_FILE} in the working directory, else the "ecr-vpce" key of its package.json.`,
    helpValue: 'FILE',
  }),
};

export interface ReportFlagValues {
  format?: string;
  output?: string[];
  'sarif-artifact'?: string;
}

export interface Destination {
  /** What each --output gets. */
  files: { path: string; format: Format }[];
  /** What stdout gets: a format, or nothing (the fix plan script, or oclif's --json). */
  stdout?: Format;
}

const BY_EXTENSION: Record<string, Format> = { '.sarif': 'sarif', '.xml': 'junit', '.md': 'markdown', '.markdown': 'markdown', '.json': 'json' };

/** Decides before any AWS call, so a bad combination costs nothing. */
export function destination(flags: ReportFlagValues, json: boolean, plan: FixPlanFormat | undefined): Destination {
  const planOwnsStdout = plan === 'cli' || plan === 'terraform';
  const format = flags.format;
  if (format !== undefined && !isFormat(format)) throw new DiagnoseError(`--format must be one of ${FORMATS.join(', ')}`, 'bad-input');
  const outputs = flags.output ?? [];
  if (outputs.length > 0) {
    const chosen = format ?? (json ? 'json' : undefined);
    const files = outputs.map((path) => ({ path, format: fileFormat(path, chosen, outputs.length === 1) }));
    return { files, stdout: json || planOwnsStdout ? undefined : 'human' };
  }
  if (json) {
    if (format !== undefined && format !== 'json') throw new DiagnoseError(`--json prints JSON; use --format ${format} without --json, or add --output FILE`, 'bad-input');
    return { files: [] };
  }
  const stdout = format ?? 'human';
  if (plan !== undefined && stdout !== 'human') {
    throw new DiagnoseError(`--fix-plan prints on stdout too: write the ${stdout} report with --output FILE`, 'bad-input');
  }
  return { files: [], stdout: planOwnsStdout ? undefined : stdout };
}

/**
 * One --output: the chosen format, else its extension's, else human. Several: each its
 * extension's, so one read can write SARIF, JUnit and Markdown; --format only for the others.
 */
function fileFormat(path: string, chosen: Format | undefined, single: boolean): Format {
  const byExt = BY_EXTENSION[/\.[A-Za-z]+$/.exec(path)?.[0].toLowerCase() ?? ''];
  return (single ? chosen ?? byExt : byExt ?? chosen) ?? 'human';
}

/** Writes the file (if any) and stdout's format (if any). */
export function writeReport(cmd: Command, report: Report, dest: Destination, sarifArtifact: string): void {
  writeRendered(cmd, dest, sarifArtifact, (format, opts) => renderFormat(report, format, opts));
}

/** The same for any report (one VPC, or a scan's): `render` turns it into each format. */
export function writeRendered(cmd: Command, dest: Destination, sarifArtifact: string, render: (format: Format, opts: RenderOptions) => string): void {
  const base = { checks: CHECKS, sarifArtifact };
  for (const file of dest.files) {
    const text = render(file.format, { ...base, color: false });
    try {
      writeFileSync(file.path, text);
    } catch (err) {
      throw new DiagnoseError(`Cannot write ${file.path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, 'bad-output');
    }
  }
  if (!dest.stdout) return;
  if (dest.stdout === 'human') {
    const width = process.stdout.isTTY ? process.stdout.columns : undefined;
    cmd.log(render('human', { ...base, color: shouldColor(process.stdout, process.env), width }).trimEnd());
    return;
  }
  process.stdout.write(render(dest.stdout, { ...base, color: false }));
}

/**
 * The file SARIF results point at, as a repository-relative URI: --sarif-artifact, else the
 * config file the run read, else .ecr-vpce.json.
 */
export function sarifArtifact(flag: string | undefined, config: Config, cwd = process.cwd()): string {
  const chosen = flag ?? (config.source?.startsWith('package.json') ? 'package.json' : config.source) ?? CONFIG_FILE;
  const rel = isAbsolute(chosen) ? relative(cwd, chosen) : chosen;
  return encodeURI(rel.split(sep).join('/').replace(/^\.\//, ''));
}
