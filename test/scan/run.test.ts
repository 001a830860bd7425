/** The scan's orchestration over a fake source: bound, order, failed targets, progress. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scan, type ScanProgress } from '../../src/scan/run';
import { isFailure, targetOf } from '../../src/scan/types';
import { DiagnoseError } from '../../src/util/errors';
import { FakeSource, diagnose, vpcId, type FakeVpc } from './scan-fixtures';

const many = (n: number, delay: (i: number) => number): FakeVpc[] => Array.from({ length: n }, (_, i) => ({ vpcId: vpcId(i + 1), delayMs: delay(i) }));

describe('scan: bounded concurrency', () => {
  for (const limit of [1, 3, 4]) {
    it(`never has more than ${limit} collections in flight, and uses all ${limit} slots`, async () => {
      const source = new FakeSource({ 'us-east-1': { vpcs: many(10, (i) => 5 + (i % 3) * 5) }, 'eu-west-1': { vpcs: many(4, () => 5) } });
      const { entries } = await scan(source, { regions: ['us-east-1', 'eu-west-1'], concurrency: limit }, diagnose());
      assert.equal(entries.length, 14);
      assert.equal(source.maxInFlight, limit);
    });
  }
});

describe('scan: deterministic order', () => {
  it('orders by region, then VPC id, whatever order the collections finish in', async () => {
    // Reverse delays: the last VPC of each region finishes first.
    const source = new FakeSource({
      'us-east-1': { vpcs: [...many(5, (i) => 40 - i * 8)].reverse() },
      'eu-west-1': { vpcs: many(3, (i) => 30 - i * 10) },
      'ap-south-1': { vpcs: many(2, () => 1) },
    });
    const { regions, entries } = await scan(source, { regions: ['us-east-1', 'eu-west-1', 'ap-south-1'], concurrency: 10 }, diagnose());
    assert.deepEqual(regions, ['ap-south-1', 'eu-west-1', 'us-east-1']);
    const order = entries.map((e) => `${targetOf(e).region} ${targetOf(e).vpcId}`);
    const expected = [
      ...[1, 2].map((i) => `ap-south-1 ${vpcId(i)}`),
      ...[1, 2, 3].map((i) => `eu-west-1 ${vpcId(i)}`),
      ...[1, 2, 3, 4, 5].map((i) => `us-east-1 ${vpcId(i)}`),
    ];
    assert.deepEqual(order, expected);
    assert.notDeepEqual(source.finished.slice(-5), expected.slice(-5).map((t) => t.split(' ')[1]), 'the collections did finish out of order');
  });

  it('gives the same entries for every completion order', async () => {
    const render = async (seed: number) => {
      const source = new FakeSource({ 'us-east-1': { vpcs: many(6, (i) => ((i * 7 + seed) % 6) * 3) } });
      const { entries } = await scan(source, { regions: ['us-east-1'], concurrency: 3 }, diagnose());
      return JSON.stringify(entries);
    };
    const first = await render(0);
    for (const seed of [1, 2, 3]) assert.equal(await render(seed), first);
  });

  it('lists each region once, duplicates in --regions included', async () => {
    const source = new FakeSource({ 'us-east-1': { vpcs: many(1, () => 0) } });
    const { regions, entries } = await scan(source, { regions: ['us-east-1', 'us-east-1'], concurrency: 2 }, diagnose());
    assert.deepEqual(regions, ['us-east-1']);
    assert.equal(entries.length, 1);
    assert.deepEqual(source.calls.filter((c) => c.startsWith('listVpcs')), ['listVpcs us-east-1']);
  });
});

describe('scan: failed targets are entries, not crashes', () => {
  it('a collection that throws a DiagnoseError: its reason and message, the others still judged', async () => {
    const source = new FakeSource({
      'us-east-1': {
        vpcs: [
          { vpcId: vpcId(1) },
          { vpcId: vpcId(2), throws: new DiagnoseError('Not allowed to call ec2:DescribeVpcs (UnauthorizedOperation): nothing can be diagnosed without it', 'denied') },
          { vpcId: vpcId(3), throws: new DiagnoseError(`VPC ${vpcId(3)} not found in us-east-1`, 'vpc-not-found') },
        ],
      },
    });
    const { entries } = await scan(source, { regions: ['us-east-1'], concurrency: 2 }, diagnose());
    assert.equal(entries.length, 3);
    assert.ok(!isFailure(entries[0]));
    assert.deepEqual(entries[1], {
      target: { region: 'us-east-1', vpcId: vpcId(2) },
      error: { reason: 'denied', message: 'Not allowed to call ec2:DescribeVpcs (UnauthorizedOperation): nothing can be diagnosed without it' },
    });
    assert.equal(isFailure(entries[2]) && entries[2].error.reason, 'vpc-not-found');
  });

  it('an unexpected error is an internal entry, its message cleaned of escape sequences', async () => {
    const source = new FakeSource({ 'us-east-1': { vpcs: [{ vpcId: vpcId(1), name: 'x', throws: new TypeError('boom \u001b[2Jgone') }] } });
    const { entries } = await scan(source, { regions: ['us-east-1'], concurrency: 1 }, diagnose());
    assert.deepEqual(entries, [{ target: { region: 'us-east-1', vpcId: vpcId(1), vpcName: 'x' }, error: { reason: 'internal', message: 'internal error: boom gone' } }]);
  });

  it('a region whose VPCs cannot be listed is one entry without a VPC id, in its region order', async () => {
    const source = new FakeSource({
      'eu-west-1': { listingFails: new DiagnoseError('Not allowed to call ec2:DescribeVpcs in eu-west-1 (UnauthorizedOperation): denied', 'denied') },
      'us-east-1': { vpcs: many(2, () => 0) },
      'ap-south-1': { vpcs: many(1, () => 0) },
    });
    const { entries } = await scan(source, { regions: ['us-east-1', 'eu-west-1', 'ap-south-1'], concurrency: 4 }, diagnose());
    assert.deepEqual(entries.map((e) => [targetOf(e).region, targetOf(e).vpcId ?? null, isFailure(e)]), [
      ['ap-south-1', vpcId(1), false],
      ['eu-west-1', null, true],
      ['us-east-1', vpcId(1), false],
      ['us-east-1', vpcId(2), false],
    ]);
  });

  it('a diagnosis that throws (the flags do not fit a VPC) fails that target only', async () => {
    const source = new FakeSource({ 'us-east-1': { vpcs: many(2, () => 0) } });
    const { entries } = await scan(source, { regions: ['us-east-1'], concurrency: 2 }, diagnose({ options: { platform: 'fargate', subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: [] } }));
    assert.ok(entries.every((e) => isFailure(e) && e.error.reason === 'subnet-not-in-vpc'));
  });

  it('without the region list (DescribeRegions failed) the scan itself fails', async () => {
    const source = new FakeSource({});
    source.enabledRegions = async () => {
      throw new DiagnoseError('AWS credentials rejected or missing (AuthFailure): x', 'credentials');
    };
    await assert.rejects(scan(source, { regions: 'all', concurrency: 4 }, diagnose()), { reason: 'credentials' });
  });
});

describe('scan: regions and progress', () => {
  it('--regions all asks for the enabled regions, then lists each', async () => {
    const source = new FakeSource({ 'us-east-1': { vpcs: many(1, () => 0) }, 'eu-west-1': {} }, ['us-east-1', 'eu-west-1']);
    const { regions, entries } = await scan(source, { regions: 'all', concurrency: 4 }, diagnose());
    assert.deepEqual(regions, ['eu-west-1', 'us-east-1']);
    assert.equal(entries.length, 1, 'a region without VPCs has no entry');
    assert.equal(source.calls[0], 'enabledRegions');
  });

  it('reports listing, then every completion up to the total', async () => {
    const source = new FakeSource({ 'us-east-1': { vpcs: many(3, (i) => i) }, 'eu-west-1': { vpcs: many(1, () => 0) } });
    const seen: ScanProgress[] = [];
    await scan(source, { regions: ['us-east-1', 'eu-west-1'], concurrency: 2 }, diagnose(), (p) => seen.push(p));
    assert.deepEqual(seen[0], { phase: 'listing', regions: 2 });
    assert.deepEqual(
      seen.slice(1).map((p) => (p.phase === 'scanning' ? `${p.done}/${p.total}` : p.phase)),
      ['0/4', '1/4', '2/4', '3/4', '4/4'],
    );
  });
});
