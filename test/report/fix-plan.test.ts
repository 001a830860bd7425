import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Remediation } from '../../src/checks/types';
import { buildFixPlan } from '../../src/report/fix-plan';
import { buildReport } from '../../src/report/model';
import { anInventory, defaultOptions } from '../helpers/inventory-builder';
import { classicVpc, result } from './fixtures';
import { everythingBroken, noEndpoints, planOf, reportOf } from './fix-plan-fixtures';

const kinds = (inv = everythingBroken()) => planOf(reportOf(inv), inv).steps.map((s) => s.action.kind);

describe('buildFixPlan on real check results', () => {
  it('a healthy VPC needs no step', () => {
    const inv = anInventory().build();
    assert.deepEqual(planOf(reportOf(inv), inv).steps, []);
  });

  it('the classic leak: one step, associating the S3 gateway with the app table', () => {
    const inv = anInventory().classicS3Leak().build();
    const { steps } = planOf(reportOf(inv), inv);
    assert.deepEqual(steps, [
      {
        number: 1,
        id: 'associate-s3:vpce-s3',
        title: 'Associate vpce-s3 with rtb-app',
        why: 'A gateway endpoint only serves the route tables it is associated with.',
        fixes: ['s3-route-association'],
        action: { kind: 'associate-route-tables', endpointId: 'vpce-s3', routeTableIds: ['rtb-app'] },
      },
    ]);
  });

  it('orders steps: VPC attributes → endpoints → private DNS → security groups → routes', () => {
    assert.deepEqual(kinds(), [
      'modify-vpc-attribute',
      'modify-vpc-attribute',
      'create-interface-endpoint',
      'enable-private-dns',
      'authorize-ingress-443',
      'associate-route-tables',
    ]);
    const inv = everythingBroken();
    const steps = planOf(reportOf(inv), inv).steps;
    assert.deepEqual(steps.map((s) => s.number), [1, 2, 3, 4, 5, 6]);
    // DNS support before hostnames: AWS refuses hostnames while support is off.
    assert.deepEqual(steps.slice(0, 2).map((s) => s.fixes), [['vpc-dns-support'], ['vpc-dns-hostnames']]);
  });

  it('a new ECR endpoint reuses the security group of its sibling endpoint', () => {
    const inv = everythingBroken();
    const create = planOf(reportOf(inv), inv).steps.find((s) => s.action.kind === 'create-interface-endpoint');
    assert.deepEqual(create?.action, {
      kind: 'create-interface-endpoint',
      vpcId: 'vpc-healthy',
      serviceName: 'com.amazonaws.us-east-1.ecr.api',
      subnetIds: ['subnet-app-a', 'subnet-app-b'],
      securityGroupIds: ['sg-endpoints'],
    });
  });

  it('with no endpoint to borrow from, creates a security group first, admitting 443 from the VPC CIDRs', () => {
    const inv = noEndpoints();
    const { steps } = planOf(reportOf(inv), inv);
    assert.deepEqual(steps.map((s) => s.action.kind), [
      'create-security-group',
      'create-interface-endpoint',
      'create-interface-endpoint',
      'create-gateway-endpoint',
    ]);
    assert.deepEqual(steps[0].action, {
      kind: 'create-security-group',
      vpcId: 'vpc-healthy',
      groupName: 'ecr-vpce-endpoints',
      description: 'HTTPS to the VPC interface endpoints (ecr-vpce)',
      ingressCidrs: ['10.0.0.0/16'],
    });
    assert.deepEqual(steps[0].fixes, ['endpoint-ecr-dkr', 'endpoint-ecr-api']);
    assert.deepEqual(steps[3].action, {
      kind: 'create-gateway-endpoint',
      vpcId: 'vpc-healthy',
      serviceName: 'com.amazonaws.us-east-1.s3',
      routeTableIds: ['rtb-app'],
    });
  });

  it('leaves the CIDRs empty when the VPC was not collected (resolved when applied)', () => {
    const inv = noEndpoints();
    const steps = buildFixPlan(reportOf(inv)).steps;
    assert.equal(steps[0].action.kind, 'create-security-group');
    assert.deepEqual((steps[0].action as { ingressCidrs: string[] }).ingressCidrs, []);
    assert.match(steps[0].title, /from the VPC CIDR$/);
  });

  it('takes no step for a passing, skipped or error check', () => {
    const fix: Remediation = { id: 'x', title: 't', why: 'w', action: { kind: 'manual', detail: 'd' } };
    const results = (['pass', 'skip', 'error'] as const).map((status) => result(`c-${status}`, 'dns', status, { remediation: [fix] }));
    const report = buildReport({ results, inventory: classicVpc(), options: defaultOptions(), toolVersion: '0', source: 'live' });
    assert.deepEqual(buildFixPlan(report).steps.map((s) => s.fixes), [['c-error']]);
  });
});

describe('buildFixPlan: de-duplication', () => {
  const fix = (id: string, action: Remediation['action']): Remediation => ({ id, title: `do ${id}`, why: 'because', action });
  const planFor = (...results: ReturnType<typeof result>[]) =>
    buildFixPlan(buildReport({ results, inventory: classicVpc(), options: defaultOptions(), toolVersion: '0', source: 'live' }));

  it('one step per remediation id, listing every check it fixes, a warning included', () => {
    const a = fix('sg-ingress-443:sg-1', { kind: 'authorize-ingress-443', groupId: 'sg-1', cidrs: ['10.0.1.0/24'], sourceGroupIds: [] });
    const b = fix('sg-ingress-443:sg-1', { kind: 'authorize-ingress-443', groupId: 'sg-1', cidrs: ['10.0.2.0/24', '10.0.1.0/24'], sourceGroupIds: ['sg-w'] });
    const { steps } = planFor(
      result('check-a', 'security', 'fail', { remediation: [a] }),
      result('check-b', 'security', 'warn', { remediation: [b, a] }),
    );
    assert.equal(steps.length, 1);
    assert.deepEqual(steps[0].fixes, ['check-a', 'check-b']);
    // Each check knew part of the fix: the lists are united, first seen first.
    assert.deepEqual(steps[0].action, { kind: 'authorize-ingress-443', groupId: 'sg-1', cidrs: ['10.0.1.0/24', '10.0.2.0/24'], sourceGroupIds: ['sg-w'] });
  });

  it('keeps the first action when a check reuses an id for another kind (a check bug)', () => {
    const { steps } = planFor(
      result('check-a', 'dns', 'fail', { remediation: [fix('same', { kind: 'enable-private-dns', endpointId: 'vpce-1' })] }),
      result('check-b', 'dns', 'fail', { remediation: [fix('same', { kind: 'manual', detail: 'x' })] }),
    );
    assert.deepEqual(steps.map((s) => [s.action.kind, s.fixes]), [['enable-private-dns', ['check-a', 'check-b']]]);
  });

  it('within a phase, keeps registry order; manual steps come last', () => {
    const { steps } = planFor(
      result('first', 'routing', 'fail', { remediation: [fix('m', { kind: 'manual', detail: 'ask' })] }),
      result('second', 'routing', 'fail', { remediation: [fix('r2', { kind: 'associate-route-tables', endpointId: 'vpce-2', routeTableIds: ['rtb-2'] })] }),
      result('third', 'routing', 'fail', { remediation: [fix('r1', { kind: 'associate-route-tables', endpointId: 'vpce-1', routeTableIds: ['rtb-1'] })] }),
    );
    assert.deepEqual(steps.map((s) => s.id), ['r2', 'r1', 'm']);
  });
});
