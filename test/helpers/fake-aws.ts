/**
 * Runs a generated fix-plan script with a fake `aws` first on PATH that records its argv (one
 * file per call, one argument per line) and answers the --query calls, so a test can assert
 * exactly which arguments the shell passed, and that nothing else ran.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FAKE_AWS = `#!/bin/sh
n=$(ls "$AWS_LOG_DIR" | wc -l)
for a in "$@"; do printf '%s\\n' "$a"; done > "$AWS_LOG_DIR/call-$(printf '%03d' "$n")"
case "$*" in
  *create-security-group*) echo sg-fake ;;
  *describe-vpcs*) echo 10.9.0.0/16 ;;
esac
`;

export interface ScriptRun {
  status: number | null;
  stderr: string;
  /** argv of each aws call, in order. */
  calls: string[][];
  /** Files the script left in its working directory (a successful injection would leave some). */
  leftovers: string[];
}

export function runWithFakeAws(script: string): ScriptRun {
  const dir = mkdtempSync(join(tmpdir(), 'ecr-vpce-fake-aws-'));
  try {
    const bin = join(dir, 'bin');
    const logs = join(dir, 'log');
    const work = join(dir, 'work');
    for (const d of [bin, logs, work]) mkdirSync(d);
    writeFileSync(join(bin, 'aws'), FAKE_AWS);
    chmodSync(join(bin, 'aws'), 0o755);
    writeFileSync(join(dir, 'fix.sh'), script);
    const res = spawnSync('sh', [join(dir, 'fix.sh')], {
      cwd: work,
      env: { PATH: `${bin}:/usr/bin:/bin`, AWS_LOG_DIR: logs, HOME: work },
      encoding: 'utf8',
    });
    const calls = readdirSync(logs)
      .sort()
      .map((f) => readFileSync(join(logs, f), 'utf8').replace(/\n$/, '').split('\n'));
    return { status: res.status, stderr: res.stderr, calls, leftovers: readdirSync(work) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `sh -n`: parses the script without running anything. */
export function shellSyntaxError(script: string): string | undefined {
  const res = spawnSync('sh', ['-n'], { input: script, encoding: 'utf8' });
  return res.status === 0 ? undefined : res.stderr || `sh -n exited ${res.status}`;
}
