/** The operation table: read-only, complete, and fit to generate an IAM policy from. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_OPERATIONS } from '../../src/aws/operations';
import type { InventoryPart } from '../../src/inventory/types';

describe('OPERATIONS', () => {
  it('is read-only: every call and IAM action is a Describe*, Get* or List*', () => {
    for (const op of ALL_OPERATIONS) {
      assert.match(op.call, /^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]+$/, op.call);
      assert.match(op.iamAction, /^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]+$/, op.iamAction);
    }
  });

  it('lists each call once', () => {
    const calls = ALL_OPERATIONS.map((op) => op.call);
    assert.equal(new Set(calls).size, calls.length);
  });

  it('covers every inventory part the collector fills', () => {
    const parts = new Set(ALL_OPERATIONS.map((op) => op.part));
    const expected: InventoryPart[] = [
      'identity',
      'vpc',
      'vpcAttributes',
      'dhcpOptions',
      'subnets',
      'routeTables',
      'vpcEndpoints',
      'securityGroups',
      'networkAcls',
      'natGateways',
      'internetGateways',
      'prefixLists',
      'endpointServices',
      'natMetrics',
      'workload',
      'pullThroughCache',
      'ecrImages',
    ];
    assert.deepEqual([...parts].sort(), [...expected].sort());
  });
});
