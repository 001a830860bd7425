import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endpointPrivateDns } from '../../src/checks/endpoint-private-dns';
import { anInventory } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

describe('endpoint-private-dns', () => {
  it('passes when both ECR endpoints have private DNS', () => {
    const r = run(endpointPrivateDns, anInventory().build());
    assert.equal(r.status, 'pass');
    assert.deepEqual(r.resources.sort(), ['vpce-api', 'vpce-dkr']);
  });

  it('fails when private DNS is off on ecr.dkr', () => {
    const r = run(endpointPrivateDns, anInventory().endpoint('vpce-dkr', (e) => (e.privateDnsEnabled = false)).build());
    assert.equal(r.status, 'fail');
    assert.equal(r.evidence.length, 1);
    assert.equal(r.evidence[0].resource, 'vpce-dkr');
    assert.deepEqual(r.remediation[0].action, { kind: 'enable-private-dns', endpointId: 'vpce-dkr' });
  });

  it('only warns when private DNS is off on ecr.api alone', () => {
    const r = run(endpointPrivateDns, anInventory().endpoint('vpce-api', (e) => (e.privateDnsEnabled = false)).build());
    assert.equal(r.status, 'warn');
    assert.equal(r.evidence[0].resource, 'vpce-api');
  });

  it('warns when private DNS is on but the VPC cannot resolve it (DNS hostnames off)', () => {
    const r = run(endpointPrivateDns, anInventory().edit((i) => (i.vpcAttributes!.enableDnsHostnames = false)).build());
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /vpc-dns-hostnames/);
  });

  it('ignores ecr.api on fargate-1.3', () => {
    const inv = anInventory().endpoint('vpce-api', (e) => (e.privateDnsEnabled = false)).build();
    assert.equal(run(endpointPrivateDns, inv, { platform: 'fargate-1.3' }).status, 'pass');
  });

  it('skips when there is no ECR interface endpoint', () => {
    const r = run(endpointPrivateDns, anInventory().withoutEndpoint('vpce-api').withoutEndpoint('vpce-dkr').build());
    assert.equal(r.status, 'skip');
  });

  it('is an error when endpoints could not be listed', () => {
    assert.equal(run(endpointPrivateDns, anInventory().withGap('vpcEndpoints', 'ec2:DescribeVpcEndpoints').build()).status, 'error');
  });
});
