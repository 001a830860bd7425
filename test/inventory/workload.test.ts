/** What the workload tells about itself, turned into check options (flags always win). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveWorkload, fargatePlatform, secretService, servicePlatform, workloadOptions, workloadVpcMismatch } from '../../src/inventory/workload';
import { anInventory, defaultOptions } from '../helpers/inventory-builder';
import { aTaskDefinition, anEcsService, anEksCluster, ecsWorkload } from '../helpers/workload-fixtures';

describe('platform from an ECS service', () => {
  it('FARGATE with LATEST is fargate (LATEST = 1.4.0 for Linux, said in a note)', () => {
    const r = servicePlatform(anEcsService());
    assert.equal(r.platform, 'fargate');
    assert.match(r.note ?? '', /LATEST = 1\.4\.0.*since 2021-03/);
  });

  it('platform version 1.3.0 (and older) is fargate-1.3; 1.4.0 is fargate', () => {
    for (const v of ['1.3.0', '1.2.0', '1.0.0']) assert.equal(fargatePlatform(v, 'Linux').platform, 'fargate-1.3', v);
    assert.equal(fargatePlatform('1.4.0', 'Linux').platform, 'fargate');
  });

  it('Windows on Fargate counts as fargate whatever its own numbering says', () => {
    assert.equal(fargatePlatform('1.0.0', 'WINDOWS_SERVER_2022_CORE').platform, 'fargate');
  });

  it('FARGATE_SPOT capacity providers are Fargate; an Auto Scaling group provider is ECS on EC2', () => {
    assert.equal(servicePlatform(anEcsService({ launchType: undefined, capacityProviders: ['FARGATE_SPOT', 'FARGATE'] })).platform, 'fargate');
    const mixed = servicePlatform(anEcsService({ launchType: undefined, capacityProviders: ['FARGATE', 'asg-provider'] }));
    assert.equal(mixed.platform, 'ecs-ec2');
    assert.match(mixed.note ?? '', /stricter/);
  });

  it('EC2 and EXTERNAL launch types are ecs-ec2; no launch type and no strategy: not derived', () => {
    assert.equal(servicePlatform(anEcsService({ launchType: 'EC2', platformVersion: undefined })).platform, 'ecs-ec2');
    assert.match(servicePlatform(anEcsService({ launchType: 'EXTERNAL' })).note ?? '', /ECS Anywhere/);
    assert.equal(servicePlatform(anEcsService({ launchType: undefined, capacityProviders: [] })).platform, undefined);
  });
});

describe('deriveWorkload', () => {
  it('an ECS service gives its subnets, security groups and platform', () => {
    const d = deriveWorkload(ecsWorkload());
    assert.deepEqual(d.subnetIds, ['subnet-app-a', 'subnet-app-b']);
    assert.deepEqual(d.securityGroupIds, ['sg-app']);
    assert.equal(d.platform, 'fargate');
    assert.equal(d.description, 'ECS service prod/web (FARGATE, platform version LATEST), task definition web:3');
  });

  it('awslogs → logs; Secrets Manager ARNs → secretsmanager; SSM ARNs and names → ssm; registry credentials → secretsmanager', () => {
    const td = aTaskDefinition(['nginx']);
    td.containers[0] = {
      name: 'app',
      image: 'nginx',
      logDriver: 'awslogs',
      secrets: ['arn:aws:ssm:us-east-1:111122223333:parameter/app/db-host', '/app/flag'],
    };
    assert.deepEqual(deriveWorkload({ request: { images: [] }, taskDefinition: td }).extraServices.sort(), ['logs', 'ssm']);
    td.containers[0].secrets = ['arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf'];
    td.containers[0].logDriver = 'json-file';
    assert.deepEqual(deriveWorkload({ request: { images: [] }, taskDefinition: td }).extraServices, ['secretsmanager']);
    td.containers[0] = { name: 'app', image: 'ghcr.io/o/a', secrets: [], registryCredentials: 'arn:aws:secretsmanager:us-east-1:1:secret:ghcr' };
    assert.deepEqual(deriveWorkload({ request: { images: [] }, taskDefinition: td }).extraServices, ['secretsmanager']);
    assert.equal(secretService('arn:aws-cn:secretsmanager:cn-north-1:1:secret:x'), 'secretsmanager');
  });

  it('a task definition alone decides the platform from requiresCompatibilities', () => {
    assert.equal(deriveWorkload({ request: { images: [] }, taskDefinition: aTaskDefinition() }).platform, 'fargate');
    assert.equal(deriveWorkload({ request: { images: [] }, taskDefinition: aTaskDefinition(undefined, { requiresCompatibilities: ['EC2'] }) }).platform, 'ecs-ec2');
    assert.equal(deriveWorkload({ request: { images: [] }, taskDefinition: aTaskDefinition(undefined, { requiresCompatibilities: ['EC2', 'FARGATE'] }) }).platform, undefined);
  });

  it("the service's platform wins over its task definition's compatibilities", () => {
    const w = ecsWorkload();
    w.ecsService!.launchType = 'EC2';
    assert.equal(deriveWorkload(w).platform, 'ecs-ec2');
  });

  it('a service without awsvpc configuration says so, and gives no subnets', () => {
    const w = ecsWorkload();
    w.ecsService = anEcsService({ subnetIds: [], securityGroupIds: [], assignPublicIp: undefined, launchType: 'EC2' });
    const d = deriveWorkload(w);
    assert.deepEqual(d.subnetIds, []);
    assert.ok(d.notes.some((n) => /no awsvpc network configuration/.test(n)));
  });

  it('an EKS cluster gives eks, its subnets and the cluster security group first', () => {
    const d = deriveWorkload({ request: { eksCluster: 'k1', images: [] }, eksCluster: anEksCluster({ endpointPrivateAccess: false }) });
    assert.equal(d.platform, 'eks');
    assert.deepEqual(d.securityGroupIds, ['sg-cluster', 'sg-app']);
    assert.ok(d.notes.some((n) => /private access off/.test(n)));
    assert.ok(d.notes.some((n) => /--image/.test(n)));
  });

  it('nothing without a workload', () => {
    assert.deepEqual(deriveWorkload(undefined), { subnetIds: [], securityGroupIds: [], extraServices: [], notes: [] });
  });
});

describe('workloadOptions: flags first, then the workload, then the defaults', () => {
  const inv = anInventory().edit((i) => (i.workload = ecsWorkload())).build();

  it('fills subnets, security groups and platform from the workload; other fields pass through', () => {
    const o = workloadOptions(inv, { ...defaultOptions(), lookbackSeconds: 3600 } as ReturnType<typeof defaultOptions>, false);
    assert.deepEqual(o.subnetIds, ['subnet-app-a', 'subnet-app-b']);
    assert.equal(o.subnetSource, 'workload');
    assert.deepEqual(o.securityGroupIds, ['sg-app']);
    assert.equal(o.platform, 'fargate');
    assert.equal((o as { lookbackSeconds?: number }).lookbackSeconds, 3600);
    assert.match(o.workload?.description ?? '', /ECS service prod\/web/);
  });

  it('--subnet, --security-group and --platform win, with a note on the overridden platform', () => {
    const o = workloadOptions(inv, defaultOptions({ platform: 'ecs-ec2', subnetIds: ['subnet-app-a'], securityGroupIds: ['sg-other'] }), true);
    assert.deepEqual(o.subnetIds, ['subnet-app-a']);
    assert.equal(o.subnetSource, 'flag');
    assert.deepEqual(o.securityGroupIds, ['sg-other']);
    assert.equal(o.platform, 'ecs-ec2');
    assert.ok(o.workload?.notes.some((n) => /--platform ecs-ec2 overrides fargate/.test(n)));
  });

  it('extra services add to --needs, without duplicates', () => {
    const w = ecsWorkload();
    w.taskDefinition!.containers[0].logDriver = 'awslogs';
    const withLogs = anInventory().edit((i) => (i.workload = w)).build();
    assert.deepEqual(workloadOptions(withLogs, defaultOptions({ extraServices: ['logs', 'kms'] }), false).extraServices, ['logs', 'kms']);
  });

  it('no workload: the given options, unchanged', () => {
    const o = workloadOptions(anInventory().build(), defaultOptions(), false);
    assert.deepEqual(o, defaultOptions());
  });
});

describe('workloadVpcMismatch', () => {
  it('an ECS service whose subnets are not in the VPC, an EKS cluster of another VPC', () => {
    const svc = anInventory().edit((i) => (i.workload = ecsWorkload())).edit((i) => (i.workload!.ecsService!.subnetIds = ['subnet-elsewhere'])).build();
    assert.match(workloadVpcMismatch(svc) ?? '', /subnet-elsewhere, not in vpc-healthy/);
    const eks = anInventory().edit((i) => (i.workload = { request: { images: [] }, eksCluster: anEksCluster({ vpcId: 'vpc-other' }) })).build();
    assert.match(workloadVpcMismatch(eks) ?? '', /vpc-other, not vpc-healthy/);
    assert.equal(workloadVpcMismatch(anInventory().edit((i) => (i.workload = ecsWorkload())).build()), undefined);
  });
});
