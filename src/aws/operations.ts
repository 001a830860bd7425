/**
 * Every AWS operation the collector calls, in one table: the source for a generated IAM policy,
 * for the iamAction of a gap, and for the test that keeps the tool read-only.
 *
 * No SDK import here, so the main CLI bundle may import this file (e.g. to print the policy).
 */
import type { InventoryPart } from '../inventory/types';

export interface AwsOperation {
  /** The inventory part this call fills: a failure leaves a gap on it. */
  readonly part: InventoryPart;
  /** "service:Operation", as shown in gaps. */
  readonly call: string;
  /** The IAM action a caller needs for the call. */
  readonly iamAction: string;
}

function op(part: InventoryPart, call: string): AwsOperation {
  // For every call made today the IAM action has the operation's own name.
  return { part, call, iamAction: call };
}

export const OPERATIONS = {
  // GetCallerIdentity needs no permission (an explicit Deny cannot block it); listed for completeness.
  getCallerIdentity: op('identity', 'sts:GetCallerIdentity'),
  describeVpcs: op('vpc', 'ec2:DescribeVpcs'),
  describeVpcAttribute: op('vpcAttributes', 'ec2:DescribeVpcAttribute'),
  describeDhcpOptions: op('dhcpOptions', 'ec2:DescribeDhcpOptions'),
  describeSubnets: op('subnets', 'ec2:DescribeSubnets'),
  describeRouteTables: op('routeTables', 'ec2:DescribeRouteTables'),
  describeVpcEndpoints: op('vpcEndpoints', 'ec2:DescribeVpcEndpoints'),
  describeSecurityGroups: op('securityGroups', 'ec2:DescribeSecurityGroups'),
  describeNetworkAcls: op('networkAcls', 'ec2:DescribeNetworkAcls'),
  describeNatGateways: op('natGateways', 'ec2:DescribeNatGateways'),
  describeInternetGateways: op('internetGateways', 'ec2:DescribeInternetGateways'),
  describePrefixLists: op('prefixLists', 'ec2:DescribePrefixLists'),
  describeVpcEndpointServices: op('endpointServices', 'ec2:DescribeVpcEndpointServices'),
  // Wave 2, for the NAT gateways of wave 1 (nat-image-traffic); never fatal: a gap on natMetrics.
  getMetricData: op('natMetrics', 'cloudwatch:GetMetricData'),
  // The workload (--ecs-service, --ecs-task-definition, --eks-cluster, --image): called only when asked.
  describeEcsServices: op('workload', 'ecs:DescribeServices'),
  describeTaskDefinition: op('workload', 'ecs:DescribeTaskDefinition'),
  describeEksCluster: op('workload', 'eks:DescribeCluster'),
  describePullThroughCacheRules: op('pullThroughCache', 'ecr:DescribePullThroughCacheRules'),
  describeImages: op('ecrImages', 'ecr:DescribeImages'),
} as const satisfies Record<string, AwsOperation>;

export type OperationName = keyof typeof OPERATIONS;

/** The table as a list, in collection order. */
export const ALL_OPERATIONS: readonly AwsOperation[] = Object.values(OPERATIONS);

/** A call that finds the targets of a scan (--all-vpcs, --regions): it fills no inventory part. */
export type ListingOperation = Omit<AwsOperation, 'part'>;

export const LISTING_OPERATIONS = {
  // The same IAM action as describeVpcs, unfiltered and paginated: every VPC of a region.
  listVpcs: { call: 'ec2:DescribeVpcs', iamAction: 'ec2:DescribeVpcs' },
  // --regions all: the regions enabled for the account.
  describeRegions: { call: 'ec2:DescribeRegions', iamAction: 'ec2:DescribeRegions' },
} as const satisfies Record<string, ListingOperation>;

export const ALL_LISTING_OPERATIONS: readonly ListingOperation[] = Object.values(LISTING_OPERATIONS);
