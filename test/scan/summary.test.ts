/** The combined summary and exit code: the worst target wins. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarizeScan } from '../../src/scan/summary';
import type { ScanEntry } from '../../src/scan/types';
import { diagnose, inventoryOf, vpcId, type Health } from './scan-fixtures';

const report = (health: Health, strict = false, n = 1): ScanEntry => diagnose({ strict })(inventoryOf('us-east-1', { vpcId: vpcId(n), health }));
const failed: ScanEntry = { target: { region: 'eu-west-1' }, error: { reason: 'denied', message: 'Not allowed' } };

describe('summarizeScan', () => {
  it('the fixtures give the verdicts they are named for', () => {
    assert.deepEqual(
      (['healthy', 'warn', 'leak', 'gap'] as const).map((h) => (report(h) as { summary: { verdict: string } }).summary.verdict),
      ['pass', 'warn', 'fail', 'error'],
    );
  });

  const cases: Array<[string, ScanEntry[], { pass: number; warn: number; fail: number; error: number; exitCode: number }]> = [
    ['no target at all', [], { pass: 0, warn: 0, fail: 0, error: 0, exitCode: 0 }],
    ['all pass', [report('healthy'), report('healthy', false, 2)], { pass: 2, warn: 0, fail: 0, error: 0, exitCode: 0 }],
    ['a warning, without --strict', [report('healthy'), report('warn')], { pass: 1, warn: 1, fail: 0, error: 0, exitCode: 0 }],
    ['a warning, with --strict', [report('healthy', true), report('warn', true)], { pass: 1, warn: 1, fail: 0, error: 0, exitCode: 1 }],
    ['a failure', [report('warn'), report('leak')], { pass: 0, warn: 1, fail: 1, error: 0, exitCode: 1 }],
    ['a check errored (a gap)', [report('leak'), report('gap')], { pass: 0, warn: 0, fail: 1, error: 1, exitCode: 2 }],
    ['a target could not be diagnosed', [report('healthy'), failed], { pass: 1, warn: 0, fail: 0, error: 1, exitCode: 2 }],
    ['undiagnosed beats failed', [failed, report('leak')], { pass: 0, warn: 0, fail: 1, error: 1, exitCode: 2 }],
  ];
  for (const [what, entries, expected] of cases) {
    it(what, () => {
      assert.deepEqual(summarizeScan(entries), { targets: entries.length, ...expected });
    });
  }
});
