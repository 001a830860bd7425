import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endpointEcrDkr } from '../../src/checks/endpoint-ecr-dkr';
import { endpointEcrApi } from '../../src/checks/endpoint-ecr-api';
import { anInventory, anInterfaceEndpoint } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

for (const [check, id, short] of [
  [endpointEcrDkr, 'vpce-dkr', 'ecr.dkr'],
  [endpointEcrApi, 'vpce-api', 'ecr.api'],
] as const) {
  describe(check.id, () => {
    it('passes with an available interface endpoint', () => {
      const r = run(check, anInventory().build());
      assert.equal(r.status, 'pass');
      assert.deepEqual(r.resources, [id]);
    });

    it('fails when the endpoint is missing, proposing one per workload AZ', () => {
      const r = run(check, anInventory().withoutEndpoint(id).build());
      assert.equal(r.status, 'fail');
      assert.match(r.summary, new RegExp(`com\\.amazonaws\\.us-east-1\\.${short.replace('.', '\\.')}`));
      const action = r.remediation[0].action;
      assert.equal(action.kind, 'create-interface-endpoint');
      if (action.kind === 'create-interface-endpoint') {
        assert.deepEqual(action.subnetIds, ['subnet-app-a', 'subnet-app-b']);
        assert.deepEqual(action.securityGroupIds, ['sg-endpoints'], 'reuses the sibling ECR endpoint SG');
      }
    });

    for (const state of ['pending', 'failed', 'rejected', 'pendingAcceptance']) {
      it(`fails naming the state when the endpoint is ${state}`, () => {
        const r = run(check, anInventory().endpoint(id, (e) => (e.state = state)).build());
        assert.equal(r.status, 'fail');
        assert.match(r.summary, new RegExp(`"${state}"`));
        assert.equal(r.evidence[0].observed, state);
      });
    }

    it('passes when one of two endpoints for the service is available', () => {
      const inv = anInventory()
        .endpoint(id, (e) => (e.state = 'failed'))
        .withEndpoint({ ...anInterfaceEndpoint('vpce-second', short), privateDnsEnabled: false })
        .build();
      const r = run(check, inv);
      assert.equal(r.status, 'pass');
      assert.deepEqual(r.resources, ['vpce-second']);
    });

    it('does not count a gateway-type or other-region endpoint', () => {
      const inv = anInventory()
        .endpoint(id, (e) => (e.serviceName = `com.amazonaws.eu-west-1.${short}`))
        .build();
      assert.equal(run(check, inv).status, 'fail');
    });

    it('recognises the China partition spelling cn.com.amazonaws.<region>', () => {
      const inv = anInventory()
        .edit((i) => (i.target = { ...i.target, region: 'cn-north-1', partition: 'aws-cn' }))
        .endpoint(id, (e) => (e.serviceName = `cn.com.amazonaws.cn-north-1.${short}`))
        .build();
      assert.equal(run(check, inv).status, 'pass');
      const missing = run(check, anInventory().edit((i) => (i.target = { ...i.target, region: 'cn-north-1', partition: 'aws-cn' })).withoutEndpoint(id).build());
      const action = missing.remediation[0].action;
      assert.equal(action.kind === 'create-interface-endpoint' && action.serviceName, `cn.com.amazonaws.cn-north-1.${short}`);
    });

    it('is an error when DescribeVpcEndpoints was denied', () => {
      const r = run(check, anInventory().withGap('vpcEndpoints', 'ec2:DescribeVpcEndpoints').build());
      assert.equal(r.status, 'error');
      assert.match(r.summary, /ec2:DescribeVpcEndpoints/);
    });
  });
}

describe('endpoint-ecr-api platform rules', () => {
  it('skips on Fargate platform version 1.3.0 and earlier', () => {
    const r = run(endpointEcrApi, anInventory().withoutEndpoint('vpce-api').build(), { platform: 'fargate-1.3' });
    assert.equal(r.status, 'skip');
    assert.match(r.summary, /1\.3\.0/);
  });

  for (const platform of ['fargate', 'ecs-ec2', 'eks'] as const) {
    it(`is required on ${platform}`, () => {
      assert.equal(run(endpointEcrApi, anInventory().withoutEndpoint('vpce-api').build(), { platform }).status, 'fail');
    });
  }

  it('ecr.dkr stays required on fargate-1.3', () => {
    assert.equal(run(endpointEcrDkr, anInventory().withoutEndpoint('vpce-dkr').build(), { platform: 'fargate-1.3' }).status, 'fail');
  });
});
