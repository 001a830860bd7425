import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endpointRequiredServices, servicesNeeded } from '../../src/checks/endpoint-required-services';
import { anInventory, anInterfaceEndpoint, defaultOptions } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

const withServices = (...shorts: string[]) => {
  const b = anInventory();
  for (const s of shorts) b.withEndpoint(anInterfaceEndpoint(`vpce-${s}`, s));
  return b;
};

describe('endpoint-required-services', () => {
  it('skips on Fargate with nothing else needed', () => {
    const r = run(endpointRequiredServices, anInventory().build());
    assert.equal(r.status, 'skip');
    assert.match(r.summary, /--needs/);
  });

  it('passes on ECS on EC2 with ecs, ecs-agent and ecs-telemetry', () => {
    const r = run(endpointRequiredServices, withServices('ecs', 'ecs-agent', 'ecs-telemetry').build(), { platform: 'ecs-ec2' });
    assert.equal(r.status, 'pass');
    assert.ok(r.resources.includes('vpce-ecs-agent'));
  });

  it('fails on ECS on EC2 naming each missing service and why, with a create step each', () => {
    const r = run(endpointRequiredServices, withServices('ecs').build(), { platform: 'ecs-ec2' });
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /ecs-agent: the ECS agent keeps its control connection/);
    assert.match(r.summary, /ecs-telemetry/);
    assert.deepEqual(r.remediation.map((x) => x.id), ['create-endpoint:ecs-agent', 'create-endpoint:ecs-telemetry']);
    const action = r.remediation[0].action;
    assert.deepEqual(action, {
      kind: 'create-interface-endpoint',
      vpcId: 'vpc-healthy',
      serviceName: 'com.amazonaws.us-east-1.ecs-agent',
      subnetIds: ['subnet-app-a', 'subnet-app-b'],
      securityGroupIds: ['sg-endpoints'],
    });
  });

  it('EKS: ec2 and sts are required, eks-auth only recommended (warn)', () => {
    assert.equal(run(endpointRequiredServices, withServices('ec2').build(), { platform: 'eks' }).status, 'fail');
    const r = run(endpointRequiredServices, withServices('ec2', 'sts').build(), { platform: 'eks' });
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /eks-auth \(recommended\): .*Pod Identity/);
    assert.equal(run(endpointRequiredServices, withServices('ec2', 'sts', 'eks-auth').build(), { platform: 'eks' }).status, 'pass');
  });

  it('--needs logs,secretsmanager on Fargate: required, with the reason', () => {
    const r = run(endpointRequiredServices, withServices('logs').build(), { extraServices: ['logs', 'secretsmanager'] });
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /secretsmanager: secrets referenced in the task definition/);
    assert.equal(r.evidence.length, 1);
  });

  it('names asked with --needs override a recommendation and ignore the ECR set', () => {
    const needs = servicesNeeded(defaultOptions({ platform: 'eks', extraServices: ['eks-auth', 'ecr.dkr', ' s3 ', 'xray'] }));
    assert.deepEqual(needs.map((n) => `${n.service}:${n.level}`), ['ec2:required', 'sts:required', 'eks-auth:required', 'xray:required']);
  });

  it('fails naming the state of an endpoint that is not available', () => {
    const inv = withServices('logs').endpoint('vpce-logs', (e) => (e.state = 'pendingAcceptance')).build();
    const r = run(endpointRequiredServices, inv, { extraServices: ['logs'] });
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /"pendingAcceptance"/);
  });

  it('warns when the endpoint has private DNS off', () => {
    const inv = withServices('logs').endpoint('vpce-logs', (e) => (e.privateDnsEnabled = false)).build();
    const r = run(endpointRequiredServices, inv, { extraServices: ['logs'] });
    assert.equal(r.status, 'warn');
    assert.equal(r.remediation[0].action.kind, 'enable-private-dns');
  });

  it('resolves the China partition service name', () => {
    const inv = anInventory()
      .edit((i) => (i.target = { ...i.target, region: 'cn-north-1', partition: 'aws-cn' }))
      .build();
    const r = run(endpointRequiredServices, inv, { extraServices: ['logs'] });
    const action = r.remediation[0].action;
    assert.equal(action.kind === 'create-interface-endpoint' && action.serviceName, 'cn.com.amazonaws.cn-north-1.logs');
  });

  it('prefers the name DescribeVpcEndpointServices returned', () => {
    const inv = anInventory().edit((i) => (i.endpointServices = [{ serviceName: 'com.amazonaws.us-east-1.logs', serviceTypes: ['Interface'] }])).build();
    const action = run(endpointRequiredServices, inv, { extraServices: ['logs'] }).remediation[0].action;
    assert.equal(action.kind === 'create-interface-endpoint' && action.serviceName, 'com.amazonaws.us-east-1.logs');
  });

  it('in a shared VPC a missing endpoint is unknown: warn, no create step', () => {
    const r = run(endpointRequiredServices, anInventory().sharedFrom().build(), { platform: 'ecs-ec2' });
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /shared by 999988887777/);
    assert.deepEqual(r.remediation, []);
  });

  it('is an error when endpoints could not be listed', () => {
    const r = run(endpointRequiredServices, anInventory().withGap('vpcEndpoints', 'ec2:DescribeVpcEndpoints').build(), { platform: 'ecs-ec2' });
    assert.equal(r.status, 'error');
  });
});
