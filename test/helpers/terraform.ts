/**
 * terraform, when the machine has it, as an offline oracle for the HCL we print: `fmt -check`
 * (parses and checks layout) and `console` (evaluates a string literal). Both run in an empty
 * temporary directory with the update check and any CLI config turned off: no network.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ENV = { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1' };

let found: boolean | undefined;

export function hasTerraform(): boolean {
  found ??= spawnSync('terraform', ['version'], { env: ENV, stdio: 'ignore' }).status === 0;
  return found;
}

function inEmptyDir(args: string[], input: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ecr-vpce-tf-'));
  try {
    return spawnSync('terraform', args, { cwd: dir, env: ENV, input, encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** undefined when `terraform fmt -check -` accepts the text as it is; else why not. */
export function fmtProblem(hcl: string): string | undefined {
  const res = inEmptyDir(['fmt', '-check', '-no-color', '-'], hcl);
  if (res.status === 0) return undefined;
  const formatted = inEmptyDir(['fmt', '-no-color', '-'], hcl);
  return `terraform fmt -check exited ${res.status}\n${res.stderr}${formatted.status === 0 ? `\nfmt would print:\n${formatted.stdout}` : ''}`;
}

/** The value Terraform gives a string expression (read back through base64, so no re-quoting). */
export function evalString(expr: string): string {
  const res = inEmptyDir(['console', '-no-color'], `base64encode(${expr})\n`);
  if (res.status !== 0) throw new Error(`terraform console exited ${res.status}: ${res.stderr}`);
  return Buffer.from(JSON.parse(res.stdout.trim()), 'base64').toString('utf8');
}
