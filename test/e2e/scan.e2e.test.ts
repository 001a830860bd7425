// End to end: `doctor --all-vpcs` / `--regions` over VPCs in two regions of the moto emulator
// (moto keeps per-region state, and its own default VPC in every region; AWS_ENDPOINT_URL sends
// every region's calls to it). The combined --json report is validated against its schema.
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateTagsCommand, CreateVpcCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { anAccount, buildAccount, emulatorEc2, type Account } from './accounts';
import { REPO_ROOT, describeRun, emulatorEnv, parseJson, runCli } from './cli';
import { useEmulator } from './emulator';
import { observedOperations } from './read-only-guard';
import { assertValidScan } from '../helpers/scan-schema';
import { assertValidSarif } from '../helpers/formats';

interface Entry {
  target: { region: string; vpcId?: string; vpcName?: string };
  summary?: { verdict: string; exitCode: number };
  error?: { reason: string; message: string };
}
interface ScanJson {
  regions: string[];
  targets: Entry[];
  summary: { targets: number; pass: number; warn: number; fail: number; error: number; exitCode: number };
}

const emu = useEmulator();
let healthy: Account;
let euVpcId: string;

async function vpcIds(region: string): Promise<string[]> {
  const ec2 = emulatorEc2(emu.url, region);
  try {
    return ((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).map((v) => v.VpcId!).sort();
  } finally {
    ec2.destroy();
  }
}

// Runs after the emulator's reset: beforeEach hooks run in the order they were registered.
beforeEach(async () => {
  // us-east-1: the healthy account beside moto's default VPC; eu-west-1: a bare VPC beside its default.
  healthy = await buildAccount(emu.ec2, anAccount().named('prod').spec);
  const eu = emulatorEc2(emu.url, 'eu-west-1');
  euVpcId = (await eu.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
  await eu.send(new CreateTagsCommand({ Resources: [euVpcId], Tags: [{ Key: 'Name', Value: 'eu-bare' }] }));
  eu.destroy();
});

const cli = (args: string[]) => runCli(args, emulatorEnv(emu.url), { timeoutMs: 60_000 });

describe('doctor --all-vpcs --regions', () => {
  it('--json: every VPC of both regions (the defaults included), ordered, schema-valid, exit code the worst', async () => {
    const res = await cli(['doctor', '--all-vpcs', '--regions', 'us-east-1,eu-west-1', '--json']);
    const scan = parseJson<ScanJson>(res);
    assertValidScan(scan);
    assert.deepEqual(scan.regions, ['eu-west-1', 'us-east-1']);
    const expected = [...(await vpcIds('eu-west-1')).map((id) => `eu-west-1 ${id}`), ...(await vpcIds('us-east-1')).map((id) => `us-east-1 ${id}`)];
    assert.equal(expected.length, 4, 'two VPCs per region: ours and moto\'s default');
    assert.deepEqual(scan.targets.map((t) => `${t.target.region} ${t.target.vpcId}`), expected, 'region, then VPC id');

    const verdict = (id: string) => scan.targets.find((t) => t.target.vpcId === id)?.summary?.verdict;
    assert.equal(verdict(healthy.vpcId), 'pass', 'the healthy account is judged as a single run judges it');
    assert.equal(verdict(euVpcId), 'fail', 'a bare VPC has no endpoints');
    assert.equal(scan.targets.find((t) => t.target.vpcId === euVpcId)?.target.vpcName, 'eu-bare');
    assert.deepEqual(scan.summary, { targets: 4, pass: 1, warn: 0, fail: 3, error: 0, exitCode: 1 });
    assert.equal(res.code, 1, describeRun(res));
    assert.equal(res.stderr, '', 'no progress line off a terminal');
  });

  it('a region whose VPCs cannot be listed is an entry with its error; exit 2', async () => {
    // moto answers an unknown region with an HTML error page.
    const res = await cli(['doctor', '--regions', 'eu-west-1,xx-nowhere-9', '--json']);
    const scan = parseJson<ScanJson>(res);
    assertValidScan(scan);
    assert.deepEqual(
      scan.targets.map((t) => [t.target.region, t.error?.reason ?? t.summary?.verdict]),
      [['eu-west-1', 'fail'], ['eu-west-1', 'fail'], ['xx-nowhere-9', 'listing-failed']],
    );
    assert.match(scan.targets[2].error!.message, /ec2:DescribeVpcs in xx-nowhere-9/);
    assert.equal(scan.summary.exitCode, 2);
    assert.equal(res.code, 2, describeRun(res));
  });

  it('--all-vpcs alone scans the configured region; the human report and other formats in one read', async () => {
    const sarif = join(emu.scratch, 'scan.sarif');
    const md = join(emu.scratch, 'scan.md');
    const res = await cli(['doctor', '--all-vpcs', '--concurrency', '1', '--output', sarif, '--output', md]);
    assert.equal(res.code, 1, describeRun(res));
    const summary = res.stdout.slice(res.stdout.indexOf('━━ Scan summary'));
    assert.match(summary, new RegExp(`us-east-1 +${healthy.vpcId} +prod +PASS `));
    assert.equal(summary.match(/^ {2}us-east-1 /gm)?.length, 2, 'us-east-1 only (AWS_REGION)');
    assert.match(res.stdout, /Exit code 1: /);
    const log = assertValidSarif(readFileSync(sarif, 'utf8'));
    assert.equal(log.runs[0].invocations?.length, 2);
    assert.equal(readFileSync(md, 'utf8').match(/^## ecr-vpce doctor: /gm)?.length, 2);
  });

  it('--regions all: every region DescribeRegions names; every operation sent is granted by iam-policy.json', async () => {
    const res = await cli(['doctor', '--regions', 'all', '--json']);
    const scan = parseJson<ScanJson>(res);
    assertValidScan(scan);
    assert.ok(scan.regions.length > 10 && scan.regions.includes('eu-west-1') && scan.regions.includes('us-east-1'), scan.regions.join(','));
    // moto's default VPC in each region, plus ours.
    assert.equal(scan.targets.length, scan.regions.length + 2);
    assert.ok(observedOperations.has('DescribeRegions'));
    const policy = JSON.parse(readFileSync(join(REPO_ROOT, 'iam-policy.json'), 'utf8'));
    const granted = new Set<string>(policy.Statement.flatMap((st: { Action: string[] }) => st.Action.map((a) => a.split(':')[1])));
    for (const op of observedOperations) assert.ok(granted.has(op), `${op} is granted by iam-policy.json`);
  });

  it('flags that name one VPC are refused before any call (exit 2, JSON failure document)', async () => {
    for (const extra of [['--vpc', healthy.vpcId], ['--subnet', healthy.appSubnetIds[0]], ['--ecs-service', 'c/s'], ['--snapshot', 'x.json'], ['--fix-plan']]) {
      const res = await cli(['doctor', '--all-vpcs', ...extra, '--json']);
      assert.equal(res.code, 2, describeRun(res));
      const doc = parseJson<{ error: { reason: string; message: string } }>(res);
      assert.equal(doc.error.reason, 'bad-input');
      assert.match(doc.error.message, new RegExp(`^${extra[0]} cannot be combined with --all-vpcs`));
    }
  });
});
