/**
 * The NAT gateway metrics on the wire: one batched GetMetricData (JSON protocol) for every NAT
 * gateway of the VPC, every page followed, and a denied call that becomes a gap while the rest of
 * the report is still produced.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectInventory } from '../../src/aws/collect';
import { CHECKS } from '../../src/checks/index';
import { runChecks } from '../../src/engine/run';
import { buildReport } from '../../src/report/model';
import { defaultOptions } from '../helpers/inventory-builder';
import { ENDPOINT, FakeAws, REGION, VPC_ID, collect, ec2Error, ec2Response, instantRetries, offlineAwsHooks } from './fake-aws';
import { FakeCloudWatch, deniedMetrics, metricsPage, type GetMetricDataBody, type MetricResultJson } from './fake-cloudwatch';

offlineAwsHooks();

const NAT_A = 'nat-0abc1234def567890'; // the one the happy route table uses
const NAT_B = 'nat-0bbb2222cccc3333d';

function natItem(id: string, state = 'available'): string {
  return `<item><natGatewayId>${id}</natGatewayId><subnetId>subnet-0pub3333cccc4444d</subnetId><vpcId>${VPC_ID}</vpcId>
    <state>${state}</state><connectivityType>public</connectivityType><tagSet/></item>`;
}

function natGateways(...items: string[]): string {
  return ec2Response('DescribeNatGateways', `<natGatewaySet>${items.join('')}</natGatewaySet>`);
}

/** A result with points every `period` seconds from `t0` (epoch seconds). */
function result(id: string, t0: number, period: number, values: number[], status: MetricResultJson['StatusCode'] = 'Complete'): MetricResultJson {
  return { Id: id, Label: id, Timestamps: values.map((_, i) => t0 + i * period), Values: values, StatusCode: status };
}

const collectWith = (lookbackSeconds?: number) =>
  collectInventory({ vpcId: VPC_ID, region: REGION, endpointUrl: ENDPOINT, lookbackSeconds }, { retryStrategy: instantRetries(3) });

describe('NAT metrics: the GetMetricData request', () => {
  it('asks for both metrics of every NAT gateway that is not deleted, in one call, over an aligned 24 h window', async () => {
    const before = Math.floor(Date.now() / 1000);
    const api = new FakeAws()
      .answer('DescribeNatGateways', natGateways(natItem(NAT_A), natItem('nat-0dead000dead0000d', 'deleted'), natItem(NAT_B)))
      .answerTheRest({ except: ['GetMetricData'] });
    const cw = new FakeCloudWatch(ENDPOINT).answer(
      metricsPage([result('n0m0', 1795460400, 300, [5, 6]), result('n0m1', 1795460400, 300, [7, 8]), result('n1m0', 1795460400, 300, []), result('n1m1', 1795460400, 300, [])]),
    );
    const inv = await collect();
    api.assertAllUsed();
    cw.assertAllUsed();

    assert.equal(cw.requests.length, 1, 'one batched call, not one per NAT gateway');
    const [req] = cw.requests;
    assert.deepEqual(
      req.MetricDataQueries.map((q) => [q.Id, q.MetricStat.Metric.Namespace, q.MetricStat.Metric.MetricName, q.MetricStat.Metric.Dimensions, q.MetricStat.Stat, q.MetricStat.Period]),
      [
        ['n0m0', 'AWS/NATGateway', 'BytesOutToSource', [{ Name: 'NatGatewayId', Value: NAT_A }], 'Sum', 300],
        ['n0m1', 'AWS/NATGateway', 'BytesInFromDestination', [{ Name: 'NatGatewayId', Value: NAT_A }], 'Sum', 300],
        ['n1m0', 'AWS/NATGateway', 'BytesOutToSource', [{ Name: 'NatGatewayId', Value: NAT_B }], 'Sum', 300],
        ['n1m1', 'AWS/NATGateway', 'BytesInFromDestination', [{ Name: 'NatGatewayId', Value: NAT_B }], 'Sum', 300],
      ],
    );
    // JSON protocol timestamps are epoch seconds; the window is aligned to the period and ends before now.
    assert.equal(req.EndTime - req.StartTime, 86_400);
    assert.equal(req.StartTime % 300, 0);
    assert.equal(req.EndTime % 300, 0);
    assert.ok(req.EndTime <= Math.floor(Date.now() / 1000) && req.EndTime > before - 300);
    assert.equal(req.ScanBy, 'TimestampAscending');
    assert.equal(req.NextToken, undefined);

    assert.deepEqual(inv.gaps, []);
    assert.deepEqual(inv.natMetrics?.start, new Date(req.StartTime * 1000).toISOString());
    assert.deepEqual(inv.natMetrics?.end, new Date(req.EndTime * 1000).toISOString());
    assert.deepEqual(
      inv.natMetrics?.series.map((s) => [s.natGatewayId, s.metric, s.timestamps, s.values]),
      [
        [NAT_A, 'BytesOutToSource', ['2026-11-23T19:00:00.000Z', '2026-11-23T19:05:00.000Z'], [5, 6]],
        [NAT_A, 'BytesInFromDestination', ['2026-11-23T19:00:00.000Z', '2026-11-23T19:05:00.000Z'], [7, 8]],
        [NAT_B, 'BytesOutToSource', [], []],
        [NAT_B, 'BytesInFromDestination', [], []],
      ],
    );
  });

  it('--lookback 3h: 1-minute periods over 3 hours', async () => {
    new FakeAws().answerTheRest({ except: ['GetMetricData'] });
    const cw = new FakeCloudWatch(ENDPOINT).answer(metricsPage([]));
    const inv = await collectWith(3 * 3600);
    cw.assertAllUsed();
    const [req] = cw.requests;
    assert.deepEqual(new Set(req.MetricDataQueries.map((q) => q.MetricStat.Period)), new Set([60]));
    assert.equal(req.EndTime - req.StartTime, 3 * 3600);
    assert.equal(inv.natMetrics?.periodSeconds, 60);
  });

  it('no NAT gateway in the VPC: no call, and an empty series list', async () => {
    const api = new FakeAws().answer('DescribeNatGateways', natGateways()).answerTheRest({ except: ['GetMetricData'] });
    const inv = await collect();
    api.assertAllUsed();
    assert.deepEqual(inv.gaps, []);
    assert.deepEqual(inv.natMetrics?.series, []);
  });

  it('more NAT gateways than one call may hold: batches within 500 queries and 100,800 data points each', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `nat-${i.toString(16).padStart(17, '0')}`);
    new FakeAws().answer('DescribeNatGateways', natGateways(...ids.map((id) => natItem(id)))).answerTheRest({ except: ['GetMetricData'] });
    const echo = (b: GetMetricDataBody) => metricsPage(b.MetricDataQueries.map((q) => result(q.Id, 1795460400, 300, [1])));
    const cw = new FakeCloudWatch(ENDPOINT);
    // nock answers by static body; two answers chosen by the first query of each batch.
    cw.answer(echoFor(0, 350, echo), { when: (b) => b.MetricDataQueries[0].Id === 'n0m0' });
    cw.answer(echoFor(175, 50, echo), { when: (b) => b.MetricDataQueries[0].Id === 'n175m0' });
    const inv = await collect();
    cw.assertAllUsed();

    assert.equal(cw.requests.length, 2);
    for (const req of cw.requests) {
      assert.ok(req.MetricDataQueries.length <= 500);
      assert.ok(req.MetricDataQueries.length * 288 <= 100_800, 'a 24 h window at 5 minutes is 288 points per query');
    }
    // The two calls run concurrently (same wave): their order is not fixed.
    assert.deepEqual(cw.requests.map((r) => r.MetricDataQueries.length).sort((x, y) => y - x), [350, 50]);
    assert.equal(inv.natMetrics?.series.length, 400);
    assert.ok(inv.natMetrics?.series.every((s) => s.values.length === 1), 'every series got its point back');
  });
});

/** The page a batch of `count` queries starting at NAT `first` gets back. */
function echoFor(first: number, count: number, echo: (b: GetMetricDataBody) => object): object {
  const queries = Array.from({ length: count }, (_, k) => {
    const nat = first + Math.floor(k / 2);
    return { Id: `n${nat}m${k % 2}` } as GetMetricDataBody['MetricDataQueries'][number];
  });
  return echo({ MetricDataQueries: queries } as GetMetricDataBody);
}

describe('NAT metrics: pages and partial data', () => {
  it('follows NextToken, repeating the same queries, and joins a series split across pages (PartialData)', async () => {
    new FakeAws().answerTheRest({ except: ['GetMetricData'] });
    const t0 = 1795460400;
    const cw = new FakeCloudWatch(ENDPOINT)
      .answer(metricsPage([result('n0m0', t0, 300, [10, 20], 'PartialData'), result('n0m1', t0, 300, [11], 'PartialData')], 'page-2'), {
        when: (b) => b.NextToken === undefined,
      })
      .answer(metricsPage([result('n0m0', t0 + 600, 300, [30, 40]), result('n0m1', t0 + 300, 300, [21])]), {
        when: (b) => b.NextToken === 'page-2',
      });
    const inv = await collect();
    cw.assertAllUsed();

    assert.equal(cw.requests.length, 2);
    assert.deepEqual(cw.requests[1].MetricDataQueries, cw.requests[0].MetricDataQueries, 'the token alone does not carry the queries');
    assert.deepEqual(cw.requests[1].StartTime, cw.requests[0].StartTime);
    const out = inv.natMetrics?.series.find((s) => s.metric === 'BytesOutToSource');
    assert.deepEqual(out?.values, [10, 20, 30, 40]);
    assert.deepEqual(out?.timestamps, ['2026-11-23T19:00:00.000Z', '2026-11-23T19:05:00.000Z', '2026-11-23T19:10:00.000Z', '2026-11-23T19:15:00.000Z']);
    assert.deepEqual(inv.natMetrics?.series.find((s) => s.metric === 'BytesInFromDestination')?.values, [11, 21]);
    assert.deepEqual(inv.gaps, []);
  });

  it('PartialData on the last page keeps what arrived; points come back ascending whatever the order sent', async () => {
    new FakeAws().answerTheRest({ except: ['GetMetricData'] });
    const cw = new FakeCloudWatch(ENDPOINT).answer(
      metricsPage([{ Id: 'n0m0', Timestamps: [1795461000, 1795460400, 1795460700], Values: [3, 1, 2], StatusCode: 'PartialData' }, result('n0m1', 1795460400, 300, [])]),
    );
    const inv = await collect();
    cw.assertAllUsed();
    const out = inv.natMetrics?.series.find((s) => s.metric === 'BytesOutToSource');
    assert.deepEqual(out?.values, [1, 2, 3]);
    assert.deepEqual(inv.gaps, []);
  });

  it('an empty series is kept as empty (queried, nothing recorded): the check says no traffic was recorded', async () => {
    new FakeAws().answerTheRest({ except: ['GetMetricData'] });
    const cw = new FakeCloudWatch(ENDPOINT).answer(metricsPage([result('n0m0', 0, 300, []), result('n0m1', 0, 300, [])]));
    const inv = await collect();
    cw.assertAllUsed();
    assert.deepEqual(inv.natMetrics?.series.map((s) => s.values), [[], []]);
    const nat = runChecks(CHECKS, inv, defaultOptions()).find((r) => r.id === 'nat-image-traffic');
    assert.equal(nat?.status, 'pass', nat?.summary);
    assert.match(nat!.summary, /No traffic recorded on nat-0abc1234def567890/);
  });

  it('a throttled call is retried', async () => {
    new FakeAws().answerTheRest({ except: ['GetMetricData'] });
    const cw = new FakeCloudWatch(ENDPOINT)
      .answer({ __type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate exceeded' }, { status: 400, headers: { 'x-amzn-query-error': 'Throttling;Sender' } })
      .answer(metricsPage([result('n0m0', 1795460400, 300, [1]), result('n0m1', 1795460400, 300, [1])]));
    const inv = await collect();
    cw.assertAllUsed();
    assert.equal(cw.requests.length, 2);
    assert.deepEqual(inv.gaps, []);
  });
});

describe('NAT metrics: failures are gaps, never fatal', () => {
  it('AccessDenied on cloudwatch:GetMetricData: a gap on natMetrics; nat-image-traffic says error, the rest of the report is produced', async () => {
    const api = new FakeAws().answerTheRest({ except: ['GetMetricData'] });
    const denied = deniedMetrics();
    const cw = new FakeCloudWatch(ENDPOINT).answer(denied.body, { status: denied.status, headers: denied.headers });
    const inv = await collect();
    api.assertAllUsed();
    cw.assertAllUsed();

    assert.equal(cw.requests.length, 1, 'a denial is not retried');
    assert.deepEqual(inv.gaps, [
      {
        part: 'natMetrics',
        call: 'cloudwatch:GetMetricData',
        code: 'AccessDenied',
        message: (denied.body as { Message: string }).Message,
        iamAction: 'cloudwatch:GetMetricData',
      },
    ]);
    assert.equal(inv.natMetrics, undefined);
    assert.ok(inv.subnets && inv.routeTables && inv.natGateways, 'everything else was collected');

    const results = runChecks(CHECKS, inv, defaultOptions());
    const nat = results.find((r) => r.id === 'nat-image-traffic');
    assert.equal(nat?.status, 'error');
    assert.match(nat!.summary, /cloudwatch:GetMetricData failed \(AccessDenied\)\. Grant cloudwatch:GetMetricData/);
    assert.deepEqual(results.filter((r) => r.status === 'error').map((r) => r.id), ['nat-image-traffic'], 'only the check that needs the metrics');
    const report = buildReport({ results, inventory: inv, options: defaultOptions(), toolVersion: '0.0.0', source: 'live' });
    assert.equal(report.summary.exitCode, 2);
    assert.ok(report.paths.length > 0, 'the paths are still reported');
    assert.equal(report.natTraffic, undefined);
  });

  it('a query answered Forbidden is a gap too (a partial picture would understate the bytes)', async () => {
    new FakeAws().answerTheRest({ except: ['GetMetricData'] });
    new FakeCloudWatch(ENDPOINT).answer(metricsPage([result('n0m0', 1795460400, 300, [], 'Forbidden'), result('n0m1', 1795460400, 300, [1])]));
    const inv = await collect();
    assert.deepEqual(inv.gaps.map((g) => [g.part, g.code]), [['natMetrics', 'Forbidden']]);
    assert.match(inv.gaps[0].message, /BytesOutToSource of nat-0abc1234def567890/);
  });

  it('CloudWatch unreachable while EC2 answers (no monitoring endpoint): a gap, not a DiagnoseError', async () => {
    new FakeAws().answerTheRest({ except: ['GetMetricData'] });
    const inv = await collect();
    assert.deepEqual(inv.gaps.map((g) => g.part), ['natMetrics']);
    assert.ok(inv.vpc);
  });

  it('DescribeNatGateways denied: no GetMetricData at all, natMetrics is a Skipped gap', async () => {
    const api = new FakeAws()
      .answer('DescribeNatGateways', ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'), { status: 403 })
      .answerTheRest({ except: ['GetMetricData'] });
    const inv = await collect();
    api.assertAllUsed();
    assert.deepEqual(inv.gaps.map((g) => [g.part, g.code]), [['natGateways', 'UnauthorizedOperation'], ['natMetrics', 'Skipped']]);
  });
});

