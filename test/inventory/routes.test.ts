import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { localOverride, possiblyOverriding, publicRouting, routesOverriding } from '../../src/inventory/routes';
import type { Route, RouteTable } from '../../src/inventory/types';

const table = (...routes: Route[]): RouteTable => ({
  id: 'rtb-x',
  main: false,
  associations: [],
  routes: [{ destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local', state: 'active' }, ...routes],
  tags: {},
});
const nat = (cidr: string): Route => ({ destinationCidrBlock: cidr, natGatewayId: 'nat-1', state: 'active' });
const tgw = (cidr: string): Route => ({ destinationCidrBlock: cidr, transitGatewayId: 'tgw-1', state: 'active' });

describe('publicRouting', () => {
  it('a default route carries all public addresses', () => {
    const r = publicRouting(table(nat('0.0.0.0/0')));
    assert.equal(r.shares.length, 1);
    assert.equal(r.shares[0].route.natGatewayId, 'nat-1');
    assert.equal(r.unrouted, 0);
  });

  it('0.0.0.0/1 + 128.0.0.0/1 override 0.0.0.0/0 entirely', () => {
    const r = publicRouting(table(nat('0.0.0.0/0'), tgw('0.0.0.0/1'), tgw('128.0.0.0/1')));
    assert.deepEqual(r.shares.map((s) => s.route.destinationCidrBlock).sort(), ['0.0.0.0/1', '128.0.0.0/1']);
  });

  it('private and VPC ranges are not public: a 10/8 route to a TGW takes no public share', () => {
    const r = publicRouting(table(nat('0.0.0.0/0'), tgw('10.0.0.0/8'), tgw('192.168.0.0/16')));
    assert.deepEqual(r.shares.map((s) => s.route.destinationCidrBlock), ['0.0.0.0/0']);
  });

  it('a specific public route takes its share; the rest stays on the default route', () => {
    const r = publicRouting(table(nat('0.0.0.0/0'), tgw('52.216.0.0/15')));
    assert.deepEqual(r.shares.map((s) => [s.route.destinationCidrBlock, s.size]), [['0.0.0.0/0', r.shares[0].size], ['52.216.0.0/15', 2 ** 17]]);
  });

  it('no default route: everything unrouted', () => {
    const r = publicRouting(table());
    assert.equal(r.shares.length, 0);
    assert.ok(r.unrouted > 3e9);
  });
});

describe('route overrides', () => {
  it('routesOverriding: a route inside a prefix-list entry with an equal or longer prefix wins', () => {
    const rt = table(nat('0.0.0.0/0'), tgw('52.216.0.0/16'), tgw('54.0.0.0/8'));
    const over = routesOverriding(rt, ['52.216.0.0/15', '54.231.0.0/16']);
    assert.deepEqual(over.map((o) => [o.route.destinationCidrBlock, o.cidr]), [['52.216.0.0/16', '52.216.0.0/15']]);
    assert.equal(routesOverriding(rt, ['3.5.0.0/19']).length, 0);
  });

  it('possiblyOverriding: specific public routes and foreign prefix-list routes, not catch-alls or private ranges', () => {
    const rt = table(
      nat('0.0.0.0/0'),
      tgw('0.0.0.0/1'),
      tgw('10.1.0.0/16'),
      tgw('52.216.0.0/16'),
      { destinationPrefixListId: 'pl-s3', gatewayId: 'vpce-s3', state: 'active' },
      { destinationPrefixListId: 'pl-corp', transitGatewayId: 'tgw-1', state: 'active' },
    );
    assert.deepEqual(possiblyOverriding(rt, 'pl-s3').map((r) => r.destinationCidrBlock ?? r.destinationPrefixListId), ['52.216.0.0/16', 'pl-corp']);
  });

  it('localOverride: a route more specific than local to an endpoint subnet', () => {
    const rt = table({ destinationCidrBlock: '10.0.20.0/24', networkInterfaceId: 'eni-fw', state: 'active' });
    assert.equal(localOverride(rt, ['10.0.20.0/24'])?.route.networkInterfaceId, 'eni-fw');
    assert.equal(localOverride(rt, ['10.0.21.0/24']), undefined);
    assert.equal(localOverride(table(tgw('172.16.0.0/24')), ['10.0.20.0/24']), undefined);
  });
});
