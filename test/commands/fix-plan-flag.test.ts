import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixPlanFormat, planOwnsStdout, withBareFixPlan } from '../../src/commands/fix-plan-flag';
import { DiagnoseError } from '../../src/util/errors';

describe('withBareFixPlan (oclif 4 has no optional-value flags)', () => {
  it('a bare --fix-plan means human, wherever it is', () => {
    assert.deepEqual(withBareFixPlan(['--fix-plan']), ['--fix-plan=human']);
    assert.deepEqual(withBareFixPlan(['--fix-plan', '--vpc', 'vpc-1']), ['--fix-plan=human', '--vpc', 'vpc-1']);
    assert.deepEqual(withBareFixPlan(['--vpc', 'vpc-1', '--fix-plan']), ['--vpc', 'vpc-1', '--fix-plan=human']);
  });

  it('leaves an explicit format alone, = or space separated', () => {
    assert.deepEqual(withBareFixPlan(['--fix-plan=cli']), ['--fix-plan=cli']);
    assert.deepEqual(withBareFixPlan(['--fix-plan', 'terraform', '--json']), ['--fix-plan', 'terraform', '--json']);
  });

  it('lets oclif reject a bad value instead of guessing', () => {
    assert.deepEqual(withBareFixPlan(['--fix-plan=yaml']), ['--fix-plan=yaml']);
  });

  it('touches nothing after --', () => {
    assert.deepEqual(withBareFixPlan(['--', '--fix-plan']), ['--', '--fix-plan']);
  });
});

describe('fixPlanFormat', () => {
  it('none, or the format given', () => {
    assert.equal(fixPlanFormat(undefined, false), undefined);
    assert.equal(fixPlanFormat('cli', false), 'cli');
    assert.equal(fixPlanFormat('human', true), 'human');
  });

  it('refuses a script or HCL on the stdout --json owns (exit 2, bad-input)', () => {
    for (const f of ['cli', 'terraform']) {
      assert.throws(() => fixPlanFormat(f, true), (e: unknown) => e instanceof DiagnoseError && e.reason === 'bad-input' && /--json --fix-plan/.test(e.message));
    }
  });

  it('only cli and terraform take stdout for themselves', () => {
    assert.deepEqual([undefined, 'human', 'cli', 'terraform'].map((f) => planOwnsStdout(f as never)), [false, false, true, true]);
  });
});
