/**
 * One function per inventory part: the SDK call(s), every page, mapped to inventory facts.
 * Lists are filtered server-side by VPC; nothing here calls per subnet or per security group.
 */
import {
  DescribeDhcpOptionsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcsCommand,
  paginateDescribeInternetGateways,
  paginateDescribeNatGateways,
  paginateDescribeNetworkAcls,
  paginateDescribePrefixLists,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  type EC2Client,
  type Filter,
  type ServiceDetail,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type {
  DhcpOptions,
  EndpointService,
  InternetGateway,
  NatGateway,
  NetworkAcl,
  PrefixList,
  RouteTable,
  SecurityGroup,
  Subnet,
  Vpc,
  VpcAttributes,
  VpcEndpoint,
} from '../inventory/types';
import {
  toDhcpOptions,
  mergeEndpointServices,
  toInternetGateway,
  toNatGateway,
  toNetworkAcl,
  toPrefixList,
  toRouteTable,
  toSecurityGroup,
  toSubnet,
  toVpc,
  toVpcEndpoint,
} from './normalize';
import { isS3PrefixListName } from '../inventory/query';
import { errorCode, isThrottling } from './failures';
import { watchedServiceNames } from './watched-services';

const byVpc = (vpcId: string): Filter[] => [{ Name: 'vpc-id', Values: [vpcId] }];

async function everyPage<Page, Item>(pages: AsyncIterable<Page>, items: (page: Page) => Item[] | undefined): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

export async function getAccountId(sts: STSClient): Promise<string | undefined> {
  return (await sts.send(new GetCallerIdentityCommand({}))).Account;
}

/** The VPC, or undefined when the API answers with an empty list. */
export async function describeVpc(ec2: EC2Client, vpcId: string): Promise<Vpc | undefined> {
  const out = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
  const vpc = out.Vpcs?.find((v) => v.VpcId === vpcId);
  return vpc && toVpc(vpc);
}

export async function describeVpcAttributes(ec2: EC2Client, vpcId: string): Promise<VpcAttributes> {
  // One attribute per call: that is the API's shape.
  const [support, hostnames] = await Promise.all([
    ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' })),
    ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' })),
  ]);
  return {
    enableDnsSupport: support.EnableDnsSupport?.Value,
    enableDnsHostnames: hostnames.EnableDnsHostnames?.Value,
  };
}

export async function describeDhcpOptions(ec2: EC2Client, dhcpOptionsId: string): Promise<DhcpOptions | undefined> {
  const out = await ec2.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [dhcpOptionsId] }));
  const found = out.DhcpOptions?.find((d) => d.DhcpOptionsId === dhcpOptionsId);
  return found && toDhcpOptions(found);
}

export function describeSubnets(ec2: EC2Client, vpcId: string): Promise<Subnet[]> {
  const pages = paginateDescribeSubnets({ client: ec2 }, { Filters: byVpc(vpcId) });
  return everyPage(pages, (p) => p.Subnets?.map(toSubnet));
}

export function describeRouteTables(ec2: EC2Client, vpcId: string): Promise<RouteTable[]> {
  const pages = paginateDescribeRouteTables({ client: ec2 }, { Filters: byVpc(vpcId) });
  return everyPage(pages, (p) => p.RouteTables?.map(toRouteTable));
}

export function describeVpcEndpoints(ec2: EC2Client, vpcId: string): Promise<VpcEndpoint[]> {
  const pages = paginateDescribeVpcEndpoints({ client: ec2 }, { Filters: byVpc(vpcId) });
  return everyPage(pages, (p) => p.VpcEndpoints?.map(toVpcEndpoint));
}

export function describeSecurityGroups(ec2: EC2Client, vpcId: string): Promise<SecurityGroup[]> {
  const pages = paginateDescribeSecurityGroups({ client: ec2 }, { Filters: byVpc(vpcId) });
  return everyPage(pages, (p) => p.SecurityGroups?.map(toSecurityGroup));
}

export function describeNetworkAcls(ec2: EC2Client, vpcId: string): Promise<NetworkAcl[]> {
  const pages = paginateDescribeNetworkAcls({ client: ec2 }, { Filters: byVpc(vpcId) });
  return everyPage(pages, (p) => p.NetworkAcls?.map(toNetworkAcl));
}

export function describeNatGateways(ec2: EC2Client, vpcId: string): Promise<NatGateway[]> {
  // This API spells its filter parameter `Filter` (the others: `Filters`).
  const pages = paginateDescribeNatGateways({ client: ec2 }, { Filter: byVpc(vpcId) });
  return everyPage(pages, (p) => p.NatGateways?.map(toNatGateway));
}

export function describeInternetGateways(ec2: EC2Client, vpcId: string): Promise<InternetGateway[]> {
  const filters = [{ Name: 'attachment.vpc-id', Values: [vpcId] }];
  const pages = paginateDescribeInternetGateways({ client: ec2 }, { Filters: filters });
  return everyPage(pages, (p) => p.InternetGateways?.map(toInternetGateway));
}

/**
 * The AWS-managed prefix lists of the region (S3, DynamoDB...): not VPC-scoped. The answer carries
 * each list's CIDRs (no ec2:GetManagedPrefixListEntries needed); only S3's are kept, the one the
 * checks read (routes and NACLs towards S3), so snapshots stay small.
 */
export async function describePrefixLists(ec2: EC2Client, region: string): Promise<PrefixList[]> {
  const pages = paginateDescribePrefixLists({ client: ec2 }, {});
  const lists = await everyPage(pages, (p) => p.PrefixLists?.map(toPrefixList));
  return lists.map(({ cidrs, ...list }) => (cidrs && isS3PrefixListName(region, list.name) ? { ...list, cidrs } : list));
}

/**
 * The watched endpoint services that exist in the region. Asks with a `service-name` filter,
 * through `probe` (a client that retries throttling only); an endpoint that cannot apply that
 * filter (moto 5.2 answers HTTP 500, other emulators InvalidFilter) gets the unfiltered list,
 * with normal retries, filtered here: one extra call, only there, and no back-offs before it.
 */
export async function describeEndpointServices(ec2: EC2Client, probe: EC2Client, region: string): Promise<EndpointService[]> {
  const wanted = watchedServiceNames(region);
  try {
    return mergeEndpointServices(await listEndpointServices(probe, [{ Name: 'service-name', Values: wanted }]));
  } catch (err) {
    if (!filterUnsupported(err)) throw err;
    const all = await listEndpointServices(ec2, undefined);
    return mergeEndpointServices(all.filter((d) => wanted.includes(d.ServiceName ?? '')));
  }
}

/** InvalidFilter or a server error; not throttling (EC2 sends it as 503), which the fallback would meet too. */
function filterUnsupported(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (isThrottling(errorCode(err))) return false;
  return e.name === 'InvalidFilter' || (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

async function listEndpointServices(ec2: EC2Client, filters: Filter[] | undefined): Promise<ServiceDetail[]> {
  const details: ServiceDetail[] = [];
  let token: string | undefined;
  // The SDK has no paginator for this operation.
  do {
    const out = await ec2.send(new DescribeVpcEndpointServicesCommand({ Filters: filters, NextToken: token }));
    details.push(...(out.ServiceDetails ?? []));
    token = out.NextToken;
  } while (token);
  return details;
}
