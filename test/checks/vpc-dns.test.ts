import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { vpcDnsSupport } from '../../src/checks/vpc-dns-support';
import { vpcDnsHostnames } from '../../src/checks/vpc-dns-hostnames';
import { anInventory } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

for (const [check, attribute] of [
  [vpcDnsSupport, 'enableDnsSupport'],
  [vpcDnsHostnames, 'enableDnsHostnames'],
] as const) {
  describe(check.id, () => {
    it('passes when the attribute is on', () => {
      const r = run(check, anInventory().build());
      assert.equal(r.status, 'pass');
      assert.deepEqual(r.resources, ['vpc-healthy']);
    });

    it('fails with evidence and a fix when the attribute is off', () => {
      const inv = anInventory().edit((i) => (i.vpcAttributes![attribute] = false)).build();
      const r = run(check, inv);
      assert.equal(r.status, 'fail');
      assert.deepEqual(r.evidence, [{ resource: 'vpc-healthy', name: 'prod', field: attribute, observed: 'false', expected: 'true' }]);
      assert.deepEqual(r.remediation[0].action, { kind: 'modify-vpc-attribute', vpcId: 'vpc-healthy', attribute });
    });

    it('is an error, naming the IAM action, when DescribeVpcAttribute was denied', () => {
      const r = run(check, anInventory().withGap('vpcAttributes', 'ec2:DescribeVpcAttribute').build());
      assert.equal(r.status, 'error');
      assert.match(r.summary, /ec2:DescribeVpcAttribute/);
    });

    it('is an error, not a guess, when the attribute is absent from the answer', () => {
      const inv = anInventory().edit((i) => delete i.vpcAttributes![attribute]).build();
      assert.equal(run(check, inv).status, 'error');
    });

    it('skips when deselected', () => {
      const r = run(check, anInventory().build(), {}, { skip: ['dns'] });
      assert.equal(r.status, 'skip');
    });
  });
}
