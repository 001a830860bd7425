import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { vpcDhcpDns } from '../../src/checks/vpc-dhcp-dns';
import { anInventory } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

const withServers = (...servers: string[]) => anInventory().edit((i) => (i.dhcpOptions!.domainNameServers = servers));

describe('vpc-dhcp-dns', () => {
  it('passes with AmazonProvidedDNS', () => {
    const r = run(vpcDhcpDns, anInventory().build());
    assert.equal(r.status, 'pass');
    assert.deepEqual(r.resources, ['vpc-healthy', 'dopt-1']);
  });

  it('passes with no DHCP option set at all', () => {
    const inv = anInventory().edit((i) => {
      i.dhcpOptions = undefined;
      i.vpc!.dhcpOptionsId = undefined;
    }).build();
    assert.equal(run(vpcDhcpDns, inv).status, 'pass');
  });

  it('passes when the VPC resolver is named by address: base + 2 or 169.254.169.253', () => {
    assert.equal(run(vpcDhcpDns, withServers('10.0.0.2').build()).status, 'pass');
    assert.equal(run(vpcDhcpDns, withServers('169.254.169.253', '10.9.9.9').build()).status, 'pass', 'custom only as a fallback');
  });

  it('warns with custom servers, naming the resolver to forward to (CIDR base + 2)', () => {
    const r = run(vpcDhcpDns, withServers('10.50.0.10', '10.50.0.11').build());
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /10\.50\.0\.10, 10\.50\.0\.11/);
    assert.match(r.summary, /169\.254\.169\.253 or 10\.0\.0\.2/);
    assert.deepEqual([r.evidence[0].resource, r.evidence[0].field, r.evidence[0].observed], ['dopt-1', 'domain-name-servers', '10.50.0.10, 10.50.0.11']);
    assert.equal(r.remediation[0].action.kind, 'manual');
  });

  it('computes base + 2 from the primary CIDR', () => {
    const inv = withServers('192.168.1.1').edit((i) => (i.vpc!.cidrBlocks = ['172.20.16.0/20', '100.64.0.0/16'])).build();
    assert.match(run(vpcDhcpDns, inv).summary, /172\.20\.16\.2/);
    assert.equal(run(vpcDhcpDns, withServers('172.20.16.2').edit((i) => (i.vpc!.cidrBlocks = ['172.20.16.0/20'])).build()).status, 'pass');
  });

  it('warns when AmazonProvidedDNS comes after a custom server (asked only when it times out)', () => {
    const r = run(vpcDhcpDns, withServers('10.50.0.10', 'AmazonProvidedDNS').build());
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /before the VPC resolver/);
  });

  it('warns when the option set names no DNS server at all', () => {
    const r = run(vpcDhcpDns, withServers().build());
    assert.equal(r.status, 'warn');
    assert.equal(r.evidence[0].observed, '(none)');
  });

  it('is an error when the declared option set was not found', () => {
    const inv = anInventory().edit((i) => (i.dhcpOptions = undefined)).build();
    assert.equal(run(vpcDhcpDns, inv).status, 'error');
  });

  it('skips when deselected', () => {
    assert.equal(run(vpcDhcpDns, anInventory().build(), {}, { skip: ['vpc-dhcp-dns'] }).status, 'skip');
  });

  it('is an error when DescribeDhcpOptions was denied', () => {
    const r = run(vpcDhcpDns, anInventory().withGap('dhcpOptions', 'ec2:DescribeDhcpOptions').build());
    assert.equal(r.status, 'error');
    assert.match(r.summary, /ec2:DescribeDhcpOptions/);
  });
});
