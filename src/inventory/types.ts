/**
 * The inventory: plain, JSON-serialisable facts about one VPC.
 *
 * The same object is the test fixture, the `snapshot` file a user saves and replays offline,
 * and the only input of every check. Keep it free of SDK types, Dates and class instances.
 * Bump SCHEMA_VERSION on any incompatible change; the snapshot loader refuses other versions.
 */

import type { EcrImageLookup, PullThroughCacheRule, WorkloadFacts } from './workload-types';

export type * from './workload-types';

export const INVENTORY_SCHEMA_VERSION = 1;

/** The parts the collector fills; a failed call leaves a gap on the part instead of data. */
export type InventoryPart =
  | 'identity'
  | 'vpc'
  | 'vpcAttributes'
  | 'dhcpOptions'
  | 'subnets'
  | 'routeTables'
  | 'vpcEndpoints'
  | 'securityGroups'
  | 'networkAcls'
  | 'natGateways'
  | 'internetGateways'
  | 'prefixLists'
  | 'endpointServices'
  | 'natMetrics'
  | 'workload'
  | 'pullThroughCache'
  | 'ecrImages';

export type Tags = Record<string, string>;

export interface Gap {
  part: InventoryPart;
  /** The API operation that failed, e.g. "ec2:DescribeVpcEndpoints". */
  call: string;
  /** AWS error code (UnauthorizedOperation, AccessDenied, Throttling...) or a local one. */
  code: string;
  message: string;
  /** The IAM action a caller needs for this call (what to grant). */
  iamAction: string;
}

export interface Target {
  region: string;
  /** aws, aws-cn, aws-us-gov... */
  partition: string;
  vpcId: string;
  /** From sts:GetCallerIdentity when available. */
  accountId?: string;
}

export interface Vpc {
  id: string;
  ownerId?: string;
  cidrBlocks: string[];
  ipv6CidrBlocks: string[];
  dhcpOptionsId?: string;
  isDefault: boolean;
  tags: Tags;
}

export interface VpcAttributes {
  enableDnsSupport?: boolean;
  enableDnsHostnames?: boolean;
}

export interface DhcpOptions {
  id: string;
  domainNameServers: string[];
  domainName?: string;
}

export interface Subnet {
  id: string;
  cidrBlock: string;
  ipv6CidrBlocks: string[];
  availabilityZone: string;
  availabilityZoneId?: string;
  mapPublicIpOnLaunch: boolean;
  ownerId?: string;
  tags: Tags;
}

export interface Route {
  destinationCidrBlock?: string;
  destinationIpv6CidrBlock?: string;
  destinationPrefixListId?: string;
  /** igw-…, vgw-…, local, or vpce-… for gateway endpoint routes. */
  gatewayId?: string;
  natGatewayId?: string;
  transitGatewayId?: string;
  egressOnlyInternetGatewayId?: string;
  vpcPeeringConnectionId?: string;
  networkInterfaceId?: string;
  instanceId?: string;
  /** active | blackhole */
  state?: string;
}

export interface RouteTableAssociation {
  subnetId?: string;
  gatewayId?: string;
  main: boolean;
}

export interface RouteTable {
  id: string;
  /** True when this is the VPC's main table (the one subnets without an explicit association use). */
  main: boolean;
  associations: RouteTableAssociation[];
  routes: Route[];
  tags: Tags;
}

export type EndpointType = 'Interface' | 'Gateway' | 'GatewayLoadBalancer' | 'Resource' | 'ServiceNetwork';

export interface VpcEndpoint {
  id: string;
  type: EndpointType;
  serviceName: string;
  /** pendingAcceptance | pending | available | deleting | deleted | rejected | failed | expired */
  state: string;
  privateDnsEnabled: boolean;
  subnetIds: string[];
  securityGroupIds: string[];
  routeTableIds: string[];
  policyDocument?: string;
  ownerId?: string;
  tags: Tags;
}

export interface SecurityGroupRule {
  /** "-1" (all), "tcp", "udp", "icmp", or a protocol number as a string. */
  protocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges: string[];
  ipv6Ranges: string[];
  prefixListIds: string[];
  groupIds: string[];
}

export interface SecurityGroup {
  id: string;
  name: string;
  ownerId?: string;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
  tags: Tags;
}

export interface NetworkAclEntry {
  ruleNumber: number;
  egress: boolean;
  protocol: string;
  action: 'allow' | 'deny';
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  portFrom?: number;
  portTo?: number;
}

export interface NetworkAcl {
  id: string;
  isDefault: boolean;
  subnetIds: string[];
  entries: NetworkAclEntry[];
  tags: Tags;
}

export interface NatGateway {
  id: string;
  subnetId?: string;
  state: string;
  connectivityType: 'public' | 'private';
  tags: Tags;
}

export interface InternetGateway {
  id: string;
  tags: Tags;
}

/** AWS-managed prefix lists (com.amazonaws.<region>.s3 and friends). */
export interface PrefixList {
  id: string;
  name: string;
  /**
   * The list's IPv4 entries, from DescribePrefixLists itself; kept for the region's S3 list only.
   * Lets the checks tell whether a more specific route or a NACL rule covers S3's addresses;
   * absent = unknown (moto, for one, sends none).
   */
  cidrs?: string[];
}

export interface EndpointService {
  serviceName: string;
  serviceTypes: string[];
}

export interface MetricSeries {
  natGatewayId: string;
  metric: 'BytesOutToSource' | 'BytesInFromDestination';
  /** ISO timestamps, ascending, aligned with values. */
  timestamps: string[];
  values: number[];
}

export interface NatMetrics {
  start: string;
  end: string;
  periodSeconds: number;
  series: MetricSeries[];
}

export interface Inventory {
  schemaVersion: typeof INVENTORY_SCHEMA_VERSION;
  /** ISO time of collection: the checks' only notion of "now". */
  collectedAt: string;
  target: Target;
  vpc?: Vpc;
  vpcAttributes?: VpcAttributes;
  dhcpOptions?: DhcpOptions;
  subnets?: Subnet[];
  routeTables?: RouteTable[];
  vpcEndpoints?: VpcEndpoint[];
  securityGroups?: SecurityGroup[];
  networkAcls?: NetworkAcl[];
  natGateways?: NatGateway[];
  internetGateways?: InternetGateway[];
  prefixLists?: PrefixList[];
  endpointServices?: EndpointService[];
  natMetrics?: NatMetrics;
  /** With a workload flag (--ecs-service, --ecs-task-definition, --eks-cluster, --image) only. */
  workload?: WorkloadFacts;
  /** ecr:DescribePullThroughCacheRules of this account's registry, when an image was asked about. */
  pullThroughCache?: PullThroughCacheRule[];
  /** ecr:DescribeImages answers for the workload's images in this account and region. */
  ecrImages?: EcrImageLookup[];
  /** Calls that failed: the checks needing these parts report `error`. */
  gaps: Gap[];
}
