import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFixPlan } from '../../src/report/fix-plan';
import { renderFixPlanHuman, renderFixPlanSummary } from '../../src/report/fix-plan-human';
import { assertGolden } from '../helpers/golden';
import { anInventory } from '../helpers/inventory-builder';
import { everythingBroken, hostileReport, planOf, reportOf } from './fix-plan-fixtures';

const ESC = '\u001b';
const human = (inv = everythingBroken(), width?: number, color = false) => {
  const report = reportOf(inv);
  return renderFixPlanHuman(report, planOf(report, inv), { color, width });
};

describe('renderFixPlanHuman', () => {
  it('numbered steps with why, fixes and the CLI lines indented under each (golden)', () => {
    assertGolden('fix-plan-broken.txt', human());
  });

  it('shows the exact command of each step, as --fix-plan=cli prints it', () => {
    const lines = human().split('\n');
    const i = lines.indexOf('  6. Associate vpce-s3 with rtb-app');
    assert.ok(i > 0);
    assert.deepEqual(lines.slice(i + 1, i + 4), [
      '     why: A gateway endpoint only serves the route tables it is associated with.',
      '     fixes: s3-route-association',
      "       aws ec2 modify-vpc-endpoint --region 'us-east-1' --vpc-endpoint-id 'vpce-s3' --add-route-table-ids 'rtb-app'",
    ]);
  });

  it('says so when there is nothing to fix', () => {
    assert.equal(human(anInventory().build()), 'Fix plan: 0 steps, none applied (review, then run them)\n  No failing or warning check asks for a change.\n');
  });

  it('names the checks it cannot cover because they could not be evaluated', () => {
    const inv = anInventory().withGap('securityGroups', 'ec2:DescribeSecurityGroups').build();
    const errors = reportOf(inv).checks.filter((c) => c.status === 'error').map((c) => c.id);
    assert.ok(errors.includes('endpoint-sg-ingress-443') && errors.includes('egress-path'), errors.join());
    assert.ok(human(inv).includes(`\nNot covered: ${errors.join(', ')} could not be evaluated; rerun the doctor`));
  });

  it('wraps prose at the width with a hanging indent, never the commands', () => {
    const out = human(everythingBroken(), 60).split('\n');
    for (const line of out.filter((l) => !l.startsWith('       aws ') && !l.startsWith('       SG_ID'))) assert.ok(line.length <= 60, line);
    assert.ok(out.some((l) => l.startsWith('       aws ') && l.length > 60));
    // A wrapped "why:" continues under its text, not under the number.
    assert.ok(out.some((l) => /^ {10}\S/.test(l)));
  });

  it('colour only when asked; hostile text inert either way', () => {
    assert.doesNotMatch(human(), new RegExp(ESC));
    assert.match(human(everythingBroken(), undefined, true), new RegExp(`${ESC}\\[1m`));
    const report = hostileReport();
    for (const color of [false, true]) {
      const out = renderFixPlanHuman(report, buildFixPlan(report), { color });
      assert.doesNotMatch(out.replace(/\u001b\[(?:1|22|36|39)m/g, ''), /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    }
  });
});

describe('renderFixPlanSummary (stderr when stdout is the script)', () => {
  it('counts, verdict, steps and the checks they fix, in two lines', () => {
    const inv = anInventory().classicS3Leak().build();
    const report = reportOf(inv);
    const { pass, skip } = report.summary; // the registry grows: count what ran
    assert.equal(
      renderFixPlanSummary(report, planOf(report, inv), 'cli'),
      `ecr-vpce doctor · vpc-healthy (prod) · us-east-1: 1 failed, 1 warning(s), 0 error(s), ${pass} passed, ${skip} skipped (verdict fail).\n` +
        'Fix plan: 1 step written to stdout as cli (fixes s3-route-association). Nothing was executed.\n',
    );
  });
});
