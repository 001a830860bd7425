import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { workloadSgEgress443 } from '../../src/checks/workload-sg-egress-443';
import type { SecurityGroupRule } from '../../src/inventory/types';
import { anInventory, anSgRule } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

const rule = anSgRule;
const withEgress = (...rules: SecurityGroupRule[]) => anInventory().securityGroup('sg-app', (g) => (g.egress = rules));
const APP = { securityGroupIds: ['sg-app'] };

describe('workload-sg-egress-443', () => {
  it('passes with the default allow-all egress', () => {
    const r = run(workloadSgEgress443, anInventory().build(), APP);
    assert.equal(r.status, 'pass');
    assert.deepEqual(r.resources, ['sg-app']);
  });

  it('passes with egress to the endpoint SG and the S3 prefix list', () => {
    const inv = withEgress(rule({ groupIds: ['sg-endpoints'] }), rule({ prefixListIds: ['pl-s3'] })).build();
    assert.equal(run(workloadSgEgress443, inv, APP).status, 'pass');
  });

  it('passes with egress to the endpoint subnets by CIDR (containment) and to S3 by 0.0.0.0/1 + 128.0.0.0/1', () => {
    const inv = withEgress(rule({ ipv4Ranges: ['10.0.0.0/16'] }), rule({ ipv4Ranges: ['0.0.0.0/1', '128.0.0.0/1'] })).build();
    assert.equal(run(workloadSgEgress443, inv, APP).status, 'pass');
  });

  it('fails on the most-missed rule: egress to the endpoint SG but not to the S3 prefix list', () => {
    const r = run(workloadSgEgress443, withEgress(rule({ groupIds: ['sg-endpoints'] })).build(), APP);
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /sg-app \(app\) does not allow TCP 443 out to S3 \(pl-s3\)/);
    assert.match(r.summary, /egress to the endpoint vpce-api, the endpoint vpce-dkr is allowed/);
    assert.equal(r.evidence.length, 1);
    assert.deepEqual([r.evidence[0].resource, r.evidence[0].observed], ['sg-app', 'tcp/443 to sg-endpoints']);
    assert.match(r.evidence[0].note ?? '', /image layers/);
    assert.equal(r.remediation[0].id, 'sg-egress-443:sg-app:s3');
    const detail = r.remediation[0].action.kind === 'manual' ? r.remediation[0].action.detail : '';
    assert.match(detail, /PrefixListIds=\[\{PrefixListId=pl-s3\}\]/);
  });

  it('fails when egress reaches S3 but not the endpoints (a CIDR covering only part of their subnets)', () => {
    const r = run(workloadSgEgress443, withEgress(rule({ prefixListIds: ['pl-s3'] }), rule({ ipv4Ranges: ['10.0.10.0/24'] })).build(), APP);
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /vpce-dkr/);
    assert.match(r.remediation[0].title, /the endpoint security group sg-endpoints/);
  });

  it('requires 0.0.0.0/0 for ECR flows that go through the NAT (no endpoint)', () => {
    const inv = withEgress(rule({ groupIds: ['sg-endpoints'] }), rule({ prefixListIds: ['pl-s3'] })).withoutEndpoint('vpce-api').build();
    const r = run(workloadSgEgress443, inv, APP);
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /public ECR endpoints/);
  });

  it('judges the destination address, not the next hop: endpoint traffic diverted via a firewall ENI still needs the endpoint SG', () => {
    const diverted = (...rules: SecurityGroupRule[]) =>
      withEgress(...rules).routeTable('rtb-app', (rt) => rt.routes.push({ destinationCidrBlock: '10.0.11.0/24', networkInterfaceId: 'eni-fw', state: 'active' }));
    assert.equal(run(workloadSgEgress443, diverted(rule({ groupIds: ['sg-endpoints'] }), rule({ prefixListIds: ['pl-s3'] })).build(), APP).status, 'pass');
    const r = run(workloadSgEgress443, diverted(rule({ prefixListIds: ['pl-s3'] })).build(), APP);
    assert.equal(r.status, 'fail');
    assert.doesNotMatch(r.summary, /public ECR/);
  });

  it('unions several workload groups (one ENI, several SGs)', () => {
    const inv = withEgress(rule({ groupIds: ['sg-endpoints'] }))
      .edit((i) => i.securityGroups!.push({ id: 'sg-s3', name: 's3', ingress: [], egress: [rule({ prefixListIds: ['pl-s3'] })], tags: {} }))
      .build();
    assert.equal(run(workloadSgEgress443, inv, { securityGroupIds: ['sg-app', 'sg-s3'] }).status, 'pass');
  });

  it('warns when a prefix-list rule might be S3 but the S3 prefix list id was not collected', () => {
    const inv = withEgress(rule({ groupIds: ['sg-endpoints'] }), rule({ prefixListIds: ['pl-s3'] })).edit((i) => (i.prefixLists = [])).build();
    assert.equal(run(workloadSgEgress443, inv, APP).status, 'warn');
  });

  it('skips when no workload security group is known', () => {
    const r = run(workloadSgEgress443, anInventory().build());
    assert.equal(r.status, 'skip');
    assert.match(r.summary, /--security-group/);
  });

  it('is an error for a security group that is not in the VPC', () => {
    assert.equal(run(workloadSgEgress443, anInventory().build(), { securityGroupIds: ['sg-elsewhere'] }).status, 'error');
  });

  it('is an error when security groups could not be read', () => {
    assert.equal(run(workloadSgEgress443, anInventory().withGap('securityGroups', 'ec2:DescribeSecurityGroups').build(), APP).status, 'error');
  });
});
