// End to end for the deeper network checks: the real CLI (bin/run.js → dist/) against accounts
// built in the moto emulator, each broken one way through the EC2 API after the healthy build.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AssociateDhcpOptionsCommand,
  AuthorizeSecurityGroupEgressCommand,
  CreateDhcpOptionsCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  DescribeNetworkAclsCommand,
  ModifyVpcEndpointCommand,
  ReplaceNetworkAclAssociationCommand,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import { SCENARIOS, VPC_CIDR, type Account } from './accounts';
import { describeRun, emulatorEnv, parseJson, runCli } from './cli';
import { useEmulator } from './emulator';

type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'error';
interface CheckJson {
  id: string;
  status: Status;
  summary: string;
  resources: string[];
  evidence: { resource: string; field: string; observed: string; expected: string; note?: string }[];
  remediation: { id: string; action: { kind: string; [k: string]: unknown } }[];
}
interface ReportJson {
  checks: CheckJson[];
  summary: { exitCode: number; verdict: string };
  gaps: unknown[];
}

const NEW_CHECKS = ['vpc-dhcp-dns', 'endpoint-required-services', 'endpoint-az-coverage', 'workload-sg-egress-443', 'nacl-https', 'endpoint-policy'];

const emu = useEmulator();

async function doctor(acct: Account, ...extra: string[]): Promise<ReportJson> {
  const res = await runCli(['doctor', '--vpc', acct.vpcId, '--json', ...extra], emulatorEnv(emu.url));
  const report = parseJson<ReportJson>(res);
  assert.equal(res.code, report.summary?.exitCode, `the exit code is the report's exitCode\n${describeRun(res)}`);
  return report;
}

function check(report: ReportJson, id: string, status: Status): CheckJson {
  const c = report.checks.find((x) => x.id === id);
  assert.ok(c, `check ${id} is in the report`);
  assert.equal(c.status, status, `${id}: expected ${status}, got ${c.status}: ${c.summary}\n${JSON.stringify(c.evidence, null, 2)}`);
  return c;
}

/** Every check other than `except` passes or skips (the account is broken exactly one way). */
function othersClean(report: ReportJson, except: string[]): void {
  const noisy = report.checks.filter((c) => !except.includes(c.id) && c.status !== 'pass' && c.status !== 'skip');
  assert.deepEqual(noisy.map((c) => `${c.id}: ${c.status} (${c.summary})`), []);
}

const textOf = (c: CheckJson) => JSON.stringify([c.summary, c.evidence, c.remediation]);

/** The app subnets on a new ACL with only these entries (moto, like AWS, then denies the rest). */
async function appAcl(acct: Account, entries: { rule: number; egress: boolean; cidr: string; ports: [number, number] }[]): Promise<string> {
  const created = await emu.ec2.send(new CreateNetworkAclCommand({ VpcId: acct.vpcId }));
  const aclId = created.NetworkAcl!.NetworkAclId!;
  for (const e of entries) {
    await emu.ec2.send(
      new CreateNetworkAclEntryCommand({
        NetworkAclId: aclId,
        RuleNumber: e.rule,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: e.egress,
        CidrBlock: e.cidr,
        PortRange: { From: e.ports[0], To: e.ports[1] },
      }),
    );
  }
  const current = await emu.ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [acct.vpcId] }] }));
  const associations = (current.NetworkAcls ?? []).flatMap((a) => a.Associations ?? []).filter((a) => acct.appSubnetIds.includes(a.SubnetId ?? ''));
  assert.equal(associations.length, acct.appSubnetIds.length, 'each app subnet has an ACL association to replace');
  for (const a of associations) {
    await emu.ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: a.NetworkAclAssociationId, NetworkAclId: aclId }));
  }
  return aclId;
}

describe('deeper checks against the emulator', { timeout: 180_000 }, () => {
  it('healthy, with the workload SG: every new check passes (or skips when it does not apply)', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    const report = await doctor(acct, '--security-group', acct.sg.workload);

    assert.equal(report.summary.exitCode, 0);
    othersClean(report, []);
    for (const id of NEW_CHECKS.filter((x) => x !== 'endpoint-required-services')) check(report, id, 'pass');
    check(report, 'endpoint-required-services', 'skip');
    assert.deepEqual(report.gaps, []);
  });

  it('workload SG with egress only to the endpoint SG → workload-sg-egress-443 fails naming the SG and the S3 prefix list', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    await emu.ec2.send(new RevokeSecurityGroupEgressCommand({ GroupId: acct.sg.workload, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    await emu.ec2.send(
      new AuthorizeSecurityGroupEgressCommand({
        GroupId: acct.sg.workload,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: acct.sg.endpoint }] }],
      }),
    );
    const report = await doctor(acct, '--security-group', acct.sg.workload);

    assert.equal(report.summary.exitCode, 1);
    othersClean(report, ['workload-sg-egress-443']);
    const c = check(report, 'workload-sg-egress-443', 'fail');
    assert.deepEqual(c.resources, [acct.sg.workload]);
    assert.match(c.summary, /S3 \(pl-[0-9a-f]+\)/);
    assert.equal(c.evidence[0].resource, acct.sg.workload);
    assert.equal(c.evidence[0].observed, `tcp/443 to ${acct.sg.endpoint}`);
    assert.equal(c.remediation.length, 1, 'only S3 is missing: the endpoints are reached through their SG');
  });

  it('a network ACL without inbound ephemeral ports → nacl-https fails naming the ACL and the default rule', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    const aclId = await appAcl(acct, [
      { rule: 100, egress: true, cidr: '0.0.0.0/0', ports: [443, 443] },
      { rule: 110, egress: true, cidr: VPC_CIDR, ports: [1024, 65535] },
      { rule: 100, egress: false, cidr: VPC_CIDR, ports: [443, 443] },
    ]);
    const report = await doctor(acct);

    assert.equal(report.summary.exitCode, 1);
    othersClean(report, ['nacl-https']);
    const c = check(report, 'nacl-https', 'fail');
    assert.ok(c.resources.includes(aclId));
    assert.match(c.summary, new RegExp(`${aclId} rule \\* \\(the default deny\\) denies inbound TCP 32768-60999`));
    assert.ok(c.evidence.every((e) => e.resource === aclId));
    assert.ok(c.remediation.some((r) => r.id === `nacl:${aclId}:inbound:32768-60999`));
  });

  it('an ecr.dkr endpoint policy without GetDownloadUrlForLayer → endpoint-policy fails naming the endpoint and the action', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    const PolicyDocument = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:BatchCheckLayerAvailability'], Resource: '*' }],
    });
    await emu.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: acct.endpoints.ecrDkr, PolicyDocument }));
    const report = await doctor(acct);

    assert.equal(report.summary.exitCode, 1);
    othersClean(report, ['endpoint-policy']);
    const c = check(report, 'endpoint-policy', 'fail');
    assert.deepEqual([...new Set(c.evidence.map((e) => e.resource))], [acct.endpoints.ecrDkr]);
    assert.match(c.summary, /ecr:GetDownloadUrlForLayer is not allowed by any statement/);
    assert.equal(c.remediation[0].id, `endpoint-policy:${acct.endpoints.ecrDkr}`);
  });

  it('an S3 gateway policy for other buckets only → endpoint-policy fails on s3:GetObject for the starport bucket', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    const PolicyDocument = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::corp-artifacts', 'arn:aws:s3:::corp-artifacts/*'] }] });
    await emu.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: acct.endpoints.s3, PolicyDocument }));
    const report = await doctor(acct);

    const c = check(report, 'endpoint-policy', 'fail');
    assert.match(textOf(c), /prod-us-east-1-starport-layer-bucket/);
    assert.deepEqual([...new Set(c.evidence.map((e) => e.resource))], [acct.endpoints.s3]);
  });

  it('custom DHCP DNS servers → vpc-dhcp-dns warns with the VPC resolver address (base + 2)', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    const dhcp = await emu.ec2.send(new CreateDhcpOptionsCommand({ DhcpConfigurations: [{ Key: 'domain-name-servers', Values: ['10.0.0.53', '10.0.1.53'] }] }));
    const id = dhcp.DhcpOptions!.DhcpOptionsId!;
    await emu.ec2.send(new AssociateDhcpOptionsCommand({ DhcpOptionsId: id, VpcId: acct.vpcId }));
    const report = await doctor(acct);

    assert.equal(report.summary.exitCode, 0, 'a warning only');
    othersClean(report, ['vpc-dhcp-dns']);
    const c = check(report, 'vpc-dhcp-dns', 'warn');
    assert.match(c.summary, /10\.0\.0\.53, 10\.0\.1\.53/);
    assert.match(c.summary, /169\.254\.169\.253 or 10\.0\.0\.2/);
    assert.equal(c.evidence[0].resource, id);
  });

  it('ECS on EC2 without ecs/ecs-agent/ecs-telemetry endpoints → endpoint-required-services fails naming each', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    const report = await doctor(acct, '--platform', 'ecs-ec2');

    othersClean(report, ['endpoint-required-services']);
    const c = check(report, 'endpoint-required-services', 'fail');
    for (const s of ['ecs', 'ecs-agent', 'ecs-telemetry']) assert.match(c.summary, new RegExp(`no endpoint for ${s}:`));
    const names = c.remediation.map((r) => r.action.serviceName).sort();
    assert.deepEqual(names, ['com.amazonaws.us-east-1.ecs', 'com.amazonaws.us-east-1.ecs-agent', 'com.amazonaws.us-east-1.ecs-telemetry']);
  });

  it('an ecr.dkr endpoint in one zone only → endpoint-az-coverage warns naming the other zone', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    await emu.ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: acct.endpoints.ecrDkr, RemoveSubnetIds: [acct.subnets.app.b] }));
    const report = await doctor(acct);

    othersClean(report, ['endpoint-az-coverage']);
    const c = check(report, 'endpoint-az-coverage', 'warn');
    assert.match(c.summary, /us-east-1b/);
    assert.deepEqual(c.evidence.map((e) => e.resource), [acct.endpoints.ecrDkr]);
  });
});
