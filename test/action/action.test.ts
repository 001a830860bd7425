// The composite action's doctor step, run for real by bash with a stub `npx` that records its
// arguments: proves the flags it builds, the artifact it picks and the outputs it writes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const ROOT = resolve(__dirname, '..', '..');
const ACTION = readFileSync(join(ROOT, 'action.yml'), 'utf8');

/** The `run: |` block of the step with the given id (indentation-based; the file is ours). */
function runBlock(id: string): string {
  const lines = ACTION.split('\n');
  const start = lines.findIndex((l) => l.trim() === `- id: ${id}`);
  const run = lines.findIndex((l, i) => i > start && l.trim() === 'run: |');
  const indent = /^ */.exec(lines[run + 1])![0].length;
  const body: string[] = [];
  for (const line of lines.slice(run + 1)) {
    if (line.trim() !== '' && /^ */.exec(line)![0].length < indent) break;
    body.push(line.slice(indent));
  }
  return body.join('\n');
}

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function runStep(env: Record<string, string>, opts: { exit?: number; configFile?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ecr-vpce-action-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'work'));
  if (opts.configFile) writeFileSync(join(dir, 'work', '.ecr-vpce.json'), '{}');
  // The stub writes each --output file and exits like the doctor would.
  writeFileSync(
    join(dir, 'bin', 'npx'),
    `#!/bin/bash\nprintf '%s\\n' "$@" > "${dir}/args"\nprev=\nfor a in "$@"; do [ "$prev" = --output ] && echo "report for $a" > "$a"; prev=$a; done\nexit ${opts.exit ?? 0}\n`,
  );
  chmodSync(join(dir, 'bin', 'npx'), 0o755);
  writeFileSync(join(dir, 'out'), '');
  writeFileSync(join(dir, 'summary'), '');
  const res = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', runBlock('doctor')], {
    cwd: join(dir, 'work'),
    encoding: 'utf8',
    env: {
      PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
      GITHUB_OUTPUT: join(dir, 'out'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      GITHUB_REPOSITORY: 'acme/infra',
      GITHUB_WORKFLOW_REF: 'acme/infra/.github/workflows/ecr-vpce.yml@refs/heads/main',
      RUNNER_TEMP: dir,
      ECR_VPCE_VERSION: 'latest',
      ECR_VPCE_VPC: '',
      ECR_VPCE_ARGS: '',
      ECR_VPCE_SARIF: 'ecr-vpce.sarif',
      ECR_VPCE_ARTIFACT: '',
      ECR_VPCE_SUMMARY: 'true',
      ...env,
    },
  });
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { res, args: res.status === 0 ? read('args').trimEnd().split('\n') : [], output: read('out'), summary: read('summary'), dir };
}

describe('action.yml doctor step', () => {
  it('SARIF and the Markdown summary from one read, pointing at the workflow file', () => {
    const { res, args, output, summary, dir } = runStep({ ECR_VPCE_VPC: 'vpc-0123456789abcdef0', ECR_VPCE_ARGS: '--platform eks  --strict' });
    assert.equal(res.status, 0, res.stderr);
    assert.deepEqual(args, [
      '--yes', 'ecr-vpce@latest', 'doctor', '--output', 'ecr-vpce.sarif', '--output', join(dir, 'ecr-vpce-summary.md'),
      '--vpc', 'vpc-0123456789abcdef0', '--sarif-artifact', '.github/workflows/ecr-vpce.yml', '--platform', 'eks', '--strict',
    ]);
    assert.equal(output, 'exit-code=0\n');
    assert.equal(summary, `report for ${join(dir, 'ecr-vpce-summary.md')}\n`);
  });

  it('no summary: --format sarif; the repository config file is the artifact; exit codes pass through', () => {
    const { res, args, output } = runStep({ ECR_VPCE_SUMMARY: 'false' }, { exit: 1, configFile: true });
    assert.equal(res.status, 0, 'the step itself succeeds so that the SARIF is uploaded');
    assert.deepEqual(args.slice(2), ['doctor', '--output', 'ecr-vpce.sarif', '--format', 'sarif', '--sarif-artifact', '.ecr-vpce.json']);
    assert.equal(output, 'exit-code=1\n');
  });

  it('extra args are words, never shell: no expansion, no globbing', () => {
    const { args } = runStep({ ECR_VPCE_ARGS: '--subnet $(touch${IFS}pwned) *', ECR_VPCE_SUMMARY: 'false', ECR_VPCE_ARTIFACT: 'x.json' });
    assert.deepEqual(args.slice(-3), ['--subnet', '$(touch${IFS}pwned)', '*']);
  });

  it('a sarif-file that is not .sarif is refused', () => {
    const { res } = runStep({ ECR_VPCE_SARIF: 'report.json' });
    assert.equal(res.status, 2);
    assert.match(res.stdout, /::error::sarif-file must end in \.sarif/);
  });
});
