import { bestEndpoint, endpointsForService, label, subnetLabel, workloadSubnets, type EcrService } from '../inventory/query';
import type { Subnet, VpcEndpoint } from '../inventory/types';
import { onePerAz } from './endpoint-fix';
import type { Check, Evidence, Outcome, Remediation } from './types';

/** AZ ids are the same zone in every account (names are shuffled per account): prefer them. */
const zoneKey = (s: Subnet) => s.availabilityZoneId || s.availabilityZone;

/**
 * A workload in an AZ without an endpoint ENI still works: private DNS returns the ENIs of the
 * other AZs. But every pulled GB then crosses AZs (billed in both directions), and the pulls of
 * that AZ depend on another AZ being up.
 */
export const endpointAzCoverage: Check = {
  id: 'endpoint-az-coverage',
  title: 'ECR endpoints in every workload Availability Zone',
  stage: 'endpoints',
  needs: ['vpcEndpoints', 'subnets', 'routeTables'],
  evaluate(inv, opts): Outcome {
    const services: EcrService[] = opts.platform === 'fargate-1.3' ? ['ecr.dkr'] : ['ecr.dkr', 'ecr.api'];
    const endpoints = services
      .map((service) => ({ service, endpoint: bestEndpoint(endpointsForService(inv, service, 'Interface')) }))
      .filter((x): x is { service: EcrService; endpoint: VpcEndpoint } => !!x.endpoint);
    if (endpoints.length === 0) return { status: 'skip', summary: 'No ECR interface endpoint whose Availability Zones could be checked.' };
    const { subnets } = workloadSubnets(inv, opts.subnetIds);
    if (subnets.length === 0) return { status: 'skip', summary: 'No workload subnets to compare with the endpoint zones.' };

    const all = inv.subnets ?? [];
    const evidence: Evidence[] = [];
    const remediation: Remediation[] = [];
    const uncoveredZones = new Set<string>();
    for (const { service, endpoint } of endpoints) {
      const endpointZones = new Set(all.filter((s) => endpoint.subnetIds.includes(s.id)).map(zoneKey));
      const uncovered = subnets.filter((s) => !endpointZones.has(zoneKey(s)));
      if (uncovered.length === 0) continue;
      const zones = [...new Set(uncovered.map((s) => s.availabilityZone))];
      zones.forEach((z) => uncoveredZones.add(z));
      evidence.push({
        resource: endpoint.id,
        name: endpoint.tags.Name,
        field: 'SubnetIds (Availability Zones)',
        observed: [...new Set(all.filter((s) => endpoint.subnetIds.includes(s.id)).map((s) => s.availabilityZone))].join(', ') || 'none',
        expected: `also ${zones.join(', ')}`,
        note: `${service}: workload subnets ${uncovered.map(subnetLabel).join(', ')} have no endpoint interface in their zone`,
      });
      const add = onePerAz(uncovered).map((s) => s.id);
      remediation.push({
        id: `endpoint-subnets:${endpoint.id}`,
        title: `Add ${add.join(', ')} to the ${service} endpoint ${endpoint.id} (one subnet in ${zones.join(', ')})`,
        why: 'An endpoint interface in each workload zone keeps pulls in-zone and survives the loss of another zone.',
        action: { kind: 'manual', detail: `aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${endpoint.id} --add-subnet-ids ${add.join(' ')}` },
      });
    }
    const resources = endpoints.map((x) => x.endpoint.id);
    if (evidence.length === 0) {
      const zones = [...new Set(subnets.map((s) => s.availabilityZone))].sort();
      return { status: 'pass', summary: `${endpoints.map((x) => label(x.endpoint.id, x.endpoint.tags)).join(' and ')} have an interface in every workload zone (${zones.join(', ')}).`, resources };
    }
    const zones = [...uncoveredZones].sort();
    const singleZone = endpoints.some(({ endpoint }) => new Set(all.filter((s) => endpoint.subnetIds.includes(s.id)).map(zoneKey)).size <= 1);
    return {
      status: 'warn',
      summary: `Workloads in ${zones.join(', ')} reach the ECR endpoints in another zone: it works, but every pulled GB pays inter-AZ data transfer (about $0.01/GB each way), and their pulls depend on another zone being up${singleZone ? ' (an endpoint in a single zone is a single point of failure for every pull)' : ''}.`,
      resources,
      evidence,
      remediation,
    };
  },
};
