import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addressAt, cidrContains, cidrCoveredByUnion, cidrOverlaps, parseIpv4Cidr } from '../../src/inventory/cidr';

describe('cidr', () => {
  it('parses ranges and rejects junk', () => {
    assert.deepEqual(parseIpv4Cidr('10.0.0.0/8'), { start: 167772160, end: 184549375 });
    assert.deepEqual(parseIpv4Cidr('0.0.0.0/0'), { start: 0, end: 4294967295 });
    for (const bad of ['10.0.0.0', '10.0.0.256/8', '10.0.0.0/33', 'sg-123', '']) assert.equal(parseIpv4Cidr(bad), undefined, bad);
  });

  it('normalises a host address with a prefix to its network', () => {
    assert.deepEqual(parseIpv4Cidr('10.0.0.5/8'), parseIpv4Cidr('10.0.0.0/8'));
  });

  it('contains', () => {
    assert.equal(cidrContains('10.0.0.0/8', '10.20.8.0/22'), true);
    assert.equal(cidrContains('10.20.8.0/22', '10.0.0.0/8'), false);
    assert.equal(cidrContains('0.0.0.0/0', '192.168.1.0/24'), true);
    assert.equal(cidrContains('10.20.8.0/23', '10.20.8.0/22'), false);
  });

  it('overlaps', () => {
    assert.equal(cidrOverlaps('10.20.8.0/23', '10.20.8.0/22'), true);
    assert.equal(cidrOverlaps('10.20.12.0/23', '10.20.8.0/22'), false);
  });

  it('covers by union', () => {
    assert.equal(cidrCoveredByUnion('10.20.8.0/22', ['10.20.8.0/23', '10.20.10.0/23']), true);
    assert.equal(cidrCoveredByUnion('10.20.8.0/22', ['10.20.8.0/23', '10.20.11.0/24']), false);
    assert.equal(cidrCoveredByUnion('10.20.8.0/22', ['10.20.10.0/23', '10.0.0.0/8']), true);
    assert.equal(cidrCoveredByUnion('10.20.8.0/22', []), false);
  });

  it('computes the VPC resolver address (base + 2)', () => {
    assert.equal(addressAt('10.0.0.0/16', 2), '10.0.0.2');
  });
});
