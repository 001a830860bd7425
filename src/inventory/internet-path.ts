/**
 * Whether a workload subnet can reach a registry on the internet (another region's ECR, Docker
 * Hub…): the VPC endpoints never serve those, so only the route carrying public addresses
 * decides. Pure.
 */
import { effectiveRouteTable, routeTarget } from './query';
import { publicRouting } from './routes';
import type { Inventory, Subnet } from './types';

/** nat/igw: a path · other: a TGW, peering, appliance… that may lead out (cannot tell) · none. */
export type InternetVia = 'nat' | 'igw' | 'other' | 'none';

export interface InternetPath {
  subnetId: string;
  via: InternetVia;
  /** nat-…, igw-…, tgw-… */
  target?: string;
  detail: string;
}

/**
 * @param publicIp the workload's own public address: ECS assignPublicIp when known, else the
 *   subnet's auto-assign setting (EC2 instances, EKS nodes). An IGW route needs one.
 */
export function internetPath(inv: Inventory, subnet: Subnet, publicIp?: boolean): InternetPath {
  const rt = effectiveRouteTable(inv, subnet.id);
  const base = { subnetId: subnet.id };
  const { shares, unrouted } = publicRouting(rt);
  const main = shares[0];
  if (!rt || !main || main.size < unrouted) return { ...base, via: 'none', detail: `${rt?.id ?? 'no route table'}: no route to the internet` };
  if (main.route.state === 'blackhole') return { ...base, via: 'none', detail: `${rt.id}: the internet route is a blackhole` };
  const hop = routeTarget(main.route);
  if (hop.kind === 'nat') {
    const nat = (inv.natGateways ?? []).find((n) => n.id === hop.id);
    if (nat?.connectivityType === 'private') return { ...base, via: 'none', target: hop.id, detail: `${rt.id} → ${hop.id}, a private NAT gateway (no internet access)` };
    if (nat && nat.state !== 'available') return { ...base, via: 'none', target: hop.id, detail: `${rt.id} → ${hop.id}, which is ${nat.state}` };
    return { ...base, via: 'nat', target: hop.id, detail: `${rt.id} → ${hop.id}` };
  }
  if (hop.kind === 'igw' || hop.kind === 'eigw') {
    const hasIp = publicIp ?? subnet.mapPublicIpOnLaunch;
    if (hop.kind === 'igw' && hasIp) return { ...base, via: 'igw', target: hop.id, detail: `${rt.id} → ${hop.id}, with a public IP` };
    return { ...base, via: 'none', target: hop.id, detail: `${rt.id} → ${hop.id}, but the workload gets no public IPv4 address` };
  }
  return { ...base, via: 'other', target: hop.id, detail: `${rt.id} → ${hop.id} (${hop.kind}): may lead to the internet elsewhere` };
}

export interface InternetReach {
  /** all: every subnet has a NAT/IGW path · some: not every one · unknown: via TGW/peering…, or no subnet known · none. */
  reach: 'all' | 'some' | 'unknown' | 'none';
  paths: InternetPath[];
}

export function internetReach(inv: Inventory, subnets: readonly Subnet[], publicIp?: boolean): InternetReach {
  const paths = subnets.map((s) => internetPath(inv, s, publicIp));
  const out = paths.filter((p) => p.via === 'nat' || p.via === 'igw').length;
  const none = paths.filter((p) => p.via === 'none').length;
  const reach = paths.length === 0 ? 'unknown' : none === paths.length ? 'none' : out === paths.length ? 'all' : none > 0 ? 'some' : 'unknown';
  return { reach, paths };
}

/** "nat-0abc, igw-0def": the distinct exits, for summaries. */
export function exits(reach: InternetReach): string {
  return [...new Set(reach.paths.filter((p) => p.via !== 'none' && p.target).map((p) => p.target!))].join(', ');
}
