import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFixPlan } from '../../src/report/fix-plan';
import { renderFixPlanCli } from '../../src/report/fix-plan-cli';
import { clean } from '../../src/report/sanitize';
import { runWithFakeAws, shellSyntaxError } from '../helpers/fake-aws';
import { assertGolden } from '../helpers/golden';
import { anInventory } from '../helpers/inventory-builder';
import { everythingBroken, HOSTILE, hostileReport, noEndpoints, planOf, reportOf } from './fix-plan-fixtures';

const scriptFor = (inv = everythingBroken()) => {
  const report = reportOf(inv);
  return renderFixPlanCli(report, planOf(report, inv));
};
const commandLines = (script: string) => script.split('\n').filter((l) => l !== '' && !l.startsWith('#') && l !== 'set -eu');

describe('renderFixPlanCli: golden scripts', () => {
  it('everything broken: attributes, ecr.api, private DNS, SG rule, S3 association', () => {
    assertGolden('fix-plan-broken.sh', scriptFor());
  });

  it('no endpoints: creates the security group, keeps its id in SG_ID, uses it for both endpoints', () => {
    const script = scriptFor(noEndpoints());
    assertGolden('fix-plan-no-endpoints.sh', script);
    assert.match(script, /^SG_ID=\$\(aws ec2 create-security-group .* --query 'GroupId' --output text\)$/m);
    assert.equal(script.match(/--security-group-ids "\$SG_ID"/g)?.length, 2);
  });

  it('a healthy VPC gives a script that does nothing', () => {
    const inv = anInventory().build();
    const script = scriptFor(inv);
    assert.deepEqual(commandLines(script), []);
    assert.match(script, /# Nothing to fix/);
  });
});

describe('renderFixPlanCli: the script contract', () => {
  for (const [name, script] of [
    ['everything broken', scriptFor()],
    ['no endpoints', scriptFor(noEndpoints())],
    ['unknown VPC CIDR', renderFixPlanCli(reportOf(noEndpoints()), buildFixPlan(reportOf(noEndpoints())))],
  ] as const) {
    it(`${name}: #!/bin/sh, set -eu, parses with sh -n`, () => {
      assert.ok(script.startsWith('#!/bin/sh\n'));
      assert.match(script, /^set -eu$/m);
      assert.equal(shellSyntaxError(script), undefined);
    });

    it(`${name}: only AWS CLI commands, each with --region, none that deletes or replaces`, () => {
      const lines = commandLines(script);
      assert.ok(lines.length > 0);
      for (const line of lines) {
        assert.match(line, /^(?:[A-Z_]+=\$\()?aws ec2 [a-z-]+ --region 'us-east-1' /, line);
        assert.doesNotMatch(line, /\b(delete|revoke|replace|remove|disassociate|terminate|detach|release)-|--remove-/i, line);
      }
    });
  }

  it('runs as printed: the fake aws sees exactly these arguments, the JSON intact', () => {
    const run = runWithFakeAws(scriptFor());
    assert.equal(run.status, 0, run.stderr);
    const r = ['--region', 'us-east-1'];
    assert.deepEqual(run.calls, [
      ['ec2', 'modify-vpc-attribute', ...r, '--vpc-id', 'vpc-healthy', '--enable-dns-support', '{"Value":true}'],
      ['ec2', 'modify-vpc-attribute', ...r, '--vpc-id', 'vpc-healthy', '--enable-dns-hostnames', '{"Value":true}'],
      [
        'ec2', 'create-vpc-endpoint', ...r, '--vpc-id', 'vpc-healthy', '--vpc-endpoint-type', 'Interface',
        '--service-name', 'com.amazonaws.us-east-1.ecr.api', '--private-dns-enabled', '--subnet-ids', 'subnet-app-a', 'subnet-app-b',
        '--security-group-ids', 'sg-endpoints', '--query', 'VpcEndpoint.VpcEndpointId', '--output', 'text',
      ],
      ['ec2', 'modify-vpc-endpoint', ...r, '--vpc-endpoint-id', 'vpce-dkr', '--private-dns-enabled'],
      [
        'ec2', 'authorize-security-group-ingress', ...r, '--group-id', 'sg-endpoints', '--ip-permissions',
        JSON.stringify([
          {
            IpProtocol: 'tcp',
            FromPort: 443,
            ToPort: 443,
            IpRanges: [
              { CidrIp: '10.0.10.0/24', Description: 'HTTPS to the ECR endpoints (ecr-vpce)' },
              { CidrIp: '10.0.11.0/24', Description: 'HTTPS to the ECR endpoints (ecr-vpce)' },
            ],
          },
        ]),
      ],
      ['ec2', 'modify-vpc-endpoint', ...r, '--vpc-endpoint-id', 'vpce-s3', '--add-route-table-ids', 'rtb-app'],
    ]);
  });

  it('passes the id of the group it created to the endpoints', () => {
    const run = runWithFakeAws(scriptFor(noEndpoints()));
    assert.equal(run.status, 0, run.stderr);
    const endpoints = run.calls.filter((c) => c[1] === 'create-vpc-endpoint' && c.includes('Interface'));
    assert.equal(endpoints.length, 2);
    for (const c of endpoints) assert.equal(c[c.indexOf('--security-group-ids') + 1], 'sg-fake');
    const ingress = run.calls.find((c) => c[1] === 'authorize-security-group-ingress');
    assert.equal(ingress?.[ingress.indexOf('--group-id') + 1], 'sg-fake');
  });

  it('with the VPC CIDR unknown, reads it when run and admits it', () => {
    const report = reportOf(noEndpoints());
    const run = runWithFakeAws(renderFixPlanCli(report, buildFixPlan(report)));
    assert.equal(run.status, 0, run.stderr);
    const ingress = run.calls.find((c) => c[1] === 'authorize-security-group-ingress');
    assert.deepEqual(ingress?.slice(2), ['--region', 'us-east-1', '--group-id', 'sg-fake', '--protocol', 'tcp', '--port', '443', '--cidr', '10.9.0.0/16']);
  });
});

describe('renderFixPlanCli: hostile values stay inert', () => {
  const report = hostileReport();
  const script = renderFixPlanCli(report, buildFixPlan(report, { vpcCidrs: [`cidr-${HOSTILE}`] }));
  const inert = clean(HOSTILE);

  it('parses with sh -n and carries no escape or control character', () => {
    assert.equal(shellSyntaxError(script), undefined);
    assert.doesNotMatch(script, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('runs nothing injected, and aws receives each value literally (cleaned)', () => {
    const run = runWithFakeAws(script);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.leftovers, [], 'an injected command ran');
    const flat = run.calls.flat();
    for (const v of [`vpc-${inert}`, `subnet-${inert}`, `rtb-${inert}`, `vpce-${inert}`, `sg-${inert}`, `svc-${inert}`, `us-east-1${inert}`]) {
      assert.ok(flat.includes(v), `aws never received ${JSON.stringify(v)}`);
    }
    const ingress = run.calls.filter((c) => c[1] === 'authorize-security-group-ingress').map((c) => c[c.indexOf('--ip-permissions') + 1]);
    const permissions = ingress.map((json) => JSON.parse(json)[0]);
    assert.deepEqual(permissions[0].IpRanges.map((r: { CidrIp: string }) => r.CidrIp), [`cidr-${inert}`]);
    assert.deepEqual(permissions[1].UserIdGroupPairs.map((g: { GroupId: string }) => g.GroupId), [`sg-src-${inert}`]);
    // The manual step is a comment, never a command.
    assert.equal(run.calls.length, 8);
  });

  it('a title or why cannot end its comment line', () => {
    for (const line of script.split('\n').filter((l) => l.includes('title x') || l.includes('why x'))) assert.match(line, /^# /);
  });
});
