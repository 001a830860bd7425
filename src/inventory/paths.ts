/**
 * Where each of the three ECR pull flows goes from one workload subnet:
 *   api      → api.ecr.<region>.amazonaws.com        (auth token, ecr.api endpoint)
 *   registry → <acct>.dkr.ecr.<region>.amazonaws.com  (manifests, ecr.dkr endpoint)
 *   layers   → prod-<region>-starport-layer-bucket    (S3, gateway endpoint)
 * Pure: derived from the inventory alone, shared by egress-path, the NAT check and the report.
 */
import {
  bestEndpoint,
  defaultRoute,
  effectiveRouteTable,
  endpointsForService,
  findSecurityGroup,
  groupsAdmit443From,
  isAvailable,
  routeTarget,
  s3GatewayEndpointsOn,
  usesMainRouteTable,
} from './query';
import type { Inventory, RouteTable, SecurityGroup, Subnet } from './types';

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

const INTERFACE_SERVICE: Record<Exclude<FlowName, 'layers'>, string> = { api: 'ecr.api', registry: 'ecr.dkr' };

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
  if (endpoint && isAvailable(endpoint) && endpoint.privateDnsEnabled && vpcResolvesPrivateDns(inv)) {
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
  if (gateway) return { flow: 'layers', via: 'vpce', target: gateway.id, detail: `S3 gateway endpoint ${gateway.id} on ${rt?.id}` };
  const s3Interface = bestEndpoint(endpointsForService(inv, 's3', 'Interface'));
  if (s3Interface && isAvailable(s3Interface) && s3Interface.privateDnsEnabled && vpcResolvesPrivateDns(inv)) {
    return { flow: 'layers', via: 'vpce', target: s3Interface.id, detail: `S3 interface endpoint ${s3Interface.id} (private DNS)` };
  }
  return publicFlow('layers', rt, 'no S3 gateway endpoint on the route table');
}

/** Traffic to the service's public address follows the table's default route. */
function publicFlow(flow: FlowName, rt: RouteTable | undefined, why: string): FlowPath {
  const route = defaultRoute(rt);
  if (!route) return { flow, via: 'none', detail: `${why}, and ${rt?.id ?? 'the subnet'} has no default route` };
  const hop = routeTarget(route);
  const via: Via = hop.kind === 'nat' ? 'nat' : hop.kind === 'igw' ? 'igw' : hop.kind === 'tgw' ? 'tgw' : 'other';
  return { flow, via, target: hop.id, detail: `${why}; ${rt?.id} sends 0.0.0.0/0 to ${hop.id}` };
}
