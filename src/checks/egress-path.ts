import { FLOW_LABELS, FLOWS, isBroken, isPrivateVia, subnetPath, type FlowName, type FlowPath } from '../inventory/paths';
import { label, workloadSubnets } from '../inventory/query';
import type { Check, CheckOptions, Evidence, Outcome } from './types';

/** The flows a platform actually uses: Fargate ≤ 1.3.0 never calls the ECR API from the task ENI. */
export function requiredFlows(opts: CheckOptions): FlowName[] {
  return opts.platform === 'fargate-1.3' ? ['registry', 'layers'] : [...FLOWS];
}

/**
 * Per workload subnet: where ECR API, registry and S3 layer traffic goes. Any flow with no
 * working path fails (pulls time out); any flow leaving through NAT/IGW warns (it works, but
 * costs per GB and is not private). The detailed verdict of each subnet is in the report's paths.
 */
export const egressPath: Check = {
  id: 'egress-path',
  title: 'Egress path of each ECR flow from each workload subnet',
  stage: 'routing',
  needs: ['subnets', 'routeTables', 'vpcEndpoints', 'securityGroups', 'vpcAttributes'],
  evaluate(inv, opts): Outcome {
    const { subnets } = workloadSubnets(inv, opts.subnetIds);
    if (subnets.length === 0) return { status: 'skip', summary: 'No workload subnets: nothing pulls images here.' };
    const flows = requiredFlows(opts);
    const evidence: Evidence[] = [];
    let broken = 0;
    let leaking = 0;
    let uncertain = 0;
    for (const subnet of subnets) {
      const path = subnetPath(inv, subnet, opts.securityGroupIds);
      for (const flow of flows) {
        const f = path.flows[flow];
        if (isPrivateVia(f.via)) {
          // Private by the routes we can read, but a route may take part of it elsewhere.
          if (f.caveat) {
            uncertain++;
            evidence.push(flowEvidence(subnet.id, subnet.tags.Name, f));
          }
          continue;
        }
        if (isBroken(f.via)) broken++;
        else leaking++;
        evidence.push(flowEvidence(subnet.id, subnet.tags.Name, f));
      }
    }
    const resources = subnets.map((s) => s.id);
    if (evidence.length === 0) {
      return {
        status: 'pass',
        summary: `All ${flows.length} ECR flows stay on VPC endpoints from all ${subnets.length} workload subnet(s).`,
        resources,
      };
    }
    const parts = [
      broken > 0 ? `${broken} flow(s) have no working path (pulls fail)` : '',
      leaking > 0 ? `${leaking} flow(s) leave through NAT/internet (cost, exposure)` : '',
      uncertain > 0 ? `${uncertain} flow(s) may partly bypass the endpoint through a more specific route` : '',
    ].filter(Boolean);
    const subnetsAffected = [...new Set(evidence.map((e) => label(e.resource, e.name ? { Name: e.name } : undefined)))];
    return {
      status: broken > 0 ? 'fail' : 'warn',
      summary: `${parts.join('; ')}: ${subnetsAffected.join(', ')}.`,
      resources,
      evidence,
    };
  },
};

function flowEvidence(subnetId: string, name: string | undefined, f: FlowPath): Evidence {
  return {
    resource: subnetId,
    name,
    field: `path.${f.flow}`,
    observed: `${FLOW_LABELS[f.flow]} → ${f.via}${f.target ? ` ${f.target}` : ''}`,
    expected: `${FLOW_LABELS[f.flow]} → vpce`,
    note: f.detail,
  };
}
