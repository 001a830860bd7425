import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../src/checks/types';
import type { Inventory } from '../../src/inventory/types';
import { renderHuman } from '../../src/report/human';
import { buildReport, type Report } from '../../src/report/model';
import { classicResults, classicVpc, OPTS, result } from './fixtures';

const ESC = '\u001b';

function report(opts: { inventory?: Inventory; results?: CheckResult[]; strict?: boolean; subnetIds?: string[] } = {}): Report {
  return buildReport({
    results: opts.results ?? classicResults(),
    inventory: opts.inventory ?? classicVpc(),
    options: { ...OPTS, subnetIds: opts.subnetIds ?? [] },
    toolVersion: '0.1.0',
    source: 'live',
    strict: opts.strict,
  });
}

const lines = (r: Report, width?: number) => renderHuman(r, { color: false, width }).split('\n');

/** Asserts `expected` is one whole line of the output (not merely a substring). */
function assertLine(out: string[], expected: string): void {
  assert.ok(out.includes(expected), `missing line ${JSON.stringify(expected)} in:\n${out.join('\n')}`);
}

describe('renderHuman: header', () => {
  it('names the VPC, region, account and platform, then how the workload subnets were chosen', () => {
    const out = lines(report());
    assert.equal(out[0], 'ecr-vpce doctor · vpc-0app (prod) · us-east-1 · account 123456789012 · platform fargate');
    assertLine(out, 'Workload subnets: subnet-app, subnet-b (app-b) — the private subnets (no default route to an internet gateway)');
  });

  it('says when the subnets came from --subnet, and leaves out an unknown account', () => {
    const inv = classicVpc();
    delete inv.target.accountId;
    const out = lines(report({ inventory: inv, subnetIds: ['subnet-b'] }));
    assert.equal(out[0], 'ecr-vpce doctor · vpc-0app (prod) · us-east-1 · platform fargate');
    assertLine(out, 'Workload subnets: subnet-b (app-b) — given with --subnet');
  });
});

describe('renderHuman: checks', () => {
  it('groups by stage in flow order, only the stages present', () => {
    const out = lines(report());
    const headings = out.filter((l) => ['DNS', 'Endpoints', 'Security', 'Routing', 'Traffic', 'Registry', 'Paths'].includes(l));
    assert.deepEqual(headings, ['DNS', 'Endpoints', 'Routing', 'Registry', 'Paths']);
    // endpoint-private-dns is a dns-stage check listed later in the registry: it moves under DNS.
    assert.ok(out.indexOf('  ✓ endpoint-private-dns  endpoint-private-dns is pass.') < out.indexOf('Endpoints'));
  });

  it('one line per check with its symbol, id and summary', () => {
    const out = lines(report());
    assertLine(out, '  ✓ vpc-dns-support  enableDnsSupport is on for vpc-0app (prod).');
    assertLine(out, '  ! endpoint-az-coverage  us-east-1b has no endpoint subnet.');
    assertLine(out, '  ✗ s3-route-association  rtb-123 is not associated with the S3 gateway endpoint vpce-s3.');
    assertLine(out, '  – image-origin  No image given.');
  });

  it('shows evidence, note and fix under a failure', () => {
    const out = lines(report());
    const at = out.indexOf('  ✗ s3-route-association  rtb-123 is not associated with the S3 gateway endpoint vpce-s3.');
    assert.deepEqual(out.slice(at + 1, at + 4), [
      '      rtb-123: Routes observed no route pl-63a5400a → vpce-…, expected pl-63a5400a → vpce-s3',
      '        used by subnet-app',
      '      fix: Associate vpce-s3 with rtb-123',
    ]);
  });

  it('names the resource in evidence, shows an error with a ?, and a fix asked twice once', () => {
    const fix = classicResults()[7].remediation[0];
    const results = [
      result('endpoint-sg-ingress-443', 'security', 'fail', {
        evidence: [{ resource: 'sg-ep', name: 'endpoints', field: 'IpPermissions', observed: 'tcp/443 from 10.9.0.0/16', expected: 'tcp/443 from 10.0.1.0/24' }],
        remediation: [fix, fix],
      }),
      result('nat-image-traffic', 'traffic', 'error', { summary: 'Could not evaluate: cloudwatch:GetMetricData failed (AccessDenied).' }),
    ];
    const out = lines(report({ results }));
    assertLine(out, '      sg-ep (endpoints): IpPermissions observed tcp/443 from 10.9.0.0/16, expected tcp/443 from 10.0.1.0/24');
    assertLine(out, '  ? nat-image-traffic  Could not evaluate: cloudwatch:GetMetricData failed (AccessDenied).');
    assert.equal(out.filter((l) => l === '      fix: Associate vpce-s3 with rtb-123').length, 1);
  });

  it('shows no evidence under a passing check', () => {
    const results = [
      result('vpc-dns-support', 'dns', 'pass', {
        evidence: [{ resource: 'vpc-0app', field: 'enableDnsSupport', observed: 'true', expected: 'true' }],
      }),
    ];
    assert.doesNotMatch(renderHuman(report({ results }), { color: false }), /observed true/);
  });

  it('cuts a huge evidence value (a policy document) and points to --json', () => {
    const policy = JSON.stringify({ Statement: Array.from({ length: 30 }, (_, i) => ({ Sid: `s${i}`, Effect: 'Allow' })) });
    const results = [result('endpoint-policy', 'security', 'fail', { evidence: [{ resource: 'vpce-s3', field: 'PolicyDocument', observed: policy, expected: 's3:GetObject' }] })];
    const line = lines(report({ results })).find((l) => l.includes('PolicyDocument'));
    assert.ok(line && line.length < 260, line);
    assert.match(line, /… \(full value in --json\), expected s3:GetObject$/);
  });
});

describe('renderHuman: paths', () => {
  it('one line per workload subnet, in the documented format', () => {
    const out = lines(report());
    assertLine(out, '  subnet-app (rtb-123): ECR API → vpce ✓, registry → vpce ✓, image layers → NAT nat-main !');
    assertLine(out, '  subnet-b (app-b) (rtb-main, main route table): ECR API → vpce ✓, registry → vpce ✓, image layers → vpce ✓');
  });

  it('marks a path blocked by a security group or with no route with ✗, an internet gateway with !', () => {
    const inv = classicVpc();
    inv.securityGroups![0].ingress[0].ipv4Ranges = ['10.0.2.0/24']; // subnet-app no longer admitted
    inv.routeTables!.find((t) => t.id === 'rtb-123')!.routes.pop(); // no default route
    inv.routeTables!.find((t) => t.id === 'rtb-main')!.routes[1] = { destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-1', state: 'active' };
    inv.vpcEndpoints = inv.vpcEndpoints!.filter((e) => e.id !== 'vpce-dkr');
    const out = lines(report({ inventory: inv, subnetIds: ['subnet-app', 'subnet-b'] }));
    assertLine(out, '  subnet-app (rtb-123): ECR API → blocked at vpce-api ✗, registry → no route ✗, image layers → no route ✗');
    assertLine(out, '  subnet-b (app-b) (rtb-main, main route table): ECR API → vpce ✓, registry → internet gateway igw-1 !, image layers → vpce ✓');
  });

  it('explains why there are no paths when a needed part could not be collected', () => {
    const inv = classicVpc();
    inv.gaps.push({ part: 'routeTables', call: 'ec2:DescribeRouteTables', code: 'UnauthorizedOperation', message: 'no', iamAction: 'ec2:DescribeRouteTables' });
    const out = lines(report({ inventory: inv }));
    assertLine(out, '  not computed: ec2:DescribeRouteTables failed (UnauthorizedOperation)');
    assertLine(out, '  ec2:DescribeRouteTables: UnauthorizedOperation (grant ec2:DescribeRouteTables)');
    assert.doesNotMatch(out.join('\n'), /subnet-app \(rtb-123\)/);
  });
});

describe('renderHuman: summary and verdict', () => {
  it('counts and a failing verdict that says what the paths show', () => {
    const out = lines(report());
    assertLine(out, 'Summary: 6 passed, 1 warning, 1 failed, 1 skipped, 0 errors');
    assertLine(out, 'Verdict: FAIL — 1 check failed; image pulls will not stay private (traffic leaves through NAT or the internet)');
  });

  it('an error verdict says the diagnosis is incomplete', () => {
    const out = lines(report({ results: [result('a', 'dns', 'error'), result('b', 'dns', 'error'), result('c', 'dns', 'fail')] }));
    assertLine(out, 'Summary: 0 passed, 0 warnings, 1 failed, 0 skipped, 2 errors');
    assertLine(out, 'Verdict: ERROR — 2 checks could not be evaluated and 1 check failed; the diagnosis is incomplete (see the ? lines)');
  });

  it('a warning verdict mentions --strict when it changes the exit code', () => {
    const out = lines(report({ results: [result('a', 'dns', 'warn')], strict: true }));
    assertLine(out, 'Verdict: WARN — no failures, 1 warning to review (--strict: exit code 1)');
  });

  it('claims pulls stay private only when every path is private', () => {
    const inv = classicVpc();
    inv.vpcEndpoints!.find((e) => e.id === 'vpce-s3')!.routeTableIds.push('rtb-123');
    const passing = [result('a', 'dns', 'pass'), result('b', 'routing', 'pass'), result('c', 'registry', 'skip')];
    assertLine(lines(report({ inventory: inv, results: passing })), 'Verdict: PASS — 2 checks passed (1 skipped); image pulls stay on VPC endpoints');
    assertLine(lines(report({ results: passing })), 'Verdict: PASS — 2 checks passed (1 skipped)');
  });
});

describe('renderHuman: terminal safety and colour', () => {
  it('color:false emits no escape codes at all', () => {
    assert.doesNotMatch(renderHuman(report(), { color: false }), /[\u001b\u009b]/);
  });

  it('color:true colours symbols and headings through chalk', () => {
    const out = renderHuman(report(), { color: true });
    assert.ok(out.includes(`${ESC}[32m✓${ESC}[39m`), 'green ✓');
    assert.ok(out.includes(`${ESC}[31m✗${ESC}[39m`), 'red ✗');
    assert.ok(out.includes(`${ESC}[1mRouting${ESC}[22m`), 'bold heading');
  });

  it('a malicious Name tag, summary or evidence comes out inert, even with colour on', () => {
    const inv = classicVpc();
    inv.vpc!.tags.Name = `${ESC}]0;pwned\u0007${ESC}[2Jprod`;
    inv.subnets![1].tags.Name = 'app-b\n  ✓ fake-check  all good';
    const results = [
      result('s3-route-association', 'routing', 'fail', {
        summary: `rtb-123 (${ESC}[8mhidden${ESC}[0m) is not associated`,
        evidence: [{ resource: 'rtb-123', name: `x\u009b2J\u202eevil`, field: 'Routes', observed: `a${ESC}c`, expected: 'b\u0007' }],
      }),
    ];
    for (const color of [false, true]) {
      const out = renderHuman(report({ inventory: inv, results }), { color });
      // With colour on, the only escapes left are chalk's SGR codes.
      const withoutSgr = out.replace(/\u001b\[\d+m/g, '');
      assert.doesNotMatch(withoutSgr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    }
    const out = lines(report({ inventory: inv, results }));
    assert.equal(out[0], 'ecr-vpce doctor · vpc-0app (prod) · us-east-1 · account 123456789012 · platform fargate');
    assertLine(out, '  subnet-b (app-b   ✓ fake-check  all good) (rtb-main, main route table): ECR API → vpce ✓, registry → vpce ✓, image layers → vpce ✓');
    assert.ok(!out.some((l) => l.startsWith('  ✓ fake-check')), 'a tag forged a line');
    assertLine(out, '  ✗ s3-route-association  rtb-123 (hidden) is not associated');
    assertLine(out, '      rtb-123 (xevil): Routes observed a, expected b');
  });
});

describe('renderHuman: width', () => {
  it('wraps long lines with a hanging indent, keeping every word and never splitting an id', () => {
    const long = 'The security groups of vpce-0123456789abcdef0 do not admit TCP 443 from subnet-0123456789abcdef0 (10.0.1.0/24) so connections time out.';
    const r = report({ results: [result('endpoint-sg-ingress-443', 'security', 'fail', { summary: long })] });
    const out = lines(r, 50);
    const at = out.findIndex((l) => l.startsWith('  ✗ endpoint-sg-ingress-443'));
    const block = [out[at]];
    for (let i = at + 1; out[i].startsWith('    '); i++) block.push(out[i]);
    assert.ok(block.length > 2, block.join('\n'));
    assert.ok(block.every((l) => l.length <= 50), block.join('\n'));
    assert.equal(block.map((l) => l.trim()).join(' '), `✗ endpoint-sg-ingress-443  ${long}`);
    assert.ok(block.some((l) => l.includes('vpce-0123456789abcdef0')));
  });

  it('wraps a path line between flows only', () => {
    const out = lines(report(), 60);
    const at = out.indexOf('  subnet-app (rtb-123): ECR API → vpce ✓, registry → vpce ✓,');
    assert.ok(at >= 0, out.join('\n'));
    assert.equal(out[at + 1], '    image layers → NAT nat-main !');
  });

  it('without a width, nothing wraps', () => {
    assert.ok(lines(report()).some((l) => l.length > 100));
  });
});
