import {
  bestEndpoint,
  effectiveRouteTable,
  endpointsForService,
  isAvailable,
  label,
  s3GatewayEndpointsOn,
  s3PrefixListId,
  usesMainRouteTable,
  workloadSubnets,
} from '../inventory/query';
import type { RouteTable, Subnet } from '../inventory/types';
import type { Check, Evidence, Outcome } from './types';

/**
 * The classic leak: the S3 gateway endpoint exists but is not associated with the route table a
 * workload subnet really uses (often the main table, through an implicit association), so layer
 * downloads follow 0.0.0.0/0 to the NAT gateway.
 */
export const s3RouteAssociation: Check = {
  id: 's3-route-association',
  title: 'S3 gateway endpoint on every workload route table',
  stage: 'routing',
  needs: ['vpcEndpoints', 'subnets', 'routeTables'],
  evaluate(inv, opts): Outcome {
    const gateway = bestEndpoint(endpointsForService(inv, 's3', 'Gateway').filter(isAvailable));
    if (!gateway) return { status: 'skip', summary: 'No available S3 gateway endpoint to associate (see endpoint-s3-gateway).' };
    const { subnets } = workloadSubnets(inv, opts.subnetIds);
    if (subnets.length === 0) return { status: 'skip', summary: 'No workload subnets in this VPC.' };

    const byTable = new Map<string, { rt: RouteTable; subnets: Subnet[] }>();
    const orphans: Subnet[] = [];
    for (const subnet of subnets) {
      const rt = effectiveRouteTable(inv, subnet.id);
      if (!rt) {
        orphans.push(subnet);
        continue;
      }
      const entry = byTable.get(rt.id) ?? { rt, subnets: [] };
      entry.subnets.push(subnet);
      byTable.set(rt.id, entry);
    }
    const missing = [...byTable.values()].filter(({ rt }) => s3GatewayEndpointsOn(inv, rt).length === 0);
    const resources = [gateway.id, ...byTable.keys()];
    if (missing.length === 0 && orphans.length === 0) {
      return {
        status: 'pass',
        summary: `${gateway.id} is associated with all ${byTable.size} route table(s) used by the ${subnets.length} workload subnet(s).`,
        resources,
      };
    }
    const pl = s3PrefixListId(inv) ?? `the S3 prefix list`;
    const evidence: Evidence[] = missing.map(({ rt, subnets: behind }) => ({
      resource: rt.id,
      name: rt.tags.Name,
      field: 'Routes',
      observed: `no route ${pl} → vpce-… (the table is not associated with ${gateway.id})`,
      expected: `${pl} → ${gateway.id}`,
      note: `${rt.main ? 'main route table, ' : ''}used by ${behind
        .map((s) => `${label(s.id, s.tags)}${usesMainRouteTable(inv, s.id) ? ' (implicitly)' : ''}`)
        .join(', ')}`,
    }));
    evidence.push(
      ...orphans.map((s) => ({ resource: s.id, name: s.tags.Name, field: 'RouteTable', observed: 'none found', expected: 'an associated or main route table' })),
    );
    const tables = missing.map(({ rt }) => rt.id);
    return {
      status: 'fail',
      summary: `${tables.map((id) => label(id, byTable.get(id)?.rt.tags)).join(', ')} ${tables.length === 1 ? 'is' : 'are'} not associated with the S3 gateway endpoint ${gateway.id}: image layers from ${missing
        .flatMap((m) => m.subnets)
        .map((s) => label(s.id, s.tags))
        .join(', ')} go through the default route (NAT) instead.`,
      resources,
      evidence,
      remediation:
        tables.length > 0
          ? [
              {
                id: `associate-s3:${gateway.id}`,
                title: `Associate ${gateway.id} with ${tables.join(', ')}`,
                why: 'A gateway endpoint only serves the route tables it is associated with.',
                action: { kind: 'associate-route-tables', endpointId: gateway.id, routeTableIds: tables },
              },
            ]
          : [],
    };
  },
};
