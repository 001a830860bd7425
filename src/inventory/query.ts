/** Questions the checks ask of an inventory. Pure helpers: no I/O, no SDK. */
import { cidrCoveredByUnion } from './cidr';
import { publicRouting } from './routes';
import type {
  Inventory,
  PrefixList,
  Route,
  RouteTable,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  Tags,
  VpcEndpoint,
} from './types';

export function nameTag(tags: Tags | undefined): string | undefined {
  return tags?.Name || undefined;
}

/** "subnet-0abc (app-a)" style label for summaries; the name is shown only when present. */
export function label(id: string, tags?: Tags): string {
  const name = nameTag(tags);
  return name ? `${id} (${name})` : id;
}

// ---------------------------------------------------------------------------------------------
// Route tables

export function mainRouteTable(inv: Inventory): RouteTable | undefined {
  return (inv.routeTables ?? []).find((rt) => rt.main || rt.associations.some((a) => a.main));
}

/**
 * The route table a subnet really uses: its explicit association, else the VPC's main table.
 * (DescribeRouteTables filtered by association.subnet-id does not return implicit associations.)
 */
export function effectiveRouteTable(inv: Inventory, subnetId: string): RouteTable | undefined {
  const explicit = (inv.routeTables ?? []).find((rt) =>
    rt.associations.some((a) => a.subnetId === subnetId),
  );
  return explicit ?? mainRouteTable(inv);
}

/** True when the subnet uses the main table because it has no explicit association. */
export function usesMainRouteTable(inv: Inventory, subnetId: string): boolean {
  return !(inv.routeTables ?? []).some((rt) => rt.associations.some((a) => a.subnetId === subnetId));
}

export type HopKind = 'igw' | 'nat' | 'tgw' | 'vgw' | 'peering' | 'eni' | 'instance' | 'eigw' | 'vpce' | 'local' | 'other';

export interface Hop {
  kind: HopKind;
  id: string;
}

export function routeTarget(route: Route): Hop {
  if (route.natGatewayId) return { kind: 'nat', id: route.natGatewayId };
  if (route.transitGatewayId) return { kind: 'tgw', id: route.transitGatewayId };
  if (route.vpcPeeringConnectionId) return { kind: 'peering', id: route.vpcPeeringConnectionId };
  if (route.egressOnlyInternetGatewayId) return { kind: 'eigw', id: route.egressOnlyInternetGatewayId };
  if (route.instanceId) return { kind: 'instance', id: route.instanceId };
  if (route.networkInterfaceId) return { kind: 'eni', id: route.networkInterfaceId };
  const gw = route.gatewayId ?? '';
  if (gw === 'local') return { kind: 'local', id: 'local' };
  if (gw.startsWith('igw-')) return { kind: 'igw', id: gw };
  if (gw.startsWith('vgw-')) return { kind: 'vgw', id: gw };
  if (gw.startsWith('vpce-')) return { kind: 'vpce', id: gw };
  return { kind: 'other', id: gw || 'unknown' };
}

/** The active IPv4 default route (0.0.0.0/0) of a table, if any. */
export function defaultRoute(rt: RouteTable | undefined): Route | undefined {
  return rt?.routes.find((r) => r.destinationCidrBlock === '0.0.0.0/0' && r.state !== 'blackhole');
}

/**
 * A public subnet: its effective table sends public addresses to an internet gateway, through
 * 0.0.0.0/0 or what overrides it (0.0.0.0/1 + 128.0.0.0/1).
 */
export function isPublicSubnet(inv: Inventory, subnetId: string): boolean {
  const main = publicRouting(effectiveRouteTable(inv, subnetId)).shares[0];
  return !!main && main.route.state !== 'blackhole' && routeTarget(main.route).kind === 'igw';
}

// ---------------------------------------------------------------------------------------------
// Workload subnets

export interface WorkloadSubnets {
  subnets: Subnet[];
  /** How they were chosen, for the report. */
  basis: 'flag' | 'private-subnets';
}

/**
 * The subnets the workload runs in: those given with --subnet, else every subnet whose
 * effective route table has no default route to an internet gateway (the private ones).
 */
export function workloadSubnets(inv: Inventory, subnetIds: readonly string[]): WorkloadSubnets {
  const all = inv.subnets ?? [];
  if (subnetIds.length > 0) {
    return { subnets: all.filter((s) => subnetIds.includes(s.id)), basis: 'flag' };
  }
  return { subnets: all.filter((s) => !isPublicSubnet(inv, s.id)), basis: 'private-subnets' };
}

// ---------------------------------------------------------------------------------------------
// Endpoints and service names

/**
 * The short service name of an endpoint service in this region ("ecr.dkr", "s3"), or undefined.
 * Matches both partitions' spellings: com.amazonaws.<region>.x and cn.com.amazonaws.<region>.x.
 */
export function shortServiceName(serviceName: string, region: string): string | undefined {
  const prefixes = [`com.amazonaws.${region}.`, `cn.com.amazonaws.${region}.`];
  const prefix = prefixes.find((p) => serviceName.startsWith(p));
  return prefix ? serviceName.slice(prefix.length) : undefined;
}

/**
 * The full service name to use when creating an endpoint for `short` in this region. Prefers
 * what DescribeVpcEndpointServices returned; falls back to the partition's convention (China
 * spells most interface services cn.com.amazonaws.<region>.x but S3 and DynamoDB com.amazonaws.).
 */
export function serviceNameFor(inv: Inventory, short: string): string {
  const { region, partition } = inv.target;
  const known = (inv.endpointServices ?? []).find((s) => shortServiceName(s.serviceName, region) === short);
  if (known) return known.serviceName;
  const gatewayStyle = short === 's3' || short === 'dynamodb';
  return partition === 'aws-cn' && !gatewayStyle ? `cn.com.amazonaws.${region}.${short}` : `com.amazonaws.${region}.${short}`;
}

export function endpointsForService(
  inv: Inventory,
  short: string,
  type?: VpcEndpoint['type'],
): VpcEndpoint[] {
  return (inv.vpcEndpoints ?? []).filter(
    (e) => shortServiceName(e.serviceName, inv.target.region) === short && (!type || e.type === type),
  );
}

/** Of several endpoints for one service, the one that decides the verdict: an available one first. */
export function bestEndpoint(endpoints: readonly VpcEndpoint[]): VpcEndpoint | undefined {
  return endpoints.find((e) => e.state.toLowerCase() === 'available') ?? endpoints[0];
}

export function isAvailable(e: VpcEndpoint | undefined): boolean {
  return !!e && e.state.toLowerCase() === 'available';
}

/**
 * The VPC owner's account when the caller is a shared-VPC participant (VPC owner ≠ caller); such
 * a caller cannot list the owner's endpoints. Undefined when either account is unknown.
 */
export function sharedVpcOwner(inv: Inventory): string | undefined {
  const owner = inv.vpc?.ownerId;
  const caller = inv.target.accountId;
  return owner && caller && owner !== caller ? owner : undefined;
}

export const ECR_INTERFACE_SERVICES = ['ecr.api', 'ecr.dkr'] as const;
export type EcrService = (typeof ECR_INTERFACE_SERVICES)[number];

/** The AWS-managed prefix list for S3 in this region, when collected. */
export function s3PrefixList(inv: Inventory): PrefixList | undefined {
  return (inv.prefixLists ?? []).find((p) => isS3PrefixListName(inv.target.region, p.name));
}

/** com.amazonaws.<region>.s3 (or its cn. spelling): the region's AWS-managed S3 prefix list. */
export function isS3PrefixListName(region: string, name: string): boolean {
  const s3 = `com.amazonaws.${region}.s3`;
  return name === s3 || name === `cn.${s3}`;
}

/** The AWS-managed prefix list id for S3 in this region (pl-…), when collected. */
export function s3PrefixListId(inv: Inventory): string | undefined {
  return s3PrefixList(inv)?.id;
}

/**
 * The S3 gateway endpoints serving a route table: associated by the endpoint's RouteTableIds,
 * or visible as a `pl-… → vpce-…` route in the table (either is evidence of the association).
 */
export function s3GatewayEndpointsOn(inv: Inventory, rt: RouteTable): VpcEndpoint[] {
  const gateways = endpointsForService(inv, 's3', 'Gateway');
  return gateways.filter(
    (e) => e.routeTableIds.includes(rt.id) || rt.routes.some((r) => r.gatewayId === e.id && r.state !== 'blackhole'),
  );
}

// ---------------------------------------------------------------------------------------------
// Security groups

export function findSecurityGroup(inv: Inventory, id: string): SecurityGroup | undefined {
  return (inv.securityGroups ?? []).find((g) => g.id === id);
}

/** True when the rule's protocol and port range include TCP 443. */
export function ruleCoversTcp443(rule: SecurityGroupRule): boolean {
  if (rule.protocol === '-1' || rule.protocol === 'all') return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
  const from = rule.fromPort ?? 0;
  const to = rule.toPort ?? 65535;
  return from <= 443 && 443 <= to;
}

/** Every IPv4 range admitted on TCP 443 by the ingress rules of these groups. */
export function ingress443Cidrs(groups: readonly SecurityGroup[]): string[] {
  return groups.flatMap((g) => g.ingress.filter(ruleCoversTcp443).flatMap((r) => r.ipv4Ranges));
}

/** Every security group referenced as a source on TCP 443 by the ingress rules of these groups. */
export function ingress443SourceGroups(groups: readonly SecurityGroup[]): string[] {
  return groups.flatMap((g) => g.ingress.filter(ruleCoversTcp443).flatMap((r) => r.groupIds));
}

/**
 * Whether the groups admit TCP 443 from a subnet: its CIDR is covered by the union of admitted
 * ranges (containment counts), or one of the workload's own groups is an admitted source.
 */
export function groupsAdmit443From(
  groups: readonly SecurityGroup[],
  subnetCidr: string,
  workloadGroupIds: readonly string[],
): { admitted: boolean; by: 'cidr' | 'security-group' | 'none' } {
  if (cidrCoveredByUnion(subnetCidr, ingress443Cidrs(groups))) return { admitted: true, by: 'cidr' };
  const sources = ingress443SourceGroups(groups);
  if (workloadGroupIds.some((id) => sources.includes(id))) return { admitted: true, by: 'security-group' };
  return { admitted: false, by: 'none' };
}

export function subnetLabel(s: Subnet): string {
  return label(s.id, s.tags);
}
