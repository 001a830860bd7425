import {
  bestEndpoint,
  effectiveRouteTable,
  endpointsForService,
  isAvailable,
  label,
  serviceNameFor,
  workloadSubnets,
} from '../inventory/query';
import { unknownInSharedVpc } from './shared-vpc';
import type { Check, Outcome } from './types';

/**
 * Image layers come from S3 (prod-<region>-starport-layer-bucket). A gateway endpoint keeps them
 * off the NAT at no charge; an S3 interface endpoint alone works only with private DNS and
 * costs per GB, so it is a warning rather than a pass.
 */
export const endpointS3Gateway: Check = {
  id: 'endpoint-s3-gateway',
  title: 'S3 gateway endpoint for image layers',
  stage: 'routing',
  needs: ['vpcEndpoints', 'subnets', 'routeTables'],
  evaluate(inv, opts): Outcome {
    const serviceName = serviceNameFor(inv, 's3');
    const gateways = endpointsForService(inv, 's3', 'Gateway');
    const gateway = bestEndpoint(gateways);
    if (gateway && isAvailable(gateway)) {
      return { status: 'pass', summary: `S3 gateway endpoint ${label(gateway.id, gateway.tags)} exists and is available.`, resources: [gateway.id] };
    }
    if (gateway) {
      return {
        status: 'fail',
        summary: `The S3 gateway endpoint ${label(gateway.id, gateway.tags)} is in state "${gateway.state}", not "available".`,
        resources: gateways.map((g) => g.id),
        evidence: gateways.map((g) => ({ resource: g.id, name: g.tags.Name, field: 'State', observed: g.state, expected: 'available' })),
      };
    }
    const s3Interface = bestEndpoint(endpointsForService(inv, 's3', 'Interface'));
    const vpcId = inv.target.vpcId;
    const tables = [
      ...new Set(
        workloadSubnets(inv, opts.subnetIds)
          .subnets.map((s) => effectiveRouteTable(inv, s.id)?.id)
          .filter((id): id is string => !!id),
      ),
    ];
    const remediation = [
      {
        id: 'create-endpoint:s3-gateway',
        title: `Create an S3 gateway endpoint on ${tables.length > 0 ? tables.join(', ') : 'the workload route tables'}`,
        why: 'ECR image layers are downloaded from S3; a gateway endpoint keeps them off the NAT gateway at no charge.',
        action: { kind: 'create-gateway-endpoint' as const, vpcId, serviceName, routeTableIds: tables },
      },
    ];
    if (s3Interface) {
      return {
        status: 'warn',
        summary: `Only an S3 interface endpoint (${s3Interface.id}) serves S3: layers stay private only while its private DNS works, and every GB is billed; a gateway endpoint is free.`,
        resources: [s3Interface.id],
        evidence: [{ resource: s3Interface.id, name: s3Interface.tags.Name, field: 'VpcEndpointType', observed: 'Interface', expected: 'Gateway' }],
        remediation,
      };
    }
    const unknown = unknownInSharedVpc(inv, 'an S3 gateway endpoint', `VpcEndpoint(${serviceName}, Gateway)`);
    if (unknown) return unknown;
    return {
      status: 'fail',
      summary: `No S3 gateway endpoint in ${label(vpcId, inv.vpc?.tags)}: image layers are downloaded from S3 through the NAT gateway or not at all.`,
      resources: [vpcId],
      evidence: [{ resource: vpcId, name: inv.vpc?.tags.Name, field: `VpcEndpoint(${serviceName}, Gateway)`, observed: 'none', expected: 'an available Gateway endpoint' }],
      remediation,
    };
  },
};
