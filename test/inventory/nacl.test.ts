import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { aclForSubnet, describeRule, evaluateNacl } from '../../src/inventory/nacl';
import type { NetworkAcl, NetworkAclEntry } from '../../src/inventory/types';
import { anInventory } from '../helpers/inventory-builder';

const out = (ruleNumber: number, action: 'allow' | 'deny', cidrBlock: string, protocol = '6', portFrom?: number, portTo?: number): NetworkAclEntry => ({
  ruleNumber,
  egress: true,
  protocol,
  action,
  cidrBlock,
  portFrom,
  portTo,
});
const defaultDeny = out(32767, 'deny', '0.0.0.0/0', '-1');
const acl = (...entries: NetworkAclEntry[]): NetworkAcl => ({ id: 'acl-x', isDefault: false, subnetIds: [], entries: [...entries, defaultDeny], tags: {} });
const https = (peer: string) => ({ egress: true, peer, ports: [443, 443] as const });

describe('evaluateNacl', () => {
  it('allows with an allow-all rule', () => {
    const a = evaluateNacl(acl(out(100, 'allow', '0.0.0.0/0', '-1')), https('10.0.20.0/24'));
    assert.equal(a.allowed, 'all');
    assert.equal(a.allowingRules[0].ruleNumber, 100);
  });

  it('denies by the default rule when nothing matches', () => {
    const a = evaluateNacl(acl(), https('10.0.20.0/24'));
    assert.deepEqual([a.allowed, a.denyingRule], ['none', defaultDeny]);
    assert.equal(describeRule(a.denyingRule!), 'rule * (the default deny)');
  });

  it('evaluates in ascending rule number whatever the listed order (first match wins)', () => {
    const a = evaluateNacl(acl(out(200, 'allow', '0.0.0.0/0', '6', 443, 443), out(100, 'deny', '10.0.0.0/16', '6', 443, 443)), https('10.0.20.0/24'));
    assert.equal(a.allowed, 'none');
    assert.equal((a.denyingRule as NetworkAclEntry).ruleNumber, 100);
    const b = evaluateNacl(acl(out(100, 'allow', '0.0.0.0/0', '6', 443, 443), out(200, 'deny', '10.0.0.0/16', '6', 443, 443)), https('10.0.20.0/24'));
    assert.equal(b.allowed, 'all');
  });

  it('a partially covering allow followed by a deny is a denial of the rest ("some"), naming the deny', () => {
    const a = evaluateNacl(acl(out(100, 'allow', '10.0.20.0/25', '6', 443, 443), out(110, 'deny', '10.0.0.0/16', '-1')), https('10.0.20.0/24'));
    assert.equal(a.allowed, 'some');
    assert.equal((a.denyingRule as NetworkAclEntry).ruleNumber, 110);
  });

  it('two allows that together cover the peer allow it all', () => {
    const a = evaluateNacl(acl(out(100, 'allow', '10.0.20.0/25', '6', 443, 443), out(110, 'allow', '10.0.20.128/25', '6', 443, 443)), https('10.0.20.0/24'));
    assert.equal(a.allowed, 'all');
    assert.equal(a.allowingRules.length, 2);
  });

  it('a deny that does not touch the peer or the port is skipped', () => {
    const a = evaluateNacl(acl(out(90, 'deny', '192.168.0.0/16', '-1'), out(95, 'deny', '0.0.0.0/0', '6', 22, 22), out(100, 'allow', '0.0.0.0/0', '6', 443, 443)), https('10.0.20.0/24'));
    assert.equal(a.allowed, 'all');
  });

  it('port ranges: all of them must be allowed, split allows count', () => {
    const ask = { egress: true, peer: '10.0.0.0/16', ports: [1024, 65535] as const };
    assert.equal(evaluateNacl(acl(out(100, 'allow', '0.0.0.0/0', '6', 1024, 65535)), ask).allowed, 'all');
    assert.equal(evaluateNacl(acl(out(100, 'allow', '0.0.0.0/0', '6', 32768, 65535)), ask).allowed, 'some');
    assert.equal(evaluateNacl(acl(out(100, 'allow', '0.0.0.0/0', '6', 1024, 32767), out(101, 'allow', '0.0.0.0/0', '6', 32768, 65535)), ask).allowed, 'all');
  });

  it('protocol: -1 and 6 (tcp) match, udp and IPv6 entries do not; missing ports on tcp mean all', () => {
    assert.equal(evaluateNacl(acl(out(100, 'allow', '0.0.0.0/0', '17', 443, 443)), https('10.0.0.0/24')).allowed, 'none');
    assert.equal(evaluateNacl(acl(out(100, 'allow', '0.0.0.0/0', 'tcp')), https('10.0.0.0/24')).allowed, 'all');
    const v6: NetworkAclEntry = { ruleNumber: 100, egress: true, protocol: '-1', action: 'allow', ipv6CidrBlock: '::/0' };
    assert.equal(evaluateNacl(acl(v6), https('10.0.0.0/24')).allowed, 'none');
  });

  it('only reads the entries of the asked direction', () => {
    const inbound = { ...out(100, 'allow', '0.0.0.0/0', '-1'), egress: false };
    assert.equal(evaluateNacl(acl(inbound), https('10.0.0.0/24')).allowed, 'none');
    assert.equal(evaluateNacl(acl(inbound), { egress: false, peer: '10.0.0.0/24', ports: [443, 443] }).allowed, 'all');
  });

  it('address and port combine: an allow for the peer on other ports leaves 443 to the next rule', () => {
    const a = evaluateNacl(acl(out(100, 'allow', '10.0.0.0/16', '6', 80, 80), out(110, 'deny', '10.0.0.0/16', '6', 0, 1000)), https('10.0.20.0/24'));
    assert.deepEqual([a.allowed, (a.denyingRule as NetworkAclEntry).ruleNumber], ['none', 110]);
  });

  it('describes a rule the way the console lists it', () => {
    assert.equal(describeRule(out(90, 'deny', '10.0.20.0/24', '6', 443, 443)), 'rule 90 (deny tcp 443 to 10.0.20.0/24)');
    assert.equal(describeRule({ ...out(100, 'allow', '0.0.0.0/0', '6', 1024, 65535), egress: false }), 'rule 100 (allow tcp 1024-65535 from 0.0.0.0/0)');
  });
});

describe('aclForSubnet', () => {
  it('uses the explicit association, else the default ACL', () => {
    const inv = anInventory()
      .withNetworkAcl({ id: 'acl-app', isDefault: false, subnetIds: ['subnet-app-a'], entries: [], tags: {} })
      .networkAcl('acl-default', (a) => (a.subnetIds = []))
      .build();
    assert.equal(aclForSubnet(inv, 'subnet-app-a')?.id, 'acl-app');
    assert.equal(aclForSubnet(inv, 'subnet-app-b')?.id, 'acl-default', 'no association listed: the default ACL');
  });
});
