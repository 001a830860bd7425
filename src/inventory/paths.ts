/**
 * Where each of the three ECR pull flows goes from one workload subnet:
 *   api      → api.ecr.<region>.amazonaws.com        (auth token, ecr.api endpoint)
 *   registry → <acct>.dkr.ecr.<region>.amazonaws.com  (manifests, ecr.dkr endpoint)
 *   layers   → prod-<region>-starport-layer-bucket    (S3, gateway endpoint)
 * Pure: derived from the inventory alone, shared by egress-path, the NAT check and the report.
 */
import {
  bestEndpoint,
  effectiveRouteTable,
  endpointsForService,
  findSecurityGroup,
  groupsAdmit443From,
  isAvailable,
  routeTarget,
  s3GatewayEndpointsOn,
  s3PrefixList,
  usesMainRouteTable,
  type Hop,
} from './query';
import { localOverride, possiblyOverriding, publicRouting, routeDestination, routesOverriding } from './routes';
import type { Inventory, Route, RouteTable, SecurityGroup, Subnet, VpcEndpoint } from './types';

export type FlowName = 'api' | 'registry' | 'layers';
export const FLOWS: readonly FlowName[] = ['api', 'registry', 'layers'];
export const FLOW_LABELS: Record<FlowName, string> = {
  api: 'ECR API',
  registry: 'registry',
  layers: 'image layers',
};

/** vpce: private · nat/igw/tgw/other: leaves the VPC privately-unaware · blocked/none: no working path. */
export type Via = 'vpce' | 'nat' | 'igw' | 'tgw' | 'other' | 'blocked' | 'none';

export interface FlowPath {
  flow: FlowName;
  via: Via;
  /** The resource the traffic goes to: vpce-…, nat-…, igw-…, tgw-… */
  target?: string;
  /** Why it goes there, in one line. */
  detail: string;
  /**
   * Set when the verdict may be wrong for part of the traffic and the inventory cannot settle it
   * (a route that may cover part of S3's addresses). Also in `detail`; not part of the JSON paths.
   */
  caveat?: string;
}

export interface SubnetPath {
  subnetId: string;
  subnetName?: string;
  routeTableId?: string;
  /** True when the subnet has no explicit association and uses the main route table. */
  routeTableImplicit: boolean;
  flows: Record<FlowName, FlowPath>;
}

export function isPrivateVia(via: Via): boolean {
  return via === 'vpce';
}

export function isBroken(via: Via): boolean {
  return via === 'blocked' || via === 'none';
}

export const INTERFACE_SERVICE: Record<Exclude<FlowName, 'layers'>, string> = { api: 'ecr.api', registry: 'ecr.dkr' };

export function subnetPath(inv: Inventory, subnet: Subnet, workloadGroupIds: readonly string[]): SubnetPath {
  const rt = effectiveRouteTable(inv, subnet.id);
  return {
    subnetId: subnet.id,
    subnetName: subnet.tags.Name || undefined,
    routeTableId: rt?.id,
    routeTableImplicit: usesMainRouteTable(inv, subnet.id),
    flows: {
      api: interfaceFlow(inv, subnet, rt, 'api', workloadGroupIds),
      registry: interfaceFlow(inv, subnet, rt, 'registry', workloadGroupIds),
      layers: layersFlow(inv, rt),
    },
  };
}

/** True when the VPC resolves endpoint private DNS names: both DNS attributes on. */
/**
 * The interface endpoint the service's public name resolves to inside the VPC (available, private
 * DNS on, VPC DNS on): where its packets are addressed, whatever route then carries them.
 */
export function privateDnsEndpoint(inv: Inventory, service: string): VpcEndpoint | undefined {
  const endpoint = bestEndpoint(endpointsForService(inv, service, 'Interface'));
  return endpoint && isAvailable(endpoint) && endpoint.privateDnsEnabled && vpcResolvesPrivateDns(inv) ? endpoint : undefined;
}

function vpcResolvesPrivateDns(inv: Inventory): boolean {
  return inv.vpcAttributes?.enableDnsSupport === true && inv.vpcAttributes?.enableDnsHostnames === true;
}

function interfaceFlow(
  inv: Inventory,
  subnet: Subnet,
  rt: RouteTable | undefined,
  flow: 'api' | 'registry',
  workloadGroupIds: readonly string[],
): FlowPath {
  const service = INTERFACE_SERVICE[flow];
  const endpoint = bestEndpoint(endpointsForService(inv, service, 'Interface'));
  if (endpoint && privateDnsEndpoint(inv, service) === endpoint) {
    const diverted = rt && divertedFromEndpoint(inv, rt, subnet, endpoint.subnetIds);
    if (diverted) {
      const hop = routeTarget(diverted.route);
      return {
        flow,
        via: diverted.route.state === 'blackhole' ? 'none' : viaOf(hop),
        target: hop.id,
        detail: `private DNS sends it to ${endpoint.id}, but ${rt.id} routes ${routeDestination(diverted.route)} (endpoint subnet ${diverted.cidr}) to ${hop.id}, more specific than the local route`,
      };
    }
    const groups = endpoint.securityGroupIds
      .map((id) => findSecurityGroup(inv, id))
      .filter((g): g is SecurityGroup => !!g);
    if (!groupsAdmit443From(groups, subnet.cidrBlock, workloadGroupIds).admitted) {
      return {
        flow,
        via: 'blocked',
        target: endpoint.id,
        detail: `private DNS sends it to ${endpoint.id}, whose security groups do not admit TCP 443 from ${subnet.cidrBlock}`,
      };
    }
    return { flow, via: 'vpce', target: endpoint.id, detail: `${service} endpoint ${endpoint.id} (private DNS)` };
  }
  const why = !endpoint
    ? `no ${service} endpoint`
    : !isAvailable(endpoint)
      ? `${service} endpoint ${endpoint.id} is ${endpoint.state}`
      : !endpoint.privateDnsEnabled
        ? `${service} endpoint ${endpoint.id} has private DNS off`
        : 'the VPC does not resolve private DNS (DNS support/hostnames off)';
  return publicFlow(flow, rt, why);
}

function layersFlow(inv: Inventory, rt: RouteTable | undefined): FlowPath {
  const gateway = rt ? s3GatewayEndpointsOn(inv, rt).find(isAvailable) : undefined;
  if (gateway && rt) return gatewayLayersFlow(inv, rt, gateway.id);
  const s3Interface = bestEndpoint(endpointsForService(inv, 's3', 'Interface'));
  if (s3Interface && isAvailable(s3Interface) && s3Interface.privateDnsEnabled && vpcResolvesPrivateDns(inv)) {
    return { flow: 'layers', via: 'vpce', target: s3Interface.id, detail: `S3 interface endpoint ${s3Interface.id} (private DNS)` };
  }
  return publicFlow('layers', rt, 'no S3 gateway endpoint on the route table');
}

/**
 * The gateway endpoint's `pl-… → vpce-…` route loses to a CIDR route inside one of S3's ranges
 * (longest prefix; a static route beats a prefix-list route of the same length). With S3's
 * entries collected that is decided; without them, a route that might do it is a caveat.
 */
function gatewayLayersFlow(inv: Inventory, rt: RouteTable, gatewayId: string): FlowPath {
  const base = `S3 gateway endpoint ${gatewayId} on ${rt.id}`;
  const list = s3PrefixList(inv);
  const entries = Array.isArray(list?.cidrs) ? list.cidrs : [];
  if (entries.length > 0) {
    const [over] = routesOverriding(rt, entries);
    if (!over) return { flow: 'layers', via: 'vpce', target: gatewayId, detail: base };
    const hop = routeTarget(over.route);
    return {
      flow: 'layers',
      via: over.route.state === 'blackhole' ? 'none' : viaOf(hop),
      target: hop.id,
      detail: `${base}, but the more specific route ${routeDestination(over.route)} → ${hop.id} takes S3's ${over.cidr} ahead of the endpoint`,
    };
  }
  const maybe = possiblyOverriding(rt, list?.id);
  if (maybe.length === 0) return { flow: 'layers', via: 'vpce', target: gatewayId, detail: base };
  const caveat = `${rt.id} also routes ${maybe.map((r) => `${routeDestination(r)} → ${routeTarget(r).id}`).join(', ')}: any S3 addresses in there bypass the endpoint (S3's prefix list entries were not collected to tell)`;
  return { flow: 'layers', via: 'vpce', target: gatewayId, detail: `${base}; ${caveat}`, caveat };
}

/** A more-specific-than-local route to an endpoint subnet (other than the client's own, which is not routed). */
function divertedFromEndpoint(inv: Inventory, rt: RouteTable, subnet: Subnet, endpointSubnetIds: readonly string[]) {
  const cidrs = (inv.subnets ?? [])
    .filter((s) => endpointSubnetIds.includes(s.id) && s.id !== subnet.id && s.cidrBlock)
    .map((s) => s.cidrBlock);
  return localOverride(rt, cidrs);
}

function viaOf(hop: Hop): Via {
  return hop.kind === 'nat' ? 'nat' : hop.kind === 'igw' ? 'igw' : hop.kind === 'tgw' ? 'tgw' : 'other';
}

/**
 * Traffic to the service's public address follows the routes that carry public addresses: the
 * default route, or what overrides it (0.0.0.0/1 + 128.0.0.0/1, a more specific range). The
 * service's addresses are unknown, so the target carrying most of the public space decides and
 * the others are named in the detail.
 */
function publicFlow(flow: FlowName, rt: RouteTable | undefined, why: string): FlowPath {
  const { shares, unrouted } = publicRouting(rt);
  const byTarget = new Map<string, { hop: Hop; routes: Route[]; size: number }>();
  for (const { route, size } of shares) {
    const hop = route.state === 'blackhole' ? { kind: 'other' as const, id: 'blackhole' } : routeTarget(route);
    const entry = byTarget.get(hop.id) ?? { hop, routes: [], size: 0 };
    entry.routes.push(route);
    entry.size += size;
    byTarget.set(hop.id, entry);
  }
  const groups = [...byTarget.values()].sort((a, b) => b.size - a.size);
  const main = groups[0];
  if (!main || main.size < unrouted) return { flow, via: 'none', detail: `${why}, and ${rt?.id ?? 'the subnet'} has no default route` };
  const describe = (g: (typeof groups)[number]) => `${g.routes.map(routeDestination).join(', ')} to ${g.hop.id}`;
  const others = [
    ...groups.slice(1).map(describe),
    ...(unrouted > 0 ? ['the rest of the public addresses nowhere'] : []),
  ];
  const detail = `${why}; ${rt?.id} sends ${describe(main)}${others.length > 0 ? ` (and ${others.join(', ')})` : ''}`;
  if (main.hop.id === 'blackhole') return { flow, via: 'none', detail };
  return { flow, via: viaOf(main.hop), target: main.hop.id, detail };
}
