/**
 * Pure mappings from SDK response shapes to inventory facts. Type-only SDK imports: nothing here
 * runs the SDK, and every missing field gets a defined, documented default.
 */
import type {
  DhcpOptions as SdkDhcpOptions,
  InternetGateway as SdkInternetGateway,
  IpPermission,
  NatGateway as SdkNatGateway,
  NetworkAcl as SdkNetworkAcl,
  NetworkAclEntry as SdkNetworkAclEntry,
  PrefixList as SdkPrefixList,
  Route as SdkRoute,
  RouteTable as SdkRouteTable,
  SecurityGroup as SdkSecurityGroup,
  ServiceDetail,
  Subnet as SdkSubnet,
  Tag,
  Vpc as SdkVpc,
  VpcEndpoint as SdkVpcEndpoint,
} from '@aws-sdk/client-ec2';
import type {
  DhcpOptions,
  EndpointService,
  EndpointType,
  InternetGateway,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  PrefixList,
  Route,
  RouteTable,
  RouteTableAssociation,
  SecurityGroup,
  SecurityGroupRule,
  Subnet,
  Tags,
  Vpc,
  VpcEndpoint,
} from '../inventory/types';

export function toTags(tags: readonly Tag[] | undefined): Tags {
  const out: Tags = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

/** Drops undefined/empty values so that ids lists stay string[]. */
function compact<T>(values: readonly (T | undefined | null)[] | undefined): T[] {
  return (values ?? []).filter((v): v is T => v !== undefined && v !== null && v !== '');
}

// Association sets keep entries being removed or that failed to attach: they carry no traffic.
const GONE_STATES = new Set(['disassociating', 'disassociated', 'failing', 'failed']);
const isLive = (state: string | undefined) => !state || !GONE_STATES.has(state);

export function toVpc(v: SdkVpc): Vpc {
  const associated = compact(
    (v.CidrBlockAssociationSet ?? []).filter((a) => isLive(a.CidrBlockState?.State)).map((a) => a.CidrBlock),
  );
  return dropUndefined({
    id: v.VpcId ?? '',
    ownerId: v.OwnerId,
    cidrBlocks: associated.length ? associated : compact([v.CidrBlock]),
    ipv6CidrBlocks: compact(
      (v.Ipv6CidrBlockAssociationSet ?? [])
        .filter((a) => isLive(a.Ipv6CidrBlockState?.State))
        .map((a) => a.Ipv6CidrBlock),
    ),
    dhcpOptionsId: v.DhcpOptionsId,
    isDefault: v.IsDefault ?? false,
    tags: toTags(v.Tags),
  });
}

export function toDhcpOptions(d: SdkDhcpOptions): DhcpOptions {
  const values = (key: string) =>
    compact((d.DhcpConfigurations ?? []).find((c) => c.Key === key)?.Values?.map((v) => v.Value));
  return dropUndefined({
    id: d.DhcpOptionsId ?? '',
    domainNameServers: values('domain-name-servers'),
    domainName: values('domain-name')[0],
  });
}

export function toSubnet(s: SdkSubnet): Subnet {
  return dropUndefined({
    id: s.SubnetId ?? '',
    // IPv6-only subnets have no IPv4 block; '' parses as "not a CIDR" in the checks' helpers.
    cidrBlock: s.CidrBlock ?? '',
    ipv6CidrBlocks: compact(
      (s.Ipv6CidrBlockAssociationSet ?? [])
        .filter((a) => isLive(a.Ipv6CidrBlockState?.State))
        .map((a) => a.Ipv6CidrBlock),
    ),
    availabilityZone: s.AvailabilityZone ?? '',
    availabilityZoneId: s.AvailabilityZoneId,
    mapPublicIpOnLaunch: s.MapPublicIpOnLaunch ?? false,
    ownerId: s.OwnerId,
    tags: toTags(s.Tags),
  });
}

export function toRoute(r: SdkRoute): Route {
  return dropUndefined({
    destinationCidrBlock: r.DestinationCidrBlock,
    destinationIpv6CidrBlock: r.DestinationIpv6CidrBlock,
    destinationPrefixListId: r.DestinationPrefixListId,
    gatewayId: r.GatewayId,
    natGatewayId: r.NatGatewayId,
    transitGatewayId: r.TransitGatewayId,
    egressOnlyInternetGatewayId: r.EgressOnlyInternetGatewayId,
    vpcPeeringConnectionId: r.VpcPeeringConnectionId,
    networkInterfaceId: r.NetworkInterfaceId,
    instanceId: r.InstanceId,
    state: r.State,
  });
}

export function toRouteTable(rt: SdkRouteTable): RouteTable {
  const associations: RouteTableAssociation[] = (rt.Associations ?? [])
    .filter((a) => isLive(a.AssociationState?.State))
    .map((a) => dropUndefined({ subnetId: a.SubnetId, gatewayId: a.GatewayId, main: a.Main ?? false }));
  return {
    id: rt.RouteTableId ?? '',
    // The API has no "main" flag on the table itself: it is the table holding the Main association.
    main: associations.some((a) => a.main),
    associations,
    routes: (rt.Routes ?? []).map(toRoute),
    tags: toTags(rt.Tags),
  };
}

const ENDPOINT_TYPES: readonly EndpointType[] = ['Interface', 'Gateway', 'GatewayLoadBalancer', 'Resource', 'ServiceNetwork'];
const GATEWAY_SERVICES = /\.(s3|dynamodb)$/;

/**
 * The endpoint's type. Real AWS always returns VpcEndpointType; moto 5 omits it for an endpoint
 * created without an explicit type (the API default, Gateway). So a missing type on an endpoint
 * with no subnets that is for s3/dynamodb or sits in route tables is a gateway; else interface.
 */
export function endpointType(e: SdkVpcEndpoint): EndpointType {
  const given = ENDPOINT_TYPES.find((t) => t === e.VpcEndpointType);
  if (given) return given;
  const hasSubnets = (e.SubnetIds ?? []).length > 0;
  const gatewayLike = GATEWAY_SERVICES.test(e.ServiceName ?? '') || (e.RouteTableIds ?? []).length > 0;
  return !hasSubnets && gatewayLike ? 'Gateway' : 'Interface';
}

/** "available", "pendingAcceptance"...: the wire is lower camel case, the SDK enum capitalised. */
function endpointState(state: string | undefined): string {
  return state ? state[0].toLowerCase() + state.slice(1) : 'unknown';
}

export function toVpcEndpoint(e: SdkVpcEndpoint): VpcEndpoint {
  return dropUndefined({
    id: e.VpcEndpointId ?? '',
    type: endpointType(e),
    serviceName: e.ServiceName ?? '',
    state: endpointState(e.State),
    privateDnsEnabled: e.PrivateDnsEnabled ?? false,
    subnetIds: compact(e.SubnetIds),
    securityGroupIds: compact(e.Groups?.map((g) => g.GroupId)),
    routeTableIds: compact(e.RouteTableIds),
    policyDocument: e.PolicyDocument,
    ownerId: e.OwnerId,
    tags: toTags(e.Tags),
  });
}

export function toSecurityGroupRule(p: IpPermission): SecurityGroupRule {
  return dropUndefined({
    protocol: p.IpProtocol ?? '-1',
    fromPort: p.FromPort,
    toPort: p.ToPort,
    ipv4Ranges: compact(p.IpRanges?.map((r) => r.CidrIp)),
    ipv6Ranges: compact(p.Ipv6Ranges?.map((r) => r.CidrIpv6)),
    prefixListIds: compact(p.PrefixListIds?.map((r) => r.PrefixListId)),
    groupIds: compact(p.UserIdGroupPairs?.map((r) => r.GroupId)),
  });
}

export function toSecurityGroup(g: SdkSecurityGroup): SecurityGroup {
  return dropUndefined({
    id: g.GroupId ?? '',
    name: g.GroupName ?? '',
    ownerId: g.OwnerId,
    ingress: (g.IpPermissions ?? []).map(toSecurityGroupRule),
    egress: (g.IpPermissionsEgress ?? []).map(toSecurityGroupRule),
    tags: toTags(g.Tags),
  });
}

/** Protocol is kept as the API gives it: a number as a string ("6" tcp, "17" udp, "-1" all). */
export function toNetworkAclEntry(e: SdkNetworkAclEntry): NetworkAclEntry {
  return dropUndefined({
    ruleNumber: e.RuleNumber ?? 0,
    egress: e.Egress ?? false,
    protocol: e.Protocol ?? '-1',
    // Anything but an explicit allow is treated as deny: the safe reading for a doctor.
    action: e.RuleAction === 'allow' ? ('allow' as const) : ('deny' as const),
    cidrBlock: e.CidrBlock,
    ipv6CidrBlock: e.Ipv6CidrBlock,
    portFrom: e.PortRange?.From,
    portTo: e.PortRange?.To,
  });
}

export function toNetworkAcl(n: SdkNetworkAcl): NetworkAcl {
  return {
    id: n.NetworkAclId ?? '',
    isDefault: n.IsDefault ?? false,
    subnetIds: compact(n.Associations?.map((a) => a.SubnetId)),
    entries: (n.Entries ?? []).map(toNetworkAclEntry),
    tags: toTags(n.Tags),
  };
}

export function toNatGateway(n: SdkNatGateway): NatGateway {
  return dropUndefined({
    id: n.NatGatewayId ?? '',
    subnetId: n.SubnetId,
    state: n.State ?? 'unknown',
    // Gateways created before private NAT existed (and moto's) carry no ConnectivityType: public.
    connectivityType: n.ConnectivityType === 'private' ? ('private' as const) : ('public' as const),
    tags: toTags(n.Tags),
  });
}

export function toInternetGateway(g: SdkInternetGateway): InternetGateway {
  return { id: g.InternetGatewayId ?? '', tags: toTags(g.Tags) };
}

/**
 * DescribePrefixLists already carries each AWS-managed list's CIDRs (no GetManagedPrefixListEntries
 * call needed). Moto omits them; an absent or empty set is left out, meaning "unknown".
 */
export function toPrefixList(p: SdkPrefixList): PrefixList {
  const cidrs = compact(p.Cidrs);
  return { id: p.PrefixListId ?? '', name: p.PrefixListName ?? '', ...(cidrs.length ? { cidrs } : {}) };
}

/** One entry per service name: S3 is listed twice by the API, once as Gateway, once as Interface. */
export function mergeEndpointServices(details: readonly ServiceDetail[]): EndpointService[] {
  const byName = new Map<string, Set<string>>();
  for (const d of details) {
    if (!d.ServiceName) continue;
    const types = byName.get(d.ServiceName) ?? new Set<string>();
    for (const t of compact(d.ServiceType?.map((x) => x.ServiceType))) types.add(t);
    byName.set(d.ServiceName, types);
  }
  return [...byName].map(([serviceName, types]) => ({ serviceName, serviceTypes: [...types] }));
}

/**
 * Removes keys whose value is undefined: the inventory is saved as JSON and compared in tests,
 * where `{a: undefined}` and `{}` differ for deepEqual but not once serialised.
 */
function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
