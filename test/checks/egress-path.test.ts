import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { egressPath } from '../../src/checks/egress-path';
import { subnetPath } from '../../src/inventory/paths';
import { anInventory } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

const appA = (inv: ReturnType<ReturnType<typeof anInventory>['build']>) =>
  subnetPath(inv, inv.subnets!.find((s) => s.id === 'subnet-app-a')!, []);

describe('egress-path', () => {
  it('passes when all three flows use endpoints', () => {
    const inv = anInventory().build();
    assert.equal(run(egressPath, inv).status, 'pass');
    const p = appA(inv);
    assert.deepEqual(
      [p.flows.api.via, p.flows.registry.via, p.flows.layers.via, p.flows.layers.target],
      ['vpce', 'vpce', 'vpce', 'vpce-s3'],
    );
  });

  it('warns when layers leak through the NAT (classic case)', () => {
    const inv = anInventory().classicS3Leak().build();
    const r = run(egressPath, inv);
    assert.equal(r.status, 'warn');
    assert.equal(r.evidence.length, 2);
    assert.equal(r.evidence[0].observed, 'image layers → nat nat-main');
    assert.equal(appA(inv).flows.layers.target, 'nat-main');
  });

  it('routes registry traffic to the NAT when private DNS is off', () => {
    const inv = anInventory().endpoint('vpce-dkr', (e) => (e.privateDnsEnabled = false)).build();
    assert.equal(appA(inv).flows.registry.via, 'nat');
    assert.match(appA(inv).flows.registry.detail, /private DNS off/);
  });

  it('routes both interface flows to the NAT when VPC DNS hostnames are off', () => {
    const inv = anInventory().edit((i) => (i.vpcAttributes!.enableDnsHostnames = false)).build();
    assert.equal(appA(inv).flows.api.via, 'nat');
    assert.equal(appA(inv).flows.registry.via, 'nat');
    assert.equal(appA(inv).flows.layers.via, 'vpce');
  });

  it('fails when the endpoint SG blocks the subnet (pulls time out)', () => {
    const inv = anInventory().securityGroup('sg-endpoints', (g) => (g.ingress = [])).build();
    const r = run(egressPath, inv);
    assert.equal(r.status, 'fail');
    assert.equal(appA(inv).flows.registry.via, 'blocked');
  });

  it('fails for an isolated subnet with no endpoints and no default route', () => {
    const inv = anInventory()
      .withoutEndpoint('vpce-api')
      .withoutEndpoint('vpce-dkr')
      .withoutEndpoint('vpce-s3')
      .routeTable('rtb-app', (rt) => (rt.routes = rt.routes.filter((r) => r.destinationCidrBlock !== '0.0.0.0/0')))
      .build();
    const r = run(egressPath, inv);
    assert.equal(r.status, 'fail');
    assert.equal(appA(inv).flows.layers.via, 'none');
  });

  it('ignores the ECR API flow on fargate-1.3', () => {
    const inv = anInventory().withoutEndpoint('vpce-api').build();
    assert.equal(run(egressPath, inv).status, 'warn');
    assert.equal(run(egressPath, inv, { platform: 'fargate-1.3' }).status, 'pass');
  });

  it('skips when there are no workload subnets', () => {
    const inv = anInventory().edit((i) => (i.subnets = i.subnets!.filter((s) => s.id === 'subnet-pub-a'))).build();
    assert.equal(run(egressPath, inv).status, 'skip');
  });

  it('is an error when VPC attributes could not be read', () => {
    assert.equal(run(egressPath, anInventory().withGap('vpcAttributes', 'ec2:DescribeVpcAttribute').build()).status, 'error');
  });
});
