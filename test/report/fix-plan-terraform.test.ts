import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { buildFixPlan } from '../../src/report/fix-plan';
import { renderFixPlanTerraform } from '../../src/report/fix-plan-terraform';
import { hclString } from '../../src/report/hcl';
import { clean } from '../../src/report/sanitize';
import { assertGolden } from '../helpers/golden';
import { anInventory } from '../helpers/inventory-builder';
import { evalString, fmtProblem, hasTerraform } from '../helpers/terraform';
import { everythingBroken, HOSTILE, hostileReport, noEndpoints, planOf, reportOf } from './fix-plan-fixtures';

const hclFor = (inv = everythingBroken()) => {
  const report = reportOf(inv);
  return renderFixPlanTerraform(report, planOf(report, inv));
};
const hostile = () => {
  const report = hostileReport();
  return renderFixPlanTerraform(report, buildFixPlan(report, { vpcCidrs: [`cidr-${HOSTILE}`] }));
};

const outputs: Array<[string, () => string]> = [
  ['everything broken', () => hclFor()],
  ['no endpoints', () => hclFor(noEndpoints())],
  ['unknown VPC CIDR', () => renderFixPlanTerraform(reportOf(noEndpoints()), buildFixPlan(reportOf(noEndpoints())))],
  ['hostile values', hostile],
];

function needTerraform(t: TestContext): boolean {
  if (hasTerraform()) return true;
  const why = 'terraform not found on PATH: SKIPPING the terraform fmt/console checks of the HCL fix plan';
  console.warn(`\n*** ${why} ***\n`);
  t.skip(why);
  return false;
}

describe('renderFixPlanTerraform: golden HCL', () => {
  it('everything broken: comments for VPC attributes and private DNS, endpoint, rules, association', () => {
    assertGolden('fix-plan-broken.tf', hclFor());
  });

  it('no endpoints: a security group, its rule, endpoints referencing it, the S3 gateway', () => {
    const hcl = hclFor(noEndpoints());
    assertGolden('fix-plan-no-endpoints.tf', hcl);
    assert.equal(hcl.match(/security_group_ids  = \[aws_security_group\.ecr_vpce_endpoints\.id\]/g)?.length, 2);
  });

  it('a healthy VPC: only comments', () => {
    assert.deepEqual(hclFor(anInventory().build()).split('\n').filter((l) => l && !l.startsWith('#')), []);
  });

  it('never a resource that deletes or replaces: only the four kinds we create, plus a data source', () => {
    for (const [, render] of outputs) {
      const types = [...render().matchAll(/^resource "([^"]+)"/gm)].map((m) => m[1]);
      for (const t of types) {
        assert.ok(
          ['aws_vpc_endpoint', 'aws_vpc_endpoint_route_table_association', 'aws_vpc_security_group_ingress_rule', 'aws_security_group'].includes(t),
          t,
        );
      }
    }
  });
});

describe('renderFixPlanTerraform: valid, fmt-clean HCL', () => {
  for (const [name, render] of outputs) {
    it(`${name}: every line is a comment, a block, an attribute or a closing brace`, () => {
      for (const line of render().split('\n')) {
        assert.match(line, /^(|#.*|(resource|data)( "[^"\\]*"){1,2} \{|  [a-z0-9_]+ += .+|\})$/, line);
      }
    });

    it(`${name}: terraform fmt -check accepts it as printed`, (t) => {
      if (!needTerraform(t)) return;
      assert.equal(fmtProblem(render()), undefined);
    });
  }

  it('labels are unique per resource type', () => {
    const labels = [...hostile().matchAll(/^resource "([^"]+)" "([^"]+)"/gm)].map((m) => `${m[1]}.${m[2]}`);
    assert.equal(new Set(labels).size, labels.length);
  });
});

describe('hclString', () => {
  it('escapes quote and backslash, doubles template introducers', () => {
    assert.equal(hclString('a"b\\c ${x} %{y} $z %w'), '"a\\"b\\\\c $${x} %%{y} $z %w"');
  });

  it('drops escapes and newlines (cleaned) so a string cannot span lines', () => {
    assert.equal(hclString('a\u001b[2Jb\nc'), '"ab c"');
  });

  it('Terraform reads the hostile value back literally (cleaned)', (t) => {
    if (!needTerraform(t)) return;
    assert.equal(evalString(hclString(HOSTILE)), clean(HOSTILE));
  });
});
