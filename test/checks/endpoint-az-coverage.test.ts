import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endpointAzCoverage } from '../../src/checks/endpoint-az-coverage';
import { anInventory, aSubnet } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

describe('endpoint-az-coverage', () => {
  it('passes when both ECR endpoints have an interface in every workload zone', () => {
    const r = run(endpointAzCoverage, anInventory().build());
    assert.equal(r.status, 'pass');
    assert.match(r.summary, /us-east-1a, us-east-1b/);
  });

  it('warns naming the uncovered zone, the cross-AZ cost and the single-zone risk', () => {
    const inv = anInventory()
      .endpoint('vpce-dkr', (e) => (e.subnetIds = ['subnet-app-a']))
      .build();
    const r = run(endpointAzCoverage, inv);
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /us-east-1b/);
    assert.match(r.summary, /inter-AZ data transfer/);
    assert.match(r.summary, /single point of failure/);
    assert.equal(r.evidence.length, 1);
    assert.equal(r.evidence[0].resource, 'vpce-dkr');
    assert.match(r.evidence[0].note ?? '', /subnet-app-b/);
    assert.equal(r.remediation[0].action.kind, 'manual');
    assert.match(r.remediation[0].title, /subnet-app-b/);
  });

  it('counts a third workload zone without an endpoint, one subnet per zone in the fix', () => {
    const inv = anInventory()
      .withSubnet(aSubnet('subnet-app-c', '10.0.12.0/24', 'us-east-1c', 'app-c'))
      .withSubnet(aSubnet('subnet-app-c2', '10.0.13.0/24', 'us-east-1c', 'app-c2'))
      .build();
    const r = run(endpointAzCoverage, inv);
    assert.equal(r.status, 'warn');
    assert.doesNotMatch(r.summary, /single point of failure/, 'the endpoints span two zones');
    assert.equal(r.evidence.length, 2, 'one per endpoint');
    const detail = r.remediation[0].action.kind === 'manual' ? r.remediation[0].action.detail : '';
    assert.match(detail, /--add-subnet-ids subnet-app-c$/);
  });

  it('compares Availability Zone ids when they are known (names differ per account)', () => {
    const inv = anInventory()
      .edit((i) => {
        for (const s of i.subnets!) s.availabilityZoneId = s.availabilityZone === 'us-east-1a' ? 'use1-az1' : 'use1-az2';
      })
      .build();
    assert.equal(run(endpointAzCoverage, inv).status, 'pass');
  });

  it('ignores ecr.api on fargate-1.3', () => {
    const inv = anInventory().endpoint('vpce-api', (e) => (e.subnetIds = ['subnet-app-a'])).build();
    assert.equal(run(endpointAzCoverage, inv).status, 'warn');
    assert.equal(run(endpointAzCoverage, inv, { platform: 'fargate-1.3' }).status, 'pass');
  });

  it('skips without ECR endpoints or without workload subnets', () => {
    assert.equal(run(endpointAzCoverage, anInventory().withoutEndpoint('vpce-api').withoutEndpoint('vpce-dkr').build()).status, 'skip');
    const noWorkload = anInventory().edit((i) => (i.subnets = i.subnets!.filter((s) => s.id === 'subnet-pub-a'))).build();
    assert.equal(run(endpointAzCoverage, noWorkload).status, 'skip');
  });

  it('is an error when subnets could not be read', () => {
    assert.equal(run(endpointAzCoverage, anInventory().withGap('subnets', 'ec2:DescribeSubnets').build()).status, 'error');
  });
});
