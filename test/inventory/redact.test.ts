import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { redactInventory } from '../../src/inventory/redact';
import { CHECKS } from '../../src/checks/index';
import { runChecks } from '../../src/engine/run';
import { anInventory, defaultOptions } from '../helpers/inventory-builder';

describe('redactInventory', () => {
  const inv = anInventory()
    .endpoint('vpce-s3', (e) => {
      e.policyDocument = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: '*', Resource: '*' }] });
    })
    .edit((i) => (i.subnets![1].tags = { Name: 'payments-prod-a', team: 'payments' }))
    .classicS3Leak()
    .build();
  const red = redactInventory(inv);
  const text = JSON.stringify(red);

  it('leaves no account id and no tag value behind', () => {
    assert.equal(text.includes('111122223333'), false);
    for (const secret of ['payments-prod-a', 'payments', '"prod"']) assert.equal(text.includes(secret), false, secret);
  });

  it('maps the same account to the same stand-in everywhere, keeping tag keys and resource ids', () => {
    assert.equal(red.target.accountId, '000000000001');
    assert.equal(red.vpc?.ownerId, '000000000001');
    assert.match(red.vpcEndpoints!.find((e) => e.id === 'vpce-s3')!.policyDocument!, /arn:aws:iam::000000000001:root/);
    assert.deepEqual(Object.keys(red.subnets![1].tags), ['Name', 'team']);
    assert.equal(red.subnets![1].id, 'subnet-app-a');
  });

  it('does not change the diagnosis', () => {
    const before = runChecks(CHECKS, inv, defaultOptions()).map((r) => [r.id, r.status]);
    const after = runChecks(CHECKS, red, defaultOptions()).map((r) => [r.id, r.status]);
    assert.deepEqual(after, before);
  });

  it('keeps digit runs inside resource ids', () => {
    const odd = redactInventory(anInventory().securityGroup('sg-app', (g) => (g.id = 'sg-012345678901abcde')).build());
    assert.ok(odd.securityGroups!.some((g) => g.id === 'sg-012345678901abcde'));
  });

  it('does not touch the input', () => {
    assert.equal(inv.target.accountId, '111122223333');
  });
});
