// The fix plan, proven by applying it: for each broken emulator account, `doctor --fix-plan=cli`
// prints a script, the machine's own `aws` CLI runs it against the emulator (through a proxy that
// records the wire requests), and the doctor, run again, must find nothing left to fail.
// Where moto accepts a command but does not model its effect, the wire request is asserted instead.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { beforeEach, describe, it, type TestContext } from 'node:test';
import { DescribeRouteTablesCommand, DescribeVpcEndpointsCommand } from '@aws-sdk/client-ec2';
import type { Report } from '../../src/report/model';
import { anAccount, SCENARIOS, type Account, type AccountBuilder } from './accounts';
import { cleanEnv, describeRun, emulatorEnv, parseJson, runCli, type CliResult } from './cli';
import { useEmulator } from './emulator';
import { startRecordingProxy, type RecordingProxy } from './recording-proxy';

let proxy: RecordingProxy;

const emu = useEmulator({
  setup: async ({ url }) => {
    proxy = await startRecordingProxy(url);
    return () => proxy.stop();
  },
});
beforeEach(() => proxy.clear());

const hasAwsCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

/** The machine's aws CLI is what users run the plan with; without it this proof cannot run. */
function needAwsCli(t: TestContext): boolean {
  if (hasAwsCli) return true;
  if (process.env.CI) assert.fail('the aws CLI is not installed: the fix plan cannot be applied in CI');
  const why = 'aws CLI not found: SKIPPING the test that applies the fix plan';
  console.warn(`\n*** ${why} ***\n`);
  t.skip(why);
  return false;
}

const doctor = (acct: Account, args: string[]) => runCli(['doctor', '--vpc', acct.vpcId, ...args], emulatorEnv(emu.url));

async function report(acct: Account, args: string[]): Promise<{ res: CliResult; report: Report }> {
  const res = await doctor(acct, ['--json', ...args]);
  return { res, report: parseJson<Report>(res) };
}

const failing = (r: Report) => r.checks.filter((c) => c.status === 'fail').map((c) => c.id);

/** Runs the script as a user would (`sh fix.sh`), with dummy credentials, against the proxy. */
function applyScript(script: string): Promise<CliResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ecr-vpce-fix-'));
  const file = join(dir, 'fix.sh');
  writeFileSync(file, script);
  const env = cleanEnv({ AWS_ENDPOINT_URL: proxy.url, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' });
  return new Promise((resolve, reject) => {
    // Asynchronous on purpose: the recording proxy lives in this process and must keep serving.
    const child = spawn('sh', [file], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

interface Case {
  name: string;
  account: () => AccountBuilder;
  args?: (acct: Account) => string[];
  /** The plan's action kinds, in order. */
  kinds: string[];
  /** The EC2 calls the script makes, in order. */
  calls: string[];
  /** Extra wire-level assertions. */
  wire?: (acct: Account, actions: Array<Record<string, string>>) => void;
  /** What the emulator did (or did not do) with the calls, read back after the script. */
  emulated?: (acct: Account) => Promise<void>;
  /**
   * The checks still failing after the script, because moto accepts the call but does not model
   * it (see README). Empty: the emulator proves the fix.
   */
  unmodelled?: string[];
}

const CASES: Case[] = [
  {
    name: 'S3 gateway endpoint missing from the app route tables',
    account: SCENARIOS.classic,
    kinds: ['associate-route-tables'],
    calls: ['ModifyVpcEndpoint'],
    wire: (acct, [call]) => {
      assert.equal(call.VpcEndpointId, acct.endpoints.s3);
      assert.deepEqual([call['AddRouteTableId.1'], call['AddRouteTableId.2']].sort(), [acct.appRouteTableIds.a, acct.appRouteTableIds.b].sort());
    },
    // moto 5.2 records the association (what the doctor reads) but writes no pl-… → vpce-… route,
    // which AWS does: the emulator proves the plan's call, not the route. See README.
    emulated: async (acct) => {
      const app = [acct.appRouteTableIds.a!, acct.appRouteTableIds.b!];
      const ep = await emu.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [acct.endpoints.s3!] }));
      for (const rt of app) assert.ok(ep.VpcEndpoints?.[0]?.RouteTableIds?.includes(rt), `${rt} not associated`);
      const rts = await emu.ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: app }));
      const s3Routes = (rts.RouteTables ?? []).flatMap((rt) => (rt.Routes ?? []).filter((r) => r.GatewayId === acct.endpoints.s3));
      assert.deepEqual(s3Routes, [], 'moto now writes the gateway route on ModifyVpcEndpoint: update the README note');
    },
  },
  {
    name: 'private DNS off on the ecr.dkr endpoint',
    account: SCENARIOS.privateDnsOff,
    kinds: ['enable-private-dns'],
    calls: ['ModifyVpcEndpoint'],
    // moto 5.2 answers ModifyVpcEndpoint(PrivateDnsEnabled) with success but leaves the flag false.
    unmodelled: ['endpoint-private-dns'],
    wire: (acct, [call]) => {
      assert.deepEqual(
        { VpcEndpointId: call.VpcEndpointId, PrivateDnsEnabled: call.PrivateDnsEnabled },
        { VpcEndpointId: acct.endpoints.ecrDkr, PrivateDnsEnabled: 'true' },
      );
    },
  },
  {
    name: 'DNS hostnames off',
    account: SCENARIOS.dnsHostnamesOff,
    kinds: ['modify-vpc-attribute'],
    calls: ['ModifyVpcAttribute'],
    wire: (acct, [call]) => {
      assert.deepEqual(call, { Action: 'ModifyVpcAttribute', Version: '2016-11-15', VpcId: acct.vpcId, 'EnableDnsHostnames.Value': 'true' });
    },
  },
  {
    name: 'no ecr.api endpoint',
    account: SCENARIOS.missingEcrApi,
    kinds: ['create-interface-endpoint'],
    calls: ['CreateVpcEndpoint'],
    wire: (acct, [call]) => {
      assert.equal(call.ServiceName, 'com.amazonaws.us-east-1.ecr.api');
      assert.equal(call.VpcEndpointType, 'Interface');
      assert.equal(call.PrivateDnsEnabled, 'true');
      assert.equal(call['SecurityGroupId.1'], acct.sg.endpoint, 'reuses the ecr.dkr endpoint group');
      assert.deepEqual([call['SubnetId.1'], call['SubnetId.2']].sort(), [...acct.appSubnetIds].sort());
    },
  },
  {
    name: 'endpoint security group admitting the wrong CIDR',
    account: SCENARIOS.wrongCidr,
    kinds: ['authorize-ingress-443'],
    calls: ['AuthorizeSecurityGroupIngress'],
    wire: (acct, [call]) => {
      assert.equal(call.GroupId, acct.sg.endpoint);
      assert.deepEqual([call['IpPermissions.1.IpRanges.1.CidrIp'], call['IpPermissions.1.IpRanges.2.CidrIp']], ['10.0.10.0/24', '10.0.11.0/24']);
      assert.equal(call['IpPermissions.1.FromPort'], '443');
    },
  },
  {
    name: 'isolated subnets with no endpoint at all',
    account: () => anAccount().withDataTier().withoutEndpoint('ecr.api').withoutEndpoint('ecr.dkr').withoutEndpoint('s3'),
    args: (acct) => ['--subnet', acct.subnets.data!.a, '--subnet', acct.subnets.data!.b],
    kinds: ['create-security-group', 'create-interface-endpoint', 'create-interface-endpoint', 'create-gateway-endpoint'],
    calls: ['CreateSecurityGroup', 'AuthorizeSecurityGroupIngress', 'CreateVpcEndpoint', 'CreateVpcEndpoint', 'CreateVpcEndpoint'],
    wire: (acct, calls) => {
      const [, ingress, dkr, api, s3] = calls;
      assert.equal(ingress['IpPermissions.1.IpRanges.1.CidrIp'], acct.vpcCidr);
      // The id the script read back from CreateSecurityGroup is the one both endpoints use.
      assert.match(ingress.GroupId, /^sg-/);
      assert.equal(dkr['SecurityGroupId.1'], ingress.GroupId);
      assert.equal(api['SecurityGroupId.1'], ingress.GroupId);
      assert.deepEqual([dkr['SubnetId.1'], dkr['SubnetId.2']], [acct.subnets.data!.a, acct.subnets.data!.b]);
      assert.deepEqual([s3.VpcEndpointType, s3['RouteTableId.1']], ['Gateway', acct.dataRouteTableId]);
    },
  },
];

describe('doctor --fix-plan=cli, applied with the aws CLI against the emulator', () => {
  for (const c of CASES) {
    it(c.name, async (t) => {
      if (!needAwsCli(t)) return;
      const acct = await c.account().build(emu.ec2);
      const args = c.args?.(acct) ?? [];

      const before = await report(acct, ['--fix-plan', ...args]);
      assert.equal(before.res.code, 1, describeRun(before.res));
      assert.deepEqual(before.report.fixPlan?.steps.map((s) => s.action.kind), c.kinds);

      const plan = await doctor(acct, ['--fix-plan=cli', ...args]);
      assert.equal(plan.code, 1, describeRun(plan));
      assert.ok(plan.stdout.startsWith('#!/bin/sh\n'), plan.stdout);
      assert.match(plan.stdout, /^set -eu$/m);
      assert.doesNotMatch(plan.stdout, /Verdict|Summary:/, 'the report must not share stdout with the script');
      assert.match(plan.stderr, /verdict fail\)\.\nFix plan: \d+ steps? written to stdout as cli/);

      const applied = await applyScript(plan.stdout);
      assert.equal(applied.code, 0, `the script failed:\n${applied.stderr}\n${plan.stdout}`);
      const actions = proxy.actions();
      assert.deepEqual(actions.map((a) => a.Action), c.calls);
      c.wire?.(acct, actions);
      await c.emulated?.(acct);

      const afterRun = await report(acct, args);
      const still = failing(afterRun.report);
      if (c.unmodelled) {
        // If this starts failing because moto now models the fix, assert exit 0 here instead.
        assert.deepEqual(still, c.unmodelled, `moto gap changed? still failing: ${still.join(', ')}`);
      } else {
        assert.deepEqual(still, [], describeRun(afterRun.res));
        assert.equal(afterRun.res.code, 0, describeRun(afterRun.res));
        assert.equal(afterRun.report.summary.exitCode, 0);
      }
    });
  }
});

describe('doctor --fix-plan output streams', () => {
  it('terraform: HCL alone on stdout; a healthy account: a script that changes nothing', async () => {
    const broken = await SCENARIOS.classic().build(emu.ec2);
    const hcl = await doctor(broken, ['--fix-plan=terraform']);
    assert.equal(hcl.code, 1, describeRun(hcl));
    assert.match(hcl.stdout, /^# ecr-vpce fix plan/);
    assert.match(hcl.stdout, /^resource "aws_vpc_endpoint_route_table_association" /m);
    assert.doesNotMatch(hcl.stdout, /Verdict/);

    await emu.moto.reset();
    const healthy = await SCENARIOS.healthy().build(emu.ec2);
    const script = await doctor(healthy, ['--fix-plan=cli']);
    assert.equal(script.code, 0, describeRun(script));
    assert.deepEqual(script.stdout.split('\n').filter((l) => l && !l.startsWith('#') && l !== 'set -eu'), []);
  });

  it('a bare --fix-plan prints the report, then the numbered plan', async () => {
    const acct = await SCENARIOS.dnsHostnamesOff().build(emu.ec2);
    const res = await doctor(acct, ['--fix-plan']);
    assert.equal(res.code, 1, describeRun(res));
    const verdict = res.stdout.indexOf('Verdict: FAIL');
    const plan = res.stdout.indexOf('Fix plan: 1 step');
    assert.ok(verdict > 0 && plan > verdict, res.stdout);
    assert.match(res.stdout, /\n  1\. Turn on enableDnsHostnames for vpc-\w+\n {5}why: .+\n {5}fixes: vpc-dns-hostnames\n {7}aws ec2 modify-vpc-attribute /);
  });

  it('--json with --fix-plan=cli is refused (exit 2), before any AWS call', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    // Through the recording proxy, so "no call" is observed rather than assumed.
    const res = await runCli(['doctor', '--vpc', acct.vpcId, '--json', '--fix-plan=cli'], emulatorEnv(proxy.url));
    assert.equal(res.code, 2, describeRun(res));
    assert.equal(parseJson<{ error: { reason: string } }>(res).error.reason, 'bad-input');
    assert.deepEqual(proxy.requests, []);
  });
});
