/**
 * The collector: every fact about one VPC, gathered in two concurrent waves.
 *
 *   wave 1  everything that needs only the VPC id and the region (12 calls, all at once)
 *   wave 2  the DHCP option set, whose id only DescribeVpcs knows; the NAT gateways' CloudWatch
 *           metrics (one batched GetMetricData), which need DescribeNatGateways
 *
 * With a workload flag, its calls (ECS, EKS, ECR: collect-workload.ts) run beside these waves,
 * the last of them (DescribeImages) as a third wave once the account is known.
 *
 * A failed call becomes a gap on its part. Only failures that make the whole diagnosis
 * meaningless (credentials, unreachable API, unknown or unreadable VPC) throw a DiagnoseError.
 */
import { DEFAULT_LOOKBACK_SECONDS, metricWindow } from '../inventory/nat-window';
import { INVENTORY_SCHEMA_VERSION, type DhcpOptions, type Inventory, type Vpc } from '../inventory/types';
import { DEFAULT_TIMEOUT_MS } from '../util/timeout';
import { Budget } from './budget';
import { createClients, type AwsClients, type ClientSettings } from './clients';
import {
  describeDhcpOptions,
  describeEndpointServices,
  describeInternetGateways,
  describeNatGateways,
  describeNetworkAcls,
  describePrefixLists,
  describeRouteTables,
  describeSecurityGroups,
  describeSubnets,
  describeVpc,
  describeVpcAttributes,
  describeVpcEndpoints,
  getAccountId,
} from './describe';
import { startWorkload, withWorkload, type WorkloadTarget } from './collect-workload';
import { requireVpc, throwIfFatal, toGap } from './failures';
import { collectNatMetrics } from './nat-metrics';
import { OPERATIONS } from './operations';
import { attempt, settle, type Outcome } from './outcome';
import { partitionOf, resolveRegion } from './region';
import type { SharedCalls } from './shared-calls';

export interface CollectTarget {
  /** Absent: derived from the workload (see collect-workload.ts). */
  vpcId?: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  /** --ecs-service, --ecs-task-definition, --eks-cluster, --image. */
  workload?: WorkloadTarget;
  /** --lookback in seconds, for the NAT gateway metrics (default 24 h). */
  lookbackSeconds?: number;
  /** --timeout: the whole collection's budget, retries included (default 120 s). */
  timeoutMs?: number;
}

export interface CollectOptions {
  /** Tests inject a retry strategy without back-off; production uses the SDK's adaptive one. */
  retryStrategy?: ClientSettings['retryStrategy'];
  /** A scan shares one rate limiter per region and service across its collections (aws/scan.ts). */
  rateLimiterFor?: ClientSettings['rateLimiterFor'];
  /** ...and the account and region-wide facts, read once for all its targets. */
  shared?: SharedCalls;
}

/**
 * The whole collection runs against one time budget: when it runs out, every in-flight call is
 * aborted and a DiagnoseError ('timeout') naming the pending calls is thrown at once, whatever
 * the SDK is still doing (a back-off, a credential lookup).
 */
export async function collectInventory(target: CollectTarget, options: CollectOptions = {}): Promise<Inventory> {
  const budget = new Budget(target.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const opened: AwsClients[] = [];
  try {
    return await budget.race(
      (async () => {
        const region = await resolveRegion(target.region, target.profile);
        const clients = createClients({ region, profile: target.profile, endpointUrl: target.endpointUrl, ...options, budget });
        opened.push(clients);
        // The workload's calls start now and run beside the VPC's waves.
        const workload = startWorkload(clients, region, target.workload, target.endpointUrl ? `at ${target.endpointUrl}` : `for ${region}`);
        const vpcId = target.vpcId ?? (await workload.vpcId());
        const inventory = await collectWith(clients, vpcId, region, target.endpointUrl, target.lookbackSeconds, options.shared);
        return withWorkload(inventory, await workload.finish(inventory.target.accountId));
      })(),
    );
  } finally {
    budget.dispose();
    for (const clients of opened) clients.destroy();
  }
}

async function collectWith(
  clients: AwsClients,
  vpcId: string,
  region: string,
  endpointUrl?: string,
  lookbackSeconds = DEFAULT_LOOKBACK_SECONDS,
  shared?: SharedCalls,
): Promise<Inventory> {
  const { ec2, sts } = clients;
  const where = endpointUrl ? `at ${withoutUserInfo(endpointUrl)}` : `for ${region}`;
  const once = <T>(key: string, call: () => Promise<T>) => (shared ? shared.get(key, call) : call());

  const wave1 = await settle({
    identity: attempt(OPERATIONS.getCallerIdentity, () => once('account', () => getAccountId(sts))),
    vpc: attempt(OPERATIONS.describeVpcs, () => describeVpc(ec2, vpcId)),
    vpcAttributes: attempt(OPERATIONS.describeVpcAttribute, () => describeVpcAttributes(ec2, vpcId)),
    subnets: attempt(OPERATIONS.describeSubnets, () => describeSubnets(ec2, vpcId)),
    routeTables: attempt(OPERATIONS.describeRouteTables, () => describeRouteTables(ec2, vpcId)),
    vpcEndpoints: attempt(OPERATIONS.describeVpcEndpoints, () => describeVpcEndpoints(ec2, vpcId)),
    securityGroups: attempt(OPERATIONS.describeSecurityGroups, () => describeSecurityGroups(ec2, vpcId)),
    networkAcls: attempt(OPERATIONS.describeNetworkAcls, () => describeNetworkAcls(ec2, vpcId)),
    natGateways: attempt(OPERATIONS.describeNatGateways, () => describeNatGateways(ec2, vpcId)),
    internetGateways: attempt(OPERATIONS.describeInternetGateways, () => describeInternetGateways(ec2, vpcId)),
    prefixLists: attempt(OPERATIONS.describePrefixLists, () => once(`prefix-lists ${region}`, () => describePrefixLists(ec2, region))),
    // Needs only the region, so it rides in wave 1 rather than lengthening wave 2.
    endpointServices: attempt(OPERATIONS.describeVpcEndpointServices, () =>
      once(`endpoint-services ${region}`, () => describeEndpointServices(ec2, clients.ec2Probe, region)),
    ),
  });

  // The identity is a nicety (the account id in messages): its failures never stop the diagnosis;
  // real credential problems also show on DescribeVpcs, which is always called.
  const { identity, vpc, ...ec2Parts } = wave1;
  throwIfFatal([vpc, ...Object.values(ec2Parts)], where);
  const accountId = identity.ok ? identity.value : undefined;
  requireVpc(vpc, vpcId, region, accountId);

  const [dhcpOptions, natMetrics] = await Promise.all([
    collectDhcpOptions(ec2, vpc),
    collectNatMetrics(() => clients.cloudwatch, wave1.natGateways, metricWindow(Date.now(), lookbackSeconds)),
  ]);
  // NAT metrics are never fatal: EC2 already proved the credentials, and CloudWatch may be
  // unreachable alone (no monitoring endpoint in a private VPC): a gap, the rest still judged.
  throwIfFatal([dhcpOptions], where);

  const inventory: Inventory = {
    schemaVersion: INVENTORY_SCHEMA_VERSION,
    collectedAt: new Date().toISOString(),
    target: { region, partition: partitionOf(region), vpcId, ...(accountId ? { accountId } : {}) },
    gaps: [],
  };
  const keep = <K extends keyof Inventory>(key: K, outcome: Outcome<Inventory[K]>) => {
    if (!outcome.ok) inventory.gaps.push(toGap(outcome.op, outcome.error));
    else if (outcome.value !== undefined) inventory[key] = outcome.value;
  };
  if (!identity.ok) inventory.gaps.push(toGap(identity.op, identity.error));
  keep('vpc', vpc);
  keep('vpcAttributes', wave1.vpcAttributes);
  keep('dhcpOptions', dhcpOptions);
  keep('subnets', wave1.subnets);
  keep('routeTables', wave1.routeTables);
  keep('vpcEndpoints', wave1.vpcEndpoints);
  keep('securityGroups', wave1.securityGroups);
  keep('networkAcls', wave1.networkAcls);
  keep('natGateways', wave1.natGateways);
  keep('internetGateways', wave1.internetGateways);
  keep('prefixLists', wave1.prefixLists);
  keep('endpointServices', wave1.endpointServices);
  keep('natMetrics', natMetrics);
  return inventory;
}

/**
 * Wave 2: the VPC's DHCP option set. "default" means the VPC has none: instances then use the
 * Amazon-provided resolver, which is what an option set of ["AmazonProvidedDNS"] says.
 */
async function collectDhcpOptions(
  ec2: AwsClients['ec2'],
  vpc: Outcome<Vpc | undefined>,
): Promise<Outcome<DhcpOptions | undefined>> {
  const op = OPERATIONS.describeDhcpOptions;
  if (!vpc.ok) {
    const error = Object.assign(new Error('not attempted: ec2:DescribeVpcs failed, so the DHCP option set is unknown'), {
      code: 'Skipped',
    });
    return { op, ok: false, error };
  }
  const id = vpc.value?.dhcpOptionsId;
  if (!id) return { op, ok: true, value: undefined };
  if (id === 'default') return { op, ok: true, value: { id, domainNameServers: ['AmazonProvidedDNS'] } };
  return attempt(op, () => describeDhcpOptions(ec2, id));
}

/** An endpoint URL as shown in messages: a user:password@ part never reaches a terminal or a log. */
export function withoutUserInfo(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}
