import {
  bestEndpoint,
  ECR_INTERFACE_SERVICES,
  endpointsForService,
  findSecurityGroup,
  groupsAdmit443From,
  label,
  ruleCoversTcp443,
  workloadSubnets,
} from '../inventory/query';
import type { SecurityGroup, Subnet, VpcEndpoint } from '../inventory/types';
import type { Check, Evidence, Outcome, Remediation } from './types';

/**
 * Each ECR interface endpoint's security groups must admit TCP 443 from every workload subnet.
 * A rule counts when its CIDRs together cover the subnet (10.0.0.0/8 covers 10.20.8.0/22), or
 * when it references one of the workload security groups given with --security-group.
 */
export const endpointSgIngress443: Check = {
  id: 'endpoint-sg-ingress-443',
  title: 'Endpoint security groups admit HTTPS from the workload',
  stage: 'security',
  needs: ['vpcEndpoints', 'securityGroups', 'subnets', 'routeTables'],
  evaluate(inv, opts): Outcome {
    const endpoints = ECR_INTERFACE_SERVICES.map((s) => bestEndpoint(endpointsForService(inv, s, 'Interface'))).filter(
      (e): e is VpcEndpoint => !!e,
    );
    if (endpoints.length === 0) return { status: 'skip', summary: 'No ECR interface endpoint whose security groups could be checked.' };
    const { subnets } = workloadSubnets(inv, opts.subnetIds);
    if (subnets.length === 0) return { status: 'skip', summary: 'No workload subnets to check the endpoints against.' };

    const evidence: Evidence[] = [];
    // Endpoints often share one SG: one fix per group, not one per endpoint.
    const remediation = new Map<string, Remediation>();
    for (const endpoint of endpoints) {
      const groups = endpoint.securityGroupIds.map((id) => findSecurityGroup(inv, id)).filter((g): g is SecurityGroup => !!g);
      const uncovered = subnets.filter((s) => !groupsAdmit443From(groups, s.cidrBlock, opts.securityGroupIds).admitted);
      if (uncovered.length === 0) continue;
      evidence.push(...uncovered.map((s) => evidenceFor(endpoint, groups, s, opts.securityGroupIds)));
      const fix = fixFor(endpoint, groups, uncovered, opts.securityGroupIds);
      if (!remediation.has(fix.id)) remediation.set(fix.id, fix);
    }
    const resources = [...new Set(endpoints.flatMap((e) => [e.id, ...e.securityGroupIds]))];
    if (evidence.length === 0) {
      return {
        status: 'pass',
        summary: `The security groups of ${endpoints.map((e) => e.id).join(', ')} admit TCP 443 from all ${subnets.length} workload subnet(s).`,
        resources,
      };
    }
    const blocked = [...new Set(evidence.map((e) => e.note ?? ''))];
    return {
      status: 'fail',
      summary: `TCP 443 from the workload is not admitted: ${blocked.join('; ')}. Connections to the endpoint time out.`,
      resources,
      evidence,
      remediation: [...remediation.values()],
    };
  },
};

function evidenceFor(endpoint: VpcEndpoint, groups: SecurityGroup[], subnet: Subnet, workloadGroups: readonly string[]): Evidence {
  const groupList = groups.length > 0 ? groups.map((g) => label(g.id, g.tags)).join(', ') : `(no readable group on ${endpoint.id})`;
  const from = workloadGroups.length > 0 ? `${subnet.cidrBlock} or ${workloadGroups.join(', ')}` : subnet.cidrBlock;
  return {
    resource: groups[0]?.id ?? endpoint.id,
    name: groups[0]?.tags.Name,
    field: 'IpPermissions (tcp/443)',
    observed: admittedSummary(groups),
    expected: `tcp/443 from ${from}`,
    note: `${groupList} on ${endpoint.id} do not admit ${label(subnet.id, subnet.tags)} (${subnet.cidrBlock})`,
  };
}

function admittedSummary(groups: SecurityGroup[]): string {
  const sources = groups.flatMap((g) =>
    g.ingress.filter(ruleCoversTcp443).flatMap((r) => [...r.ipv4Ranges, ...r.groupIds, ...r.prefixListIds]),
  );
  return sources.length > 0 ? `tcp/443 from ${[...new Set(sources)].join(', ')}` : 'no rule admitting tcp/443';
}

function fixFor(endpoint: VpcEndpoint, groups: SecurityGroup[], uncovered: Subnet[], workloadGroups: readonly string[]): Remediation {
  const groupId = groups[0]?.id ?? endpoint.securityGroupIds[0] ?? endpoint.id;
  const bySg = workloadGroups.length > 0;
  return {
    id: `sg-ingress-443:${groupId}`,
    title: bySg
      ? `Allow TCP 443 into ${groupId} from the workload security group(s) ${workloadGroups.join(', ')}`
      : `Allow TCP 443 into ${groupId} from ${uncovered.map((s) => s.cidrBlock).join(', ')}`,
    why: `${endpoint.id} must accept HTTPS from the tasks/pods that pull images.`,
    action: {
      kind: 'authorize-ingress-443',
      groupId,
      cidrs: bySg ? [] : uncovered.map((s) => s.cidrBlock),
      sourceGroupIds: bySg ? [...workloadGroups] : [],
    },
  };
}
