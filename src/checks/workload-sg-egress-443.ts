import { cidrCoveredByUnion } from '../inventory/cidr';
import { FLOW_LABELS, INTERFACE_SERVICE, privateDnsEndpoint, subnetPath, type FlowName } from '../inventory/paths';
import { findSecurityGroup, label, ruleCoversTcp443, s3PrefixListId, workloadSubnets } from '../inventory/query';
import type { Inventory, SecurityGroup, Subnet, VpcEndpoint } from '../inventory/types';
import { requiredFlows } from './egress-path';
import type { Check, CheckOptions, Evidence, Outcome, Remediation } from './types';

/** What the workload's egress rules offer on TCP 443 (several groups on one ENI: their union). */
interface Egress443 {
  cidrs: string[];
  prefixLists: string[];
  groups: string[];
}

/** Where one flow's packets go, and whether the egress rules let them out. */
interface Destination {
  key: string;
  what: string;
  flows: Set<FlowName>;
  verdict: 'allowed' | 'denied' | 'unknown';
  expected: string;
  fix: { title: string; permission: string };
}

/**
 * The workload side of the handshake: its security groups must let TCP 443 out to where each ECR
 * flow really goes (from the traffic paths): the endpoint ENIs (their SG by reference, or their
 * subnets' CIDRs, containment counting), and for S3 the prefix list or 0.0.0.0/0. The classic
 * miss: egress opened to the endpoint SG only, so the auth token and manifest work and the layer
 * download from S3 hangs.
 */
export const workloadSgEgress443: Check = {
  id: 'workload-sg-egress-443',
  title: 'Workload security groups allow HTTPS out to the endpoints and S3',
  stage: 'security',
  needs: ['securityGroups', 'vpcEndpoints', 'subnets', 'routeTables', 'vpcAttributes'],
  evaluate(inv, opts): Outcome {
    if (opts.securityGroupIds.length === 0) return { status: 'skip', summary: 'No workload security group known: give it with --security-group.' };
    const groups = opts.securityGroupIds.map((id) => findSecurityGroup(inv, id));
    const unknown = opts.securityGroupIds.filter((_, i) => !groups[i]);
    if (unknown.length > 0) {
      return { status: 'error', summary: `Security group(s) ${unknown.join(', ')} are not in ${inv.target.vpcId}: their egress rules cannot be read.`, resources: unknown };
    }
    const sgs = groups as SecurityGroup[];
    const { subnets } = workloadSubnets(inv, opts.subnetIds);
    if (subnets.length === 0) return { status: 'skip', summary: 'No workload subnets: no traffic path to check the egress rules against.' };

    const egress = egress443(sgs);
    const destinations = destinationsOf(inv, subnets, opts, egress);
    const denied = destinations.filter((d) => d.verdict === 'denied');
    const unsure = destinations.filter((d) => d.verdict === 'unknown');
    const names = sgs.map((g) => label(g.id, g.tags)).join(', ');
    const resources = sgs.map((g) => g.id);
    if (denied.length === 0 && unsure.length === 0) {
      return { status: 'pass', summary: `${names} allow${sgs.length === 1 ? 's' : ''} TCP 443 out to ${destinations.map((d) => d.what).join(', ') || 'every destination'}.`, resources };
    }
    const observed = describeEgress(egress);
    const evidence: Evidence[] = [...denied, ...unsure].map((d) => ({
      resource: sgs[0].id,
      name: sgs[0].tags.Name,
      field: 'IpPermissionsEgress (tcp/443)',
      observed,
      expected: d.expected,
      note: `${[...d.flows].map((f) => FLOW_LABELS[f]).join(', ')} traffic goes to ${d.what}${d.verdict === 'unknown' ? ': a prefix-list rule may or may not cover it (the S3 prefix list id was not collected)' : ''}`,
    }));
    const remediation: Remediation[] = denied.map((d) => ({
      id: `sg-egress-443:${sgs[0].id}:${d.key}`,
      title: `Allow TCP 443 out of ${sgs[0].id} to ${d.fix.title}`,
      why: `The workload's ${[...d.flows].map((f) => FLOW_LABELS[f]).join(', ')} traffic goes to ${d.what}.`,
      action: {
        kind: 'manual',
        detail: `aws ec2 authorize-security-group-egress --group-id ${sgs[0].id} --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,${d.fix.permission}'`,
      },
    }));
    const allowed = destinations.filter((d) => d.verdict === 'allowed');
    const problem = denied.length > 0
      ? `${names} do${sgs.length === 1 ? 'es' : ''} not allow TCP 443 out to ${denied.map((d) => d.what).join(', ')}: those connections time out`
      : `${names} may not allow TCP 443 out to ${unsure.map((d) => d.what).join(', ')}`;
    return {
      status: denied.length > 0 ? 'fail' : 'warn',
      summary: `${problem}${allowed.length > 0 ? ` (egress to ${allowed.map((d) => d.what).join(', ')} is allowed)` : ''}.`,
      resources,
      evidence,
      remediation,
    };
  },
};

function egress443(groups: readonly SecurityGroup[]): Egress443 {
  const rules = groups.flatMap((g) => g.egress).filter(ruleCoversTcp443);
  return {
    cidrs: rules.flatMap((r) => r.ipv4Ranges),
    prefixLists: rules.flatMap((r) => r.prefixListIds),
    groups: rules.flatMap((r) => r.groupIds),
  };
}

function describeEgress(e: Egress443): string {
  const all = [...new Set([...e.cidrs, ...e.prefixLists, ...e.groups])];
  return all.length > 0 ? `tcp/443 to ${all.join(', ')}` : 'no rule allowing tcp/443 out';
}

/** The distinct destinations of the required flows from every workload subnet, judged once each. */
function destinationsOf(inv: Inventory, subnets: readonly Subnet[], opts: CheckOptions, egress: Egress443): Destination[] {
  const byKey = new Map<string, Destination>();
  const add = (flow: FlowName, make: () => Omit<Destination, 'flows'>) => {
    const d = make();
    const existing = byKey.get(d.key) ?? { ...d, flows: new Set<FlowName>() };
    existing.flows.add(flow);
    byKey.set(d.key, existing);
  };
  for (const subnet of subnets) {
    const path = subnetPath(inv, subnet, opts.securityGroupIds);
    for (const flow of requiredFlows(opts)) {
      const f = path.flows[flow];
      if (f.via === 'none') continue; // no path at all: egress-path reports it
      // Security groups judge the destination address, not the next hop: traffic private DNS
      // sends to an endpoint is addressed to its ENIs even when a route diverts it via a firewall.
      const endpoint = flow === 'layers' ? (inv.vpcEndpoints ?? []).find((e) => e.id === f.target && e.type === 'Interface') : privateDnsEndpoint(inv, INTERFACE_SERVICE[flow]);
      if (endpoint) add(flow, () => toEndpoint(inv, endpoint, egress));
      else if (flow === 'layers') add(flow, () => toS3(inv, egress));
      else add(flow, () => toInternet(egress));
    }
  }
  return [...byKey.values()];
}

function toEndpoint(inv: Inventory, endpoint: VpcEndpoint, egress: Egress443): Omit<Destination, 'flows'> {
  const cidrs = (inv.subnets ?? []).filter((s) => endpoint.subnetIds.includes(s.id)).map((s) => s.cidrBlock);
  const bySg = endpoint.securityGroupIds.some((g) => egress.groups.includes(g));
  const byCidr = cidrs.length > 0 && cidrs.every((c) => cidrCoveredByUnion(c, egress.cidrs));
  const sg = endpoint.securityGroupIds[0];
  return {
    key: endpoint.id,
    what: `the endpoint ${endpoint.id}`,
    verdict: bySg || byCidr ? 'allowed' : 'denied',
    expected: `tcp/443 to ${[...endpoint.securityGroupIds, ...cidrs].join(' or ') || endpoint.id}`,
    fix: sg
      ? { title: `the endpoint security group ${sg}`, permission: `UserIdGroupPairs=[{GroupId=${sg}}]` }
      : { title: cidrs.join(', '), permission: `IpRanges=[${cidrs.map((c) => `{CidrIp=${c}}`).join(',')}]` },
  };
}

/** S3 (gateway endpoint or public): its prefix list, or everything. */
function toS3(inv: Inventory, egress: Egress443): Omit<Destination, 'flows'> {
  const pl = s3PrefixListId(inv);
  const allowed = (!!pl && egress.prefixLists.includes(pl)) || cidrCoveredByUnion('0.0.0.0/0', egress.cidrs);
  const unknown = !allowed && !pl && egress.prefixLists.length > 0;
  return {
    key: 's3',
    what: `S3 (${pl ?? 'its prefix list'})`,
    verdict: allowed ? 'allowed' : unknown ? 'unknown' : 'denied',
    expected: `tcp/443 to ${pl ?? 'the S3 prefix list'} or 0.0.0.0/0`,
    fix: pl
      ? { title: `the S3 prefix list ${pl}`, permission: `PrefixListIds=[{PrefixListId=${pl}}]` }
      : { title: '0.0.0.0/0', permission: 'IpRanges=[{CidrIp=0.0.0.0/0}]' },
  };
}

/** ECR's public addresses (no usable endpoint): only 0.0.0.0/0 is sure to cover them. */
function toInternet(egress: Egress443): Omit<Destination, 'flows'> {
  return {
    key: 'internet',
    what: 'the public ECR endpoints (through the default route)',
    verdict: cidrCoveredByUnion('0.0.0.0/0', egress.cidrs) ? 'allowed' : 'denied',
    expected: 'tcp/443 to 0.0.0.0/0',
    fix: { title: '0.0.0.0/0', permission: 'IpRanges=[{CidrIp=0.0.0.0/0}]' },
  };
}
