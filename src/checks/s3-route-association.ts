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
import type { Inventory, RouteTable, Subnet } from '../inventory/types';
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
    const doubled = doubledTables(inv, [...byTable.values()].map((e) => e.rt));
    if (missing.length === 0 && orphans.length === 0 && doubled.length > 0) {
      return {
        status: 'warn',
        summary: `${doubled.map((d) => d.evidence.resource).join(', ')} ${doubled.length === 1 ? 'shows' : 'show'} two S3 gateway endpoints, which AWS does not allow on one table: only one route exists, so check which endpoint (and which policy) really carries the layers.`,
        resources,
        evidence: doubled.map((d) => d.evidence),
      };
    }
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
    evidence.push(...doubled.map((d) => d.evidence));
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

/**
 * AWS allows one gateway endpoint route per service per table; seeing two (one listed by the
 * endpoint's RouteTableIds, another by a route) means stale or conflicting data worth a look.
 */
function doubledTables(inv: Inventory, tables: readonly RouteTable[]): { evidence: Evidence }[] {
  return tables.flatMap((rt) => {
    const on = s3GatewayEndpointsOn(inv, rt);
    if (on.length < 2) return [];
    return [
      {
        evidence: {
          resource: rt.id,
          name: rt.tags.Name,
          field: 'S3 gateway endpoints',
          observed: on.map((e) => e.id).join(', '),
          expected: 'exactly one',
          note: `routes: ${rt.routes.filter((r) => r.gatewayId?.startsWith('vpce-')).map((r) => `${r.destinationPrefixListId ?? '?'} → ${r.gatewayId}`).join(', ') || 'none'}`,
        },
      },
    ];
  });
}
