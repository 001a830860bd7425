// End to end: NAT gateway bytes. Accounts built in moto through the EC2 API, NAT gateway metrics
// put into AWS/NATGateway through CloudWatch's own API (timestamps relative to now, inside the
// lookback window), then the real CLI reads them back with GetMetricData and judges them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { REGION, SCENARIOS, type Account } from './accounts';
import { describeRun, emulatorEnv, parseJson, runCli, type CliResult } from './cli';
import { useEmulator } from './emulator';

// The parts of the --json contract this file reads.
interface CheckJson {
  id: string;
  status: 'pass' | 'warn' | 'fail' | 'skip' | 'error';
  summary: string;
  resources: string[];
  evidence: { resource: string; field: string; observed: string; note?: string }[];
}
interface NatJson {
  natGatewayId: string;
  workloadSubnets: string[];
  ecrFlows: { subnetId: string; flow: string }[];
  bytesOutToSource: { total: number; median: number; points: number };
  estimatedCostUsd: { window: number; perMonth: number };
  spikes: { at: string; bytes: number; ratio: number | null }[];
  series: { metric: string; timestamps: string[]; values: number[] }[];
}
interface ReportJson {
  checks: CheckJson[];
  summary: { verdict: string; exitCode: number };
  gaps: unknown[];
  natTraffic?: { start: string; end: string; periodSeconds: number; price: { usdPerGb: number; source: string }; nats: NatJson[] };
}

let cw: CloudWatchClient;

const emu = useEmulator({
  setup: ({ url }) => {
    // moto 5.2 quirk: it gunzips a gzip-encoded PutMetricData body twice (500 "Not a gzipped file"),
    // and the SDK gzips bodies over 10 kB: send them plain.
    cw = new CloudWatchClient({
      endpoint: url,
      region: REGION,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      maxAttempts: 1,
      disableRequestCompression: true,
    });
    return () => cw.destroy();
  },
});

const MB = 1e6;
const GB = 1e9;
const MIN = 60_000;

/**
 * Puts a NAT gateway's traffic as CloudWatch would have recorded it: `bytes` at `minutesAgo`, in
 * both BytesOutToSource and BytesInFromDestination (a download raises both by about as much).
 */
async function putNatBytes(natId: string, points: { minutesAgo: number; bytes: number }[]): Promise<void> {
  const now = Date.now();
  const data: MetricDatum[] = points.flatMap((p) =>
    (['BytesOutToSource', 'BytesInFromDestination'] as const).map((MetricName) => ({
      MetricName,
      Dimensions: [{ Name: 'NatGatewayId', Value: natId }],
      Timestamp: new Date(now - p.minutesAgo * MIN),
      Value: p.bytes,
      Unit: 'Bytes' as const,
    })),
  );
  for (let i = 0; i < data.length; i += 150) {
    await cw.send(new PutMetricDataCommand({ Namespace: 'AWS/NATGateway', MetricData: data.slice(i, i + 150) }));
  }
}

/**
 * Steady small traffic every 5 minutes over the last 24 h (2 MB each: pull-free background), one
 * point per 5-minute period; `spikes` replace the background point of their period (minutesAgo
 * must be 12 + 5k), so a period holds exactly the bytes said.
 */
function traffic(spikes: Record<number, number> = {}): { minutesAgo: number; bytes: number }[] {
  return Array.from({ length: 286 }, (_, k) => 12 + k * 5).map((minutesAgo) => ({ minutesAgo, bytes: spikes[minutesAgo] ?? 2 * MB }));
}

const cli = (args: string[]) => runCli(args, emulatorEnv(emu.url));

async function doctor(acct: Account, ...extra: string[]): Promise<{ res: CliResult; report: ReportJson; nat: CheckJson }> {
  const res = await cli(['doctor', '--vpc', acct.vpcId, '--json', ...extra]);
  const report = parseJson<ReportJson>(res);
  assert.equal(res.code, report.summary.exitCode, `the exit code is the report's exitCode\n${describeRun(res)}`);
  const nat = report.checks.find((c) => c.id === 'nat-image-traffic');
  assert.ok(nat, 'nat-image-traffic is in the report');
  return { res, report, nat };
}

describe('nat-image-traffic against the emulator', { timeout: 300_000 }, () => {
  it('classic (S3 route missing) with a 3 GB spike: fail, likely image layers through the NAT, GB and cost, exit 1', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    await putNatBytes(acct.natId, traffic({ 122: 3 * GB }));
    const { res, report, nat } = await doctor(acct);

    assert.equal(res.code, 1, describeRun(res));
    assert.deepEqual(report.gaps, [], 'GetMetricData is answered by the emulator');
    assert.equal(nat.status, 'fail', nat.summary);
    const appTables = [acct.appRouteTableIds.a!, acct.appRouteTableIds.b!];
    assert.match(nat.summary, new RegExp(`^Likely image layers through ${acct.natId} because rtb-\\w+ lacks the S3 gateway route; rtb-\\w+ lacks the S3 gateway route \\(`));
    for (const rt of appTables) assert.ok(nat.summary.includes(`${rt} lacks the S3 gateway route`), rt);
    for (const subnet of acct.appSubnetIds) assert.ok(nat.summary.includes(subnet), subnet);
    assert.match(nat.summary, /1 spike over the last 24h \(3\.00 GB\), the largest 3\.00 GB at \d{4}-\d\d-\d\d \d\d:\d\d UTC \(1500× the median\)/);
    assert.match(nat.summary, /NAT processing ≈ \$0\.16 for 3\.57 GB in the last 24h, ≈ \$4\.82 per 30-day month at \$0\.045\/GB \(us-east-1 list price/);
    assert.deepEqual(nat.resources, [acct.natId]);

    const t = report.natTraffic!;
    assert.equal(t.periodSeconds, 300);
    assert.equal(Date.parse(t.end) - Date.parse(t.start), 86_400_000);
    const [entry] = t.nats;
    assert.equal(entry.natGatewayId, acct.natId);
    assert.deepEqual([...entry.workloadSubnets].sort(), [...acct.appSubnetIds].sort());
    assert.deepEqual(entry.spikes.map((s) => [s.bytes, s.ratio]), [[3 * GB, 1500]]);
    assert.equal(entry.bytesOutToSource.points, 286);
    assert.equal(entry.bytesOutToSource.median, 2 * MB);
    assert.deepEqual(entry.series.map((s) => s.metric), ['BytesOutToSource', 'BytesInFromDestination']);
    const times = entry.series[0].timestamps.map(Date.parse);
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'ascending');
  });

  it('classic, human output: the sparkline with the spike marked under nat-image-traffic', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    await putNatBytes(acct.natId, traffic({ 122: 3 * GB, 602: 1.5 * GB }));
    const res = await cli(['doctor', '--vpc', acct.vpcId]);
    assert.equal(res.code, 1, describeRun(res));
    const lines = res.stdout.split('\n');
    const at = lines.findIndex((l) => /✗ nat-image-traffic/.test(l));
    assert.ok(at > 0, res.stdout);
    const bars = lines.findIndex((l, i) => i > at && /^ {6}[▁▂▃▄▅▆▇█ ]{20,}$/.test(l));
    assert.ok(bars > at, `a sparkline under the check\n${res.stdout}`);
    assert.equal((lines[bars + 1].match(/\^/g) ?? []).length, 2, `two spikes marked\n${lines.slice(bars - 2, bars + 2).join('\n')}`);
    assert.ok(lines.slice(at, bars).some((l) => /\^ 2 spikes/.test(l)), 'the caption counts them');
  });

  it('healthy (every ECR path private) with a spike: warn, something else pulls through the NAT, exit 0', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    await putNatBytes(acct.natId, traffic({ 92: 2 * GB }));
    const { res, report, nat } = await doctor(acct);

    assert.equal(res.code, 0, describeRun(res));
    assert.equal(report.summary.verdict, 'warn');
    assert.equal(nat.status, 'warn', nat.summary);
    assert.match(nat.summary, new RegExp(`^${acct.natId} \\(prod-nat-a\\): 1 spike over the last 24h \\(2\\.00 GB\\)`));
    assert.match(nat.summary, /something else likely pulls through the NAT/);
    assert.deepEqual(report.natTraffic?.nats[0].ecrFlows, []);
  });

  it('healthy, steady traffic only: pass with the volume and the monthly cost', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    await putNatBytes(acct.natId, traffic());
    const { res, nat } = await doctor(acct);
    assert.equal(res.code, 0, describeRun(res));
    assert.equal(nat.status, 'pass', nat.summary);
    assert.match(nat.summary, new RegExp(`^No spike on ${acct.natId} \\(prod-nat-a\\) over the last 24h: 572 MB in all, steady \\(≈ \\$0\\.77 per 30-day month`));
  });

  it('no data point at all: pass, "no traffic recorded"', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    const { nat } = await doctor(acct);
    assert.equal(nat.status, 'pass', nat.summary);
    assert.match(nat.summary, /^No traffic recorded on/);
  });

  it('--lookback 3h leaves a spike of 5 hours ago out (1-minute periods); the default 24h sees it', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    await putNatBytes(acct.natId, traffic({ 302: 3 * GB }));
    const short = await doctor(acct, '--lookback', '3h');
    assert.equal(short.nat.status, 'pass', short.nat.summary);
    assert.match(short.nat.summary, /over the last 3h/);
    assert.equal(short.report.natTraffic?.periodSeconds, 60);
    assert.equal((await doctor(acct)).nat.status, 'fail');
  });

  it('--nat-price-per-gb replaces the list price in the estimate', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    await putNatBytes(acct.natId, [{ minutesAgo: 60, bytes: 10 * GB }]);
    const { nat, report } = await doctor(acct, '--nat-price-per-gb', '0.1');
    assert.match(nat.summary, /≈ \$1\.00 for 10\.0 GB in the last 24h, ≈ \$30\.00 per 30-day month at \$0\.1\/GB \(--nat-price-per-gb\)/);
    assert.deepEqual(report.natTraffic?.price, { usdPerGb: 0.1, source: 'flag', region: 'us-east-1', tableDate: '2026-11' });
  });

  it('the snapshot carries the metrics: `doctor --snapshot` replays the same verdict offline', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    await putNatBytes(acct.natId, traffic({ 122: 3 * GB }));
    const file = join(emu.scratch, 'classic-nat.json');
    const saved = await cli(['snapshot', '--vpc', acct.vpcId, '-o', file]);
    assert.equal(saved.code, 0, describeRun(saved));
    const live = await doctor(acct);
    const replay = await runCli(['doctor', '--snapshot', file, '--json']);
    const report = parseJson<ReportJson>(replay);
    const nat = report.checks.find((c) => c.id === 'nat-image-traffic');
    assert.equal(nat?.status, 'fail');
    assert.equal(nat?.summary, live.nat.summary);
  });

  it('junk --lookback or --nat-price-per-gb: exit 2 with a clear message, before any AWS call', async () => {
    for (const [flag, value] of [
      ['--lookback', 'soon'],
      ['--lookback', '1y'],
      ['--nat-price-per-gb', 'cheap'],
    ]) {
      // An endpoint nothing listens on: a call would fail differently (endpoint-unreachable).
      const res = await runCli(['doctor', '--vpc', 'vpc-0123456789abcdef0', flag, value, '--json'], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
      assert.equal(res.code, 2, describeRun(res));
      const doc = parseJson<{ error: { reason: string; message: string } }>(res);
      assert.equal(doc.error.reason, 'bad-input');
      assert.match(doc.error.message, new RegExp(`^${flag} "${value}"`));
    }
  });
});
