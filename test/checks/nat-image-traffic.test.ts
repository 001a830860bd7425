/** nat-image-traffic on built inventories: each status, cdk-nag style (a compliant and a broken case). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { natImageTraffic } from '../../src/checks/nat-image-traffic';
import { anInventory } from '../helpers/inventory-builder';
import { GB, MiB, natMetrics, seriesOf, steady, withBursts } from '../helpers/nat-series';
import { run } from '../helpers/run-check';

const DAY = 288;
const quiet = () => steady(DAY, 5 * MiB);
const burst = () => withBursts(quiet(), { 200: 3.2 * GB });

/** The healthy inventory (every ECR flow private) with these BytesOutToSource values on nat-main. */
function healthyWith(values: (number | null)[], extra = anInventory()) {
  return extra.edit((inv) => {
    inv.natMetrics = natMetrics(values.length, [seriesOf('nat-main', values), seriesOf('nat-main', values.map((v) => v), 300, 'BytesInFromDestination')]);
  });
}

describe('nat-image-traffic', () => {
  it('pass: steady small traffic on the NAT the workload routes to, with volume and cost', () => {
    const r = run(natImageTraffic, healthyWith(quiet()).build());
    assert.equal(r.status, 'pass', r.summary);
    assert.match(r.summary, /^No spike on nat-main \(main\) over the last 24h: 1\.51 GB in all, steady \(≈ \$2\.04 per 30-day month of NAT processing at \$0\.045\/GB \(us-east-1 list price/);
    assert.deepEqual(r.resources, ['nat-main']);
  });

  it('pass: no data point at all → "no traffic recorded"', () => {
    const r = run(natImageTraffic, healthyWith(new Array(DAY).fill(null)).build());
    assert.equal(r.status, 'pass');
    assert.match(r.summary, /No traffic recorded on nat-main \(main\) over the last 24h/);
  });

  it('pass: steady heavy traffic (2 GB every 5 minutes) is not a spike, but the volume and cost are said', () => {
    const r = run(natImageTraffic, healthyWith(steady(DAY, 2 * GB)).classicS3Leak().build());
    assert.equal(r.status, 'pass', r.summary);
    assert.match(r.summary, /576 GB in all, steady \(≈ \$777\.60 per 30-day month/);
    assert.match(r.evidence[0].observed, /\$25\.92 for 576 GB in 24h/);
  });

  it('fail: a spike on the NAT the image layers go through (S3 gateway route missing)', () => {
    const r = run(natImageTraffic, healthyWith(burst()).classicS3Leak().build());
    assert.equal(r.status, 'fail', r.summary);
    assert.match(r.summary, /^Likely image layers through nat-main because rtb-app lacks the S3 gateway route \(subnet-app-a, subnet-app-b\)\./);
    assert.match(r.summary, /1 spike over the last 24h \(3\.20 GB\), the largest 3\.20 GB at 2026-11-24 04:40 UTC \(610× the median\)/);
    assert.match(r.summary, /NAT processing ≈ \$0\.21 for 4\.70 GB in the last 24h, ≈ \$6\.35 per 30-day month at \$0\.045\/GB/);
    assert.match(r.summary, /likely cause, not a proof/);

    const fields = r.evidence.map((e) => [e.resource, e.field]);
    assert.deepEqual(fields, [
      ['nat-main', 'BytesOutToSource'],
      ['rtb-app', 'path.layers'],
      ['nat-main', 'estimated NAT processing cost'],
    ]);
    assert.equal(r.evidence[0].observed, '3.20 GB in the 5m from 2026-11-24 04:40 UTC (610× the median)');
    assert.equal(r.evidence[0].expected, 'under 105 MB or under 5× the median 5.24 MB per 5m');
    assert.match(r.evidence[1].note ?? '', /subnets: subnet-app-a, subnet-app-b$/);
    assert.match(r.evidence[2].note ?? '', /GB = 10\^9 bytes, as AWS bills/);
  });

  it('fail: the registry through the NAT (ecr.dkr private DNS off) names ecr.dkr', () => {
    const inv = healthyWith(burst()).endpoint('vpce-dkr', (e) => (e.privateDnsEnabled = false)).build();
    const r = run(natImageTraffic, inv);
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /^Likely registry through nat-main because ecr\.dkr is not reached through an endpoint from rtb-app/);
  });

  it('fail: a more specific route past the S3 gateway endpoint is named as such', () => {
    const inv = healthyWith(burst())
      .edit((i) => (i.prefixLists![0].cidrs = ['52.216.0.0/15']))
      .routeTable('rtb-app', (rt) => rt.routes.push({ destinationCidrBlock: '52.216.0.0/15', natGatewayId: 'nat-main', state: 'active' }))
      .build();
    const r = run(natImageTraffic, inv);
    assert.equal(r.status, 'fail', r.summary);
    assert.match(r.summary, /because a more specific route on rtb-app takes S3 traffic past the S3 gateway endpoint/);
  });

  it('warn: a spike while all three ECR flows are private: something else pulls through the NAT', () => {
    const r = run(natImageTraffic, healthyWith(burst()).build());
    assert.equal(r.status, 'warn', r.summary);
    assert.match(r.summary, /^nat-main \(main\): 1 spike over the last 24h/);
    assert.match(r.summary, /all stay on VPC endpoints .*something else likely pulls through the NAT \(Docker Hub/);
    assert.deepEqual(r.evidence.map((e) => e.field), ['BytesOutToSource', 'estimated NAT processing cost']);
  });

  it('a spike on a NAT gateway no workload subnet routes to is not this check\'s business', () => {
    const inv = healthyWith(quiet())
      .edit((i) => {
        i.natGateways!.push({ id: 'nat-other', state: 'available', connectivityType: 'public', tags: {} });
        i.natMetrics!.series.push(seriesOf('nat-other', burst()));
      })
      .classicS3Leak()
      .build();
    const r = run(natImageTraffic, inv);
    assert.equal(r.status, 'pass', r.summary);
    assert.deepEqual(r.resources, ['nat-main']);
  });

  it('skip: no NAT gateway on the workload routes (a blackholed route does not count)', () => {
    const noNat = healthyWith(burst()).routeTable('rtb-app', (rt) => (rt.routes = rt.routes.filter((x) => !x.natGatewayId))).build();
    assert.equal(run(natImageTraffic, noNat).status, 'skip');
    assert.match(run(natImageTraffic, noNat).summary, /No NAT gateway on the workload subnets' routes/);
    const blackhole = healthyWith(burst())
      .routeTable('rtb-app', (rt) => rt.routes.forEach((x) => x.natGatewayId && (x.state = 'blackhole')))
      .build();
    assert.equal(run(natImageTraffic, blackhole).status, 'skip');
  });

  it('skip: the NAT gateway on the route was never measured (shared VPC: the owner holds it) — unknown, not zero', () => {
    const inv = anInventory()
      .sharedFrom('999988887777')
      .edit((i) => {
        i.natGateways = [];
        i.natMetrics = natMetrics(DAY, []);
      })
      .build();
    const r = run(natImageTraffic, inv);
    assert.equal(r.status, 'skip');
    assert.match(r.summary, /^nat-main on the workload routes could not be measured: the VPC is shared from account 999988887777.*unknown, not zero/);
  });

  it('skip: no workload subnets', () => {
    const inv = healthyWith(burst()).edit((i) => (i.subnets = i.subnets!.filter((s) => s.id === 'subnet-pub-a'))).build();
    assert.equal(run(natImageTraffic, inv).status, 'skip');
  });

  it('skip: metrics not in the inventory (a snapshot from before they were collected)', () => {
    const r = run(natImageTraffic, anInventory().build());
    assert.equal(r.status, 'skip');
    assert.match(r.summary, /not in this inventory/);
  });

  it('error: cloudwatch:GetMetricData denied (a gap), naming the permission', () => {
    const r = run(natImageTraffic, anInventory().withGap('natMetrics', 'cloudwatch:GetMetricData', 'AccessDenied').build());
    assert.equal(r.status, 'error');
    assert.match(r.summary, /Grant cloudwatch:GetMetricData/);
  });

  it('--lookback shorter than the collected window judges only its tail', () => {
    const inv = healthyWith(burst()).classicS3Leak().build(); // the burst is at 04:40, the window ends at 12:00
    assert.equal(run(natImageTraffic, inv).status, 'fail');
    const r = run(natImageTraffic, inv, { lookbackSeconds: 3 * 3600 });
    assert.equal(r.status, 'pass', r.summary);
    assert.match(r.summary, /over the last 3h/);
  });

  it('--nat-price-per-gb replaces the table price and says so', () => {
    const r = run(natImageTraffic, healthyWith(burst()).classicS3Leak().build(), { natPricePerGb: 0.1 });
    assert.match(r.summary, /≈ \$0\.47 for 4\.70 GB .* at \$0\.1\/GB \(--nat-price-per-gb\)/);
  });

  it('a region outside the price table falls back to us-east-1 and tells the user to set the price', () => {
    const r = run(natImageTraffic, healthyWith(burst()).classicS3Leak().edit((i) => (i.target.region = 'me-central-1')).build());
    assert.match(r.summary, /me-central-1 is not in the table of \d{4}-\d{2}; set --nat-price-per-gb/);
  });
});
