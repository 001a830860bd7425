// The read-only proof, end to end: the real CLI against the emulator, every wire request
// recorded by the proxy in runCli. Every CLI run of the e2e suite is guarded the same way;
// this file also proves the guard is not vacuous and the IAM policy covers what was sent.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssociateDhcpOptionsCommand, CreateDhcpOptionsCommand } from '@aws-sdk/client-ec2';
import { ALL_OPERATIONS } from '../../src/aws/operations';
import { SCENARIOS } from './accounts';
import { REPO_ROOT, describeRun, emulatorEnv, runCli } from './cli';
import { useEmulator } from './emulator';
import { assertReadOnly, observedOperations } from './read-only-guard';

/** The parts a plain `doctor --vpc` collects for a VPC with a NAT gateway. */
const VPC_PARTS: readonly string[] = [
  'identity', 'vpc', 'vpcAttributes', 'dhcpOptions', 'subnets', 'routeTables', 'vpcEndpoints', 'securityGroups',
  'networkAcls', 'natGateways', 'internetGateways', 'prefixLists', 'endpointServices', 'natMetrics',
];

// No reset: the second test reads what the first one recorded.
const emu = useEmulator({ reset: false });

describe('read-only by proof', () => {
  it('doctor and snapshot send only Describe/Get/List operations, and every one the collector knows', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    // A custom DHCP option set, so that the wave-2 DescribeDhcpOptions call is made too.
    const dhcp = await emu.ec2.send(new CreateDhcpOptionsCommand({ DhcpConfigurations: [{ Key: 'domain-name-servers', Values: ['AmazonProvidedDNS'] }] }));
    await emu.ec2.send(new AssociateDhcpOptionsCommand({ VpcId: acct.vpcId, DhcpOptionsId: dhcp.DhcpOptions!.DhcpOptionsId! }));
    const env = emulatorEnv(emu.url);
    const doctor = await runCli(['doctor', '--vpc', acct.vpcId, '--json'], env);
    assert.equal(doctor.code, 1, describeRun(doctor));
    const snap = await runCli(['snapshot', '--vpc', acct.vpcId, '-o', join(emu.scratch, 's.json')], env);
    assert.equal(snap.code, 0, describeRun(snap));
    // runCli already failed the run on any write; here: the recording really saw the calls.
    // Workload calls (ECS, EKS, ECR images) are made only with workload flags: not expected here.
    const expected = ALL_OPERATIONS.filter((op) => VPC_PARTS.includes(op.part)).map((op) => op.call.split(':')[1]);
    for (const op of expected) assert.ok(observedOperations.has(op), `${op} was sent (saw ${[...observedOperations].join(', ')})`);
  });

  it('every operation sent maps to an action granted by iam-policy.json', () => {
    const policy = JSON.parse(readFileSync(join(REPO_ROOT, 'iam-policy.json'), 'utf8'));
    const granted = new Set<string>(policy.Statement.flatMap((s: { Action: string[] }) => s.Action.map((a) => a.split(':')[1])));
    assert.ok(observedOperations.size > 0, 'the previous test recorded operations');
    for (const op of observedOperations) assert.ok(granted.has(op), `${op} is granted by iam-policy.json`);
  });

  it('the guard rejects a mutating call in any protocol', () => {
    const req = (params: string, extra: { target?: string; path?: string; method?: string } = {}) => ({
      method: extra.method ?? 'POST',
      path: extra.path ?? '/',
      params: new URLSearchParams(params),
      target: extra.target,
    });
    assert.throws(() => assertReadOnly([req('Action=CreateVpcEndpoint&Version=2016-11-15')], 'x'), /CreateVpcEndpoint/);
    assert.throws(() => assertReadOnly([req('Action=ModifyVpcAttribute')], 'x'), /ModifyVpcAttribute/);
    assert.throws(() => assertReadOnly([req('', { target: 'AmazonEC2ContainerRegistry_V20150921.PutImage' })], 'x'), /PutImage/);
    assert.throws(() => assertReadOnly([req('', { path: '/service/GraniteServiceVersion20100801/operation/PutMetricData' })], 'x'), /PutMetricData/);
    assert.throws(() => assertReadOnly([req('', { method: 'DELETE', path: '/clusters/prod' })], 'x'), /DELETE/);
    assert.doesNotThrow(() => assertReadOnly([req('Action=DescribeVpcs'), req('', { method: 'GET', path: '/clusters/prod' })], 'x'));
  });
});
