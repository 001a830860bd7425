import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endpointSgIngress443 } from '../../src/checks/endpoint-sg-ingress-443';
import type { SecurityGroupRule } from '../../src/inventory/types';
import { anInventory, aSubnet, anSgRule } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

const rule = anSgRule;

const withIngress = (...rules: SecurityGroupRule[]) =>
  anInventory().securityGroup('sg-endpoints', (g) => (g.ingress = rules));

describe('endpoint-sg-ingress-443', () => {
  it('passes when the VPC CIDR is admitted on 443', () => {
    const r = run(endpointSgIngress443, anInventory().build());
    assert.equal(r.status, 'pass');
    assert.deepEqual(r.resources, ['vpce-api', 'sg-endpoints', 'vpce-dkr'], 'each resource once, even when endpoints share a group');
  });

  it('passes by containment: 10.0.0.0/8 covers the /24 workload subnets', () => {
    assert.equal(run(endpointSgIngress443, withIngress(rule({ ipv4Ranges: ['10.0.0.0/8'] })).build()).status, 'pass');
  });

  it('passes when two rules together cover a subnet neither covers alone', () => {
    const inv = withIngress(rule({ ipv4Ranges: ['10.0.10.0/25'] }), rule({ ipv4Ranges: ['10.0.10.128/25', '10.0.11.0/24'] })).build();
    assert.equal(run(endpointSgIngress443, inv).status, 'pass');
  });

  it('passes with all traffic or a port range including 443', () => {
    assert.equal(run(endpointSgIngress443, withIngress(rule({ protocol: '-1', fromPort: undefined, toPort: undefined, ipv4Ranges: ['10.0.0.0/16'] })).build()).status, 'pass');
    assert.equal(run(endpointSgIngress443, withIngress(rule({ fromPort: 0, toPort: 1024, ipv4Ranges: ['10.0.0.0/16'] })).build()).status, 'pass');
  });

  it('fails naming the SG and every uncovered subnet when the wrong CIDR is admitted', () => {
    const r = run(endpointSgIngress443, withIngress(rule({ ipv4Ranges: ['192.168.0.0/16'] })).build());
    assert.equal(r.status, 'fail');
    const notes = r.evidence.map((e) => e.note).join('\n');
    assert.match(notes, /sg-endpoints/);
    assert.match(notes, /subnet-app-a/);
    assert.match(notes, /subnet-app-b/);
    assert.ok(r.evidence.every((e) => e.resource === 'sg-endpoints'));
    assert.match(r.evidence[0].observed, /192\.168\.0\.0\/16/);
    const action = r.remediation[0].action;
    assert.deepEqual(action, { kind: 'authorize-ingress-443', groupId: 'sg-endpoints', cidrs: ['10.0.10.0/24', '10.0.11.0/24'], sourceGroupIds: [] });
    assert.equal(r.remediation.length, 1, 'both endpoints share the SG: one fix');
  });

  it('fails when only a partial range covers a subnet', () => {
    const r = run(endpointSgIngress443, withIngress(rule({ ipv4Ranges: ['10.0.10.0/25', '10.0.11.0/24'] })).build());
    assert.equal(r.status, 'fail');
    assert.equal(r.evidence.length, 2, 'subnet-app-a uncovered on both endpoints');
  });

  it('fails for the wrong port or protocol', () => {
    assert.equal(run(endpointSgIngress443, withIngress(rule({ fromPort: 80, toPort: 80, ipv4Ranges: ['10.0.0.0/16'] })).build()).status, 'fail');
    assert.equal(run(endpointSgIngress443, withIngress(rule({ protocol: 'udp', ipv4Ranges: ['10.0.0.0/16'] })).build()).status, 'fail');
  });

  it('accepts a reference to the workload SG only when --security-group names it', () => {
    const inv = withIngress(rule({ groupIds: ['sg-app'] })).build();
    assert.equal(run(endpointSgIngress443, inv, { securityGroupIds: ['sg-app'] }).status, 'pass');
    const without = run(endpointSgIngress443, inv);
    assert.equal(without.status, 'fail');
    assert.match(without.evidence[0].observed, /sg-app/);
    const other = run(endpointSgIngress443, inv, { securityGroupIds: ['sg-other'] });
    assert.equal(other.status, 'fail');
    assert.deepEqual(other.remediation[0].action, { kind: 'authorize-ingress-443', groupId: 'sg-endpoints', cidrs: [], sourceGroupIds: ['sg-other'] });
  });

  it('checks only the --subnet subnets when given', () => {
    const inv = withIngress(rule({ ipv4Ranges: ['10.0.10.0/24'] })).build();
    assert.equal(run(endpointSgIngress443, inv, { subnetIds: ['subnet-app-a'] }).status, 'pass');
    assert.equal(run(endpointSgIngress443, inv, { subnetIds: ['subnet-app-b'] }).status, 'fail');
  });

  it('includes a subnet on the implicit main route table as a workload subnet', () => {
    const inv = anInventory().withSubnet(aSubnet('subnet-batch', '10.0.20.0/24', 'us-east-1a', 'batch')).securityGroup('sg-endpoints', (g) => (g.ingress = [rule({ ipv4Ranges: ['10.0.10.0/23'] })])).build();
    const r = run(endpointSgIngress443, inv);
    assert.equal(r.status, 'fail');
    assert.match(r.evidence[0].note ?? '', /subnet-batch/);
  });

  it('skips without ECR interface endpoints', () => {
    assert.equal(run(endpointSgIngress443, anInventory().withoutEndpoint('vpce-api').withoutEndpoint('vpce-dkr').build()).status, 'skip');
  });

  it('is an error when security groups could not be read', () => {
    const r = run(endpointSgIngress443, anInventory().withGap('securityGroups', 'ec2:DescribeSecurityGroups').build());
    assert.equal(r.status, 'error');
    assert.match(r.summary, /ec2:DescribeSecurityGroups/);
  });
});
