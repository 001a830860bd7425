import { bestEndpoint, endpointsForService, isAvailable, label, serviceNameFor, type EcrService } from '../inventory/query';
import type { Inventory } from '../inventory/types';
import { createInterfaceEndpointFix } from './endpoint-fix';
import { unknownInSharedVpc } from './shared-vpc';
import type { Check, CheckOptions, Outcome } from './types';

const PURPOSE: Record<EcrService, string> = {
  'ecr.dkr': 'the registry endpoint (docker pull: manifests and layer locations)',
  'ecr.api': 'the ECR API endpoint (GetAuthorizationToken and other API calls)',
};

/** endpoint-ecr-dkr and endpoint-ecr-api: an available interface endpoint for the service. */
export function ecrEndpointCheck(spec: {
  id: string;
  title: string;
  service: EcrService;
  appliesTo?: (opts: CheckOptions) => string | undefined;
}): Check {
  return {
    id: spec.id,
    title: spec.title,
    stage: 'endpoints',
    needs: ['vpcEndpoints', 'subnets', 'routeTables'],
    evaluate(inv, opts): Outcome {
      const notApplicable = spec.appliesTo?.(opts);
      if (notApplicable) return { status: 'skip', summary: notApplicable };
      const endpoints = endpointsForService(inv, spec.service, 'Interface');
      const serviceName = serviceNameFor(inv, spec.service);
      const best = bestEndpoint(endpoints);
      if (best && isAvailable(best)) {
        const others = endpoints.length > 1 ? ` (${endpoints.length} endpoints for this service)` : '';
        return {
          status: 'pass',
          summary: `${label(best.id, best.tags)} serves ${serviceName} and is available${others}.`,
          resources: [best.id],
        };
      }
      if (best) {
        return {
          status: 'fail',
          summary: `The ${spec.service} endpoint ${label(best.id, best.tags)} is in state "${best.state}", not "available": pulls cannot use it.`,
          resources: endpoints.map((e) => e.id),
          evidence: endpoints.map((e) => ({
            resource: e.id,
            name: e.tags.Name,
            field: 'State',
            observed: e.state,
            expected: 'available',
            note: e.state.toLowerCase() === 'pendingacceptance' ? 'the service owner must accept the connection' : undefined,
          })),
          remediation: [
            {
              id: `endpoint-state:${best.id}`,
              title: `Investigate why ${best.id} is ${best.state} (recreate it if it stays failed or rejected)`,
              why: `An endpoint that is not available does not carry traffic.`,
              action: { kind: 'manual', detail: `aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${best.id}` },
            },
          ],
        };
      }
      return missingEndpoint(inv, opts, spec.service, serviceName);
    },
  };
}

function missingEndpoint(inv: Inventory, opts: CheckOptions, service: EcrService, serviceName: string): Outcome {
  const unknown = unknownInSharedVpc(inv, `an endpoint for ${serviceName}`, `VpcEndpoint(${serviceName})`);
  if (unknown) return unknown;
  const vpcId = inv.target.vpcId;
  return {
    status: 'fail',
    summary: `No interface endpoint for ${serviceName} in ${label(vpcId, inv.vpc?.tags)}: ${PURPOSE[service]} is reached through the NAT gateway or not at all.`,
    resources: [vpcId],
    evidence: [{ resource: vpcId, name: inv.vpc?.tags.Name, field: `VpcEndpoint(${serviceName})`, observed: 'none', expected: 'an available Interface endpoint' }],
    remediation: [createInterfaceEndpointFix(inv, opts, service, `ECR pulls from private subnets need ${PURPOSE[service]}.`)],
  };
}
