import { label, sharedVpcOwner } from '../inventory/query';
import type { Inventory } from '../inventory/types';
import type { Outcome } from './types';

/**
 * In a shared VPC, DescribeVpcEndpoints lists only the caller's own endpoints: the owner's are
 * invisible to a participant. There an absent endpoint is unknown, not missing, so the checks
 * warn and say whom to ask instead of failing. Undefined when the caller owns the VPC.
 */
export function unknownInSharedVpc(inv: Inventory, what: string, field: string): Outcome | undefined {
  const owner = sharedVpcOwner(inv);
  if (!owner) return undefined;
  const vpcId = inv.target.vpcId;
  return {
    status: 'warn',
    summary: `${label(vpcId, inv.vpc?.tags)} is shared with this account by ${owner}, and a participant cannot see the owner's endpoints: whether ${what} exists is unknown. Ask the owner account, or run this from it.`,
    resources: [vpcId],
    evidence: [
      { resource: vpcId, name: inv.vpc?.tags.Name, field, observed: `none visible to account ${inv.target.accountId}`, expected: 'an available endpoint (possibly owned by the VPC owner)', note: `VPC owner ${owner}` },
    ],
  };
}
