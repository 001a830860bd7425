// The cases users hit after the basics are right: shared VPCs, two gateway endpoints on one table,
// routes that override the default route or the endpoint's prefix-list route.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { egressPath } from '../../src/checks/egress-path';
import { endpointEcrApi } from '../../src/checks/endpoint-ecr-api';
import { endpointEcrDkr } from '../../src/checks/endpoint-ecr-dkr';
import { endpointS3Gateway } from '../../src/checks/endpoint-s3-gateway';
import { s3RouteAssociation } from '../../src/checks/s3-route-association';
import { subnetPath } from '../../src/inventory/paths';
import { isPublicSubnet } from '../../src/inventory/query';
import type { Inventory, Route } from '../../src/inventory/types';
import { anInventory } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

const appA = (inv: Inventory) => subnetPath(inv, inv.subnets!.find((s) => s.id === 'subnet-app-a')!, []);
const withAppRoutes = (...routes: Route[]) => anInventory().routeTable('rtb-app', (rt) => rt.routes.push(...routes));

describe('shared-VPC participant: absent endpoints are unknown, not missing', () => {
  for (const [check, id] of [
    [endpointEcrDkr, 'vpce-dkr'],
    [endpointEcrApi, 'vpce-api'],
  ] as const) {
    it(`${check.id} warns, naming the owner, without a create step`, () => {
      const r = run(check, anInventory().sharedFrom('999988887777').withoutEndpoint(id).build());
      assert.equal(r.status, 'warn');
      assert.match(r.summary, /shared with this account by 999988887777/);
      assert.match(r.summary, /cannot see the owner's endpoints/);
      assert.deepEqual(r.remediation, []);
    });

    it(`${check.id} still passes on a visible endpoint and still fails for the owner`, () => {
      assert.equal(run(check, anInventory().sharedFrom().build()).status, 'pass');
      assert.equal(run(check, anInventory().withoutEndpoint(id).build()).status, 'fail');
    });
  }

  it('endpoint-s3-gateway warns instead of failing', () => {
    const r = run(endpointS3Gateway, anInventory().sharedFrom().withoutEndpoint('vpce-s3').build());
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /unknown/);
  });

  it('an unknown caller account is not treated as a participant', () => {
    const inv = anInventory().sharedFrom().withoutEndpoint('vpce-dkr').edit((i) => delete i.target.accountId).build();
    assert.equal(run(endpointEcrDkr, inv).status, 'fail');
  });
});

describe('two S3 gateway endpoints on one route table', () => {
  it('s3-route-association warns naming the table and both endpoints', () => {
    const inv = anInventory()
      .withEndpoint({ id: 'vpce-s3-b', type: 'Gateway', serviceName: 'com.amazonaws.us-east-1.s3', state: 'available', privateDnsEnabled: false, subnetIds: [], securityGroupIds: [], routeTableIds: ['rtb-app'], tags: {} })
      .build();
    const r = run(s3RouteAssociation, inv);
    assert.equal(r.status, 'warn');
    assert.equal(r.evidence[0].resource, 'rtb-app');
    assert.equal(r.evidence[0].observed, 'vpce-s3, vpce-s3-b');
  });
});

describe('routes that override the default route or the endpoint route', () => {
  it('0.0.0.0/1 + 128.0.0.0/1 to a NAT without 0.0.0.0/0: a NAT path, not "no path"', () => {
    const inv = anInventory()
      .classicS3Leak()
      .routeTable('rtb-app', (rt) => {
        rt.routes = rt.routes.filter((r) => r.destinationCidrBlock !== '0.0.0.0/0');
        rt.routes.push({ destinationCidrBlock: '0.0.0.0/1', natGatewayId: 'nat-main', state: 'active' }, { destinationCidrBlock: '128.0.0.0/1', natGatewayId: 'nat-main', state: 'active' });
      })
      .build();
    const f = appA(inv).flows.layers;
    assert.deepEqual([f.via, f.target], ['nat', 'nat-main']);
    assert.match(f.detail, /0\.0\.0\.0\/1, 128\.0\.0\.0\/1 to nat-main/);
    assert.equal(run(egressPath, inv).status, 'warn');
  });

  it('a /1 pair to a transit gateway overrides 0.0.0.0/0 → NAT', () => {
    const inv = anInventory()
      .classicS3Leak()
      .routeTable('rtb-app', (rt) => rt.routes.push({ destinationCidrBlock: '0.0.0.0/1', transitGatewayId: 'tgw-1', state: 'active' }, { destinationCidrBlock: '128.0.0.0/1', transitGatewayId: 'tgw-1', state: 'active' }))
      .build();
    assert.deepEqual([appA(inv).flows.layers.via, appA(inv).flows.layers.target], ['tgw', 'tgw-1']);
  });

  it('a /1 pair to an internet gateway makes a subnet public', () => {
    const inv = anInventory()
      .routeTable('rtb-public', (rt) => {
        rt.routes = rt.routes.filter((r) => r.destinationCidrBlock !== '0.0.0.0/0');
        rt.routes.push({ destinationCidrBlock: '0.0.0.0/1', gatewayId: 'igw-main', state: 'active' }, { destinationCidrBlock: '128.0.0.0/1', gatewayId: 'igw-main', state: 'active' });
      })
      .build();
    assert.equal(isPublicSubnet(inv, 'subnet-pub-a'), true);
    assert.equal(isPublicSubnet(inv, 'subnet-app-a'), false);
  });

  it('a blackhole default route is no path', () => {
    const inv = anInventory()
      .classicS3Leak()
      .routeTable('rtb-app', (rt) => (rt.routes.find((r) => r.destinationCidrBlock === '0.0.0.0/0')!.state = 'blackhole'))
      .build();
    assert.equal(appA(inv).flows.layers.via, 'none');
    assert.equal(run(egressPath, inv).status, 'fail');
  });

  it("with S3's prefix list entries: a more specific route inside one takes those layers past the endpoint", () => {
    const inv = withAppRoutes({ destinationCidrBlock: '52.216.0.0/16', transitGatewayId: 'tgw-inspect', state: 'active' })
      .edit((i) => (i.prefixLists![0].cidrs = ['52.216.0.0/15', '3.5.0.0/19']))
      .build();
    const f = appA(inv).flows.layers;
    assert.deepEqual([f.via, f.target], ['tgw', 'tgw-inspect']);
    assert.match(f.detail, /52\.216\.0\.0\/16 → tgw-inspect takes S3's 52\.216\.0\.0\/15/);
    assert.equal(run(egressPath, inv).status, 'warn');
  });

  it("with S3's entries: a less specific route (a /8) does not beat the endpoint", () => {
    const inv = withAppRoutes({ destinationCidrBlock: '52.0.0.0/8', transitGatewayId: 'tgw-1', state: 'active' })
      .edit((i) => (i.prefixLists![0].cidrs = ['52.216.0.0/15']))
      .build();
    assert.equal(appA(inv).flows.layers.via, 'vpce');
    assert.equal(run(egressPath, inv).status, 'pass');
  });

  it('without the entries: a specific public route or a foreign prefix-list route is a caveat (warn "may")', () => {
    for (const route of [
      { destinationCidrBlock: '52.216.0.0/16', transitGatewayId: 'tgw-1', state: 'active' },
      { destinationPrefixListId: 'pl-corp', transitGatewayId: 'tgw-1', state: 'active' },
    ]) {
      const inv = withAppRoutes(route).build();
      const f = appA(inv).flows.layers;
      assert.equal(f.via, 'vpce');
      assert.ok(f.caveat, 'a caveat');
      const r = run(egressPath, inv);
      assert.equal(r.status, 'warn');
      assert.match(r.summary, /may partly bypass the endpoint/);
    }
  });

  it('private ranges to a TGW (on-premises) are no caveat', () => {
    const inv = withAppRoutes({ destinationCidrBlock: '192.168.0.0/16', transitGatewayId: 'tgw-1', state: 'active' }).build();
    assert.equal(appA(inv).flows.layers.caveat, undefined);
    assert.equal(run(egressPath, inv).status, 'pass');
  });

  it('a route more specific than local sends traffic for an endpoint subnet elsewhere (a firewall ENI)', () => {
    const inv = withAppRoutes({ destinationCidrBlock: '10.0.11.0/24', networkInterfaceId: 'eni-firewall', state: 'active' }).build();
    const f = appA(inv).flows.registry;
    assert.deepEqual([f.via, f.target], ['other', 'eni-firewall']);
    assert.match(f.detail, /more specific than the local route/);
  });
});
