import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Status } from '../../src/checks/types';
import type { Gap, InventoryPart } from '../../src/inventory/types';
import { buildReport, exitCodeFor, summarize } from '../../src/report/model';
import { classicResults, classicVpc, OPTS, result } from './fixtures';

const gap = (part: InventoryPart, call: string): Gap => ({
  part,
  call,
  code: 'UnauthorizedOperation',
  message: 'You are not authorized to perform this operation.',
  iamAction: call,
});

const statuses = (...s: Status[]) => s.map((status, i) => result(`check-${i}`, 'dns', status));

describe('summarize: verdict and exit code', () => {
  it('counts each status and makes a failure exit 1', () => {
    const s = summarize(statuses('pass', 'pass', 'warn', 'fail', 'skip'), false);
    assert.deepEqual(s, { total: 5, pass: 2, warn: 1, fail: 1, skip: 1, error: 0, verdict: 'fail', exitCode: 1 });
  });

  it('an error wins over a failure: exit 2, "could not diagnose"', () => {
    const s = summarize(statuses('fail', 'error', 'pass'), false);
    assert.equal(s.verdict, 'error');
    assert.equal(s.exitCode, 2);
  });

  it('a warning exits 0, or 1 with strict', () => {
    assert.equal(summarize(statuses('pass', 'warn'), false).exitCode, 0);
    assert.equal(summarize(statuses('pass', 'warn'), true).exitCode, 1);
    assert.equal(summarize(statuses('pass', 'warn'), true).verdict, 'warn');
  });

  it('passes and skips only: verdict pass, exit 0, even with strict', () => {
    const s = summarize(statuses('pass', 'skip'), true);
    assert.equal(s.verdict, 'pass');
    assert.equal(s.exitCode, 0);
  });

  it('exitCodeFor covers every verdict', () => {
    assert.deepEqual(
      (['pass', 'warn', 'fail', 'error'] as const).map((v) => [exitCodeFor(v, false), exitCodeFor(v, true)]),
      [[0, 0], [0, 1], [1, 1], [2, 2]],
    );
  });
});

describe('buildReport', () => {
  const build = (overrides: Partial<Parameters<typeof buildReport>[0]> = {}) =>
    buildReport({ results: classicResults(), inventory: classicVpc(), options: OPTS, toolVersion: '0.1.0', source: 'live', ...overrides });

  it('takes its time from the inventory, so a replay is identical', () => {
    const a = build({ source: 'snapshot' });
    const b = build({ source: 'snapshot' });
    assert.equal(a.generatedAt, '2025-03-01T12:00:00.000Z');
    assert.deepEqual(a, b);
  });

  it('fills tool, target and options', () => {
    const r = build({ strict: true });
    assert.deepEqual(r.tool, { name: 'ecr-vpce', version: '0.1.0' });
    assert.equal(r.schemaVersion, 1);
    assert.deepEqual(r.target, { accountId: '123456789012', region: 'us-east-1', partition: 'aws', vpcId: 'vpc-0app', vpcName: 'prod' });
    assert.deepEqual(r.options, {
      platform: 'fargate',
      subnets: ['subnet-app', 'subnet-b'],
      workloadSubnetBasis: 'private-subnets',
      securityGroups: [],
      strict: true,
    });
  });

  it('leaves accountId and vpcName out when unknown (not undefined keys)', () => {
    const inv = classicVpc();
    delete inv.target.accountId;
    inv.vpc!.tags = {};
    const r = build({ inventory: inv });
    assert.equal('accountId' in r.target, false);
    assert.equal('vpcName' in r.target, false);
  });

  it('keeps the checks in the order given (registry order)', () => {
    const r = build();
    assert.deepEqual(
      r.checks.map((c) => c.id),
      classicResults().map((c) => c.id),
    );
    assert.equal(r.summary.verdict, 'fail');
    assert.equal(r.summary.exitCode, 1);
  });

  it('with --subnet, reports the given subnets and the flag basis', () => {
    const r = build({ options: { ...OPTS, subnetIds: ['subnet-b', 'subnet-b'], securityGroupIds: ['sg-work'] } });
    assert.deepEqual(r.options.subnets, ['subnet-b']);
    assert.equal(r.options.workloadSubnetBasis, 'flag');
    assert.deepEqual(r.options.securityGroups, ['sg-work']);
    assert.deepEqual(r.paths.map((p) => p.subnetId), ['subnet-b']);
  });

  it('computes one path per workload subnet: the leak and the implicit main table', () => {
    const [app, b] = build().paths;
    assert.equal(app.subnetId, 'subnet-app');
    assert.equal(app.routeTableId, 'rtb-123');
    assert.equal(app.routeTableImplicit, false);
    assert.deepEqual([app.flows.api.via, app.flows.registry.via, app.flows.layers.via], ['vpce', 'vpce', 'nat']);
    assert.equal(app.flows.layers.target, 'nat-main');
    assert.equal(b.routeTableId, 'rtb-main');
    assert.equal(b.routeTableImplicit, true);
    assert.equal(b.flows.layers.via, 'vpce');
  });

  it('reports no paths when a part they are derived from has a gap', () => {
    for (const [part, call] of [
      ['routeTables', 'ec2:DescribeRouteTables'],
      ['vpcAttributes', 'ec2:DescribeVpcAttribute'],
      ['securityGroups', 'ec2:DescribeSecurityGroups'],
    ] as const) {
      const inv = classicVpc();
      inv.gaps.push(gap(part, call));
      const r = build({ inventory: inv });
      assert.deepEqual(r.paths, [], part);
      assert.deepEqual(r.gaps.map((g) => g.part), [part]);
    }
  });

  it('still computes paths when an unrelated part (NAT metrics) has a gap', () => {
    const inv = classicVpc();
    inv.gaps.push(gap('natMetrics', 'cloudwatch:GetMetricData'));
    assert.equal(build({ inventory: inv }).paths.length, 2);
  });

  it('does not modify its inputs', () => {
    const inv = classicVpc();
    const results = classicResults();
    const before = JSON.stringify({ inv, results });
    const r = build({ inventory: inv, results });
    r.checks.pop();
    r.gaps.push(gap('vpc', 'ec2:DescribeVpcs'));
    assert.equal(JSON.stringify({ inv, results }), before);
  });
});
