// End to end: `doctor --ecs-service / --eks-cluster / --image` against workloads built in the moto
// emulator through the ECS, EKS and ECR APIs (see workloads.ts for moto's quirks).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DeleteRouteCommand } from '@aws-sdk/client-ec2';
import { SCENARIOS, type Account } from './accounts';
import { describeRun, emulatorEnv, parseJson, runCli, type CliResult } from './cli';
import { useEmulator } from './emulator';
import {
  OWN_REGISTRY,
  createEksCluster,
  createFargateService,
  emulatorWorkloadClients,
  pushImage,
  registerTaskDefinition,
  type WorkloadClients,
} from './workloads';

interface CheckJson {
  id: string;
  status: 'pass' | 'warn' | 'fail' | 'skip' | 'error';
  summary: string;
  evidence: { resource: string; field: string; observed: string; expected: string; note?: string }[];
}
interface ReportJson {
  target: { vpcId: string; accountId?: string };
  options: { platform: string; subnets: string[]; workloadSubnetBasis: string; securityGroups: string[]; workload?: { description: string; notes: string[] } };
  checks: CheckJson[];
  summary: { exitCode: number; verdict: string };
  gaps: { part: string; call: string }[];
}

let aws: WorkloadClients;

const emu = useEmulator({
  setup: ({ url }) => {
    aws = emulatorWorkloadClients(url);
    return () => aws.destroy();
  },
});

async function doctor(...args: string[]): Promise<{ res: CliResult; report: ReportJson }> {
  const res = await runCli(['doctor', '--json', ...args], emulatorEnv(emu.url));
  const report = parseJson<ReportJson>(res);
  assert.equal(res.code, report.summary?.exitCode, `the exit code is the report's exitCode\n${describeRun(res)}`);
  return { res, report };
}

function check(report: ReportJson, id: string, status: CheckJson['status']): CheckJson {
  const found = report.checks.find((c) => c.id === id);
  assert.ok(found, `check ${id} is in the report`);
  assert.equal(found.status, status, `${id}: expected ${status}, got ${found.status}: ${found.summary}\n${JSON.stringify(found.evidence, null, 2)}`);
  return found;
}

/** The classic account with an ECS Fargate service "prod/web" in its app subnets. */
async function classicWithService(images: string[]): Promise<Account> {
  const acct = await SCENARIOS.classic().build(emu.ec2);
  await pushImage(aws.ecr, 'web', '1.2');
  const td = await registerTaskDefinition(aws.ecs, 'web', { images, awslogs: true, secret: true });
  await createFargateService(aws.ecs, acct, 'prod', 'web', td);
  return acct;
}

/** The app subnets lose their default route: no NAT path to the internet. */
async function withoutNat(acct: Account): Promise<void> {
  for (const rt of Object.values(acct.appRouteTableIds)) {
    await emu.ec2.send(new DeleteRouteCommand({ RouteTableId: rt, DestinationCidrBlock: '0.0.0.0/0' }));
  }
}

describe('doctor --ecs-service', () => {
  it('derives the VPC, subnets, security group and platform from the service, and judges its images', async () => {
    const acct = await classicWithService([`${OWN_REGISTRY}/web:1.2`, 'nginx:latest']);
    const { report } = await doctor('--ecs-service', 'prod/web');

    assert.equal(report.target.vpcId, acct.vpcId, 'no --vpc: the VPC of the service subnets');
    assert.equal(report.options.workloadSubnetBasis, 'workload');
    assert.deepEqual([...report.options.subnets].sort(), [...acct.appSubnetIds].sort());
    assert.deepEqual(report.options.securityGroups, [acct.sg.workload]);
    assert.equal(report.options.platform, 'fargate');
    assert.match(report.options.workload?.description ?? '', /^ECS service prod\/web \(FARGATE, platform version LATEST\), task definition web:1$/);
    assert.ok(report.options.workload?.notes.some((n) => /LATEST = 1\.4\.0/.test(n)));

    // Classic leak stays found with the derived subnets.
    check(report, 's3-route-association', 'fail');
    // awslogs and the secret: logs and secretsmanager endpoints are required.
    const needs = check(report, 'endpoint-required-services', 'fail');
    assert.match(needs.summary, /logs/);
    assert.match(needs.summary, /secretsmanager/);

    // Own image exists (DescribeImages); nginx goes through the NAT: warn, host named.
    const origin = check(report, 'image-origin', 'warn');
    assert.match(origin.summary, /nginx:latest comes from docker\.io \(Docker Hub\).*through nat-/);
    const own = origin.evidence.find((e) => e.resource === `${OWN_REGISTRY}/web:1.2`);
    assert.match(own?.observed ?? '', /tag 1\.2 found/);

    // Moto has no DescribePullThroughCacheRules: a gap, that check alone errors.
    check(report, 'ecr-pull-through-cache', 'error');
    assert.deepEqual(report.gaps.map((g) => [g.part, g.call]), [['pullThroughCache', 'ecr:DescribePullThroughCacheRules']]);
  });

  it('--ecs-task-definition replaces the service\'s: a missing tag fails image-origin', async () => {
    const acct = await classicWithService([`${OWN_REGISTRY}/web:1.2`]);
    await registerTaskDefinition(aws.ecs, 'web', { images: [`${OWN_REGISTRY}/web:9.9`] });
    const { report } = await doctor('--ecs-service', 'prod/web', '--ecs-task-definition', 'web:2', '--vpc', acct.vpcId, '--skip', 'ecr-pull-through-cache');
    const origin = check(report, 'image-origin', 'fail');
    assert.match(origin.summary, /tag 9\.9 is not in repository web/);
    assert.match(report.options.workload?.description ?? '', /task definition web:2/);
  });

  it('a service that does not exist: exit 2, nothing diagnosed', async () => {
    await SCENARIOS.healthy().build(emu.ec2);
    const res = await runCli(['doctor', '--json', '--ecs-service', 'prod/nope'], emulatorEnv(emu.url));
    assert.equal(res.code, 2, describeRun(res));
    assert.equal(parseJson<{ error: { reason: string } }>(res).error.reason, 'workload-not-found');
  });

  it('a snapshot taken with --ecs-service replays the same diagnosis offline', async () => {
    await classicWithService([`${OWN_REGISTRY}/web:1.2`, 'nginx:latest']);
    const file = join(emu.scratch, 'svc.json');
    const snap = await runCli(['snapshot', '--ecs-service', 'prod/web', '-o', file], emulatorEnv(emu.url));
    assert.equal(snap.code, 0, describeRun(snap));
    const live = (await doctor('--ecs-service', 'prod/web')).report;
    const replay = parseJson<ReportJson>(await runCli(['doctor', '--json', '--snapshot', file]));
    assert.deepEqual(replay.options, live.options);
    assert.deepEqual(replay.checks.map((c) => [c.id, c.status]), live.checks.map((c) => [c.id, c.status]));
  });
});

describe('doctor --image', () => {
  it('nginx:latest on the healthy account without a NAT path: image-origin fails, naming docker.io', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    await withoutNat(acct);
    const { report } = await doctor('--vpc', acct.vpcId, '--image', 'nginx:latest', '--skip', 'ecr-pull-through-cache');
    const origin = check(report, 'image-origin', 'fail');
    assert.equal(origin.evidence[0].resource, 'nginx:latest');
    assert.equal(origin.evidence[0].observed, 'docker.io (Docker Hub)');
    assert.match(origin.summary, /no workload subnet has a NAT or internet path: the pull fails/);
    assert.equal(report.summary.exitCode, 1);
  });

  it('the same image with the NAT: a warning only (the pull works, through the NAT)', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    const { report } = await doctor('--vpc', acct.vpcId, '--image', 'nginx:latest', '--skip', 'ecr-pull-through-cache');
    check(report, 'image-origin', 'warn');
  });
});

describe('doctor --eks-cluster', () => {
  it('derives the VPC (from the first subnet: moto omits vpcId), the subnets and the eks platform', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    await createEksCluster(aws.eks, acct, 'k1');
    const { report } = await doctor('--eks-cluster', 'k1');
    assert.equal(report.target.vpcId, acct.vpcId);
    assert.equal(report.options.platform, 'eks');
    assert.equal(report.options.workloadSubnetBasis, 'workload');
    assert.deepEqual([...report.options.subnets].sort(), [...acct.appSubnetIds].sort());
    assert.deepEqual(report.options.securityGroups, [acct.sg.workload]);
    // The eks endpoint set (emu.ec2, sts) is required and absent in this account.
    assert.match(check(report, 'endpoint-required-services', 'fail').summary, /ec2.*sts|sts.*ec2/);
    check(report, 'image-origin', 'skip');
    check(report, 'ecr-pull-through-cache', 'skip');
  });
});
