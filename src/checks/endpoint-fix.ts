import { serviceNameFor, workloadSubnets } from '../inventory/query';
import type { Inventory, Subnet } from '../inventory/types';
import type { CheckOptions, Remediation } from './types';

/**
 * The "create an interface endpoint" step every endpoint check proposes: in one workload subnet
 * per Availability Zone, with the security groups of an existing ECR endpoint (they already
 * admit the workload on 443). One id per service, so two checks asking for it make one step.
 */
export function createInterfaceEndpointFix(inv: Inventory, opts: CheckOptions, short: string, why: string): Remediation {
  const serviceName = serviceNameFor(inv, short);
  const sibling = (inv.vpcEndpoints ?? []).find(
    (e) => e.type === 'Interface' && e.securityGroupIds.length > 0 && /\.ecr\.(api|dkr)$/.test(e.serviceName),
  );
  return {
    id: `create-endpoint:${short}`,
    title: `Create an interface endpoint for ${serviceName} with private DNS`,
    why,
    action: {
      kind: 'create-interface-endpoint',
      vpcId: inv.target.vpcId,
      serviceName,
      subnetIds: onePerAz(workloadSubnets(inv, opts.subnetIds).subnets).map((s) => s.id),
      securityGroupIds: sibling?.securityGroupIds ?? [],
    },
  };
}

/** An interface endpoint takes at most one subnet per Availability Zone. */
export function onePerAz(subnets: readonly Subnet[]): Subnet[] {
  const seen = new Set<string>();
  return subnets.filter((s) => !seen.has(s.availabilityZone) && seen.add(s.availabilityZone));
}
