/**
 * The collector's side of a scan (--all-vpcs, --regions): which regions, which VPCs in each, and
 * each VPC's collection. Every collection keeps its own clients and time budget (a stuck target
 * fails alone), but all collections of one region share one adaptive rate limiter per service:
 * when that region's API throttles, the whole scan slows down, not just the call that saw it.
 * They also share the account and the region-wide facts, read once (shared-calls.ts).
 */
import { DescribeRegionsCommand, paginateDescribeVpcs, type EC2Client } from '@aws-sdk/client-ec2';
import { DefaultRateLimiter, type RateLimiter } from '@smithy/core/retry';
import type { Inventory } from '../inventory/types';
import { DiagnoseError } from '../util/errors';
import { DEFAULT_TIMEOUT_MS } from '../util/timeout';
import { Budget } from './budget';
import { createClients, type ClientSettings } from './clients';
import { collectInventory, type CollectTarget } from './collect';
import { errorCode, errorMessage, fatalFailure } from './failures';
import { LISTING_OPERATIONS, type ListingOperation } from './operations';
import { resolveRegion } from './region';
import { SharedCalls } from './shared-calls';

export interface ScanAccess {
  /** --region: the region --all-vpcs scans, and where --regions all asks for the list. */
  region?: string;
  profile?: string;
  endpointUrl?: string;
  /** --timeout, per listing and per target's collection. */
  timeoutMs?: number;
}

/** One VPC found by the listing: what the scan needs to name and order it. */
export interface VpcListing {
  vpcId: string;
  name?: string;
  isDefault: boolean;
}

export interface AwsScan {
  /** --region, AWS_REGION, AWS_DEFAULT_REGION, then the profile's: what a single run would use. */
  homeRegion(): Promise<string>;
  /** The regions enabled for the account (ec2:DescribeRegions in the home region, else us-east-1), sorted. */
  enabledRegions(): Promise<string[]>;
  /** Every VPC of the region (ec2:DescribeVpcs, all pages). */
  listVpcs(region: string): Promise<VpcListing[]>;
  /** One target's inventory, with the region's shared rate limiters. */
  collect(target: CollectTarget & { region: string; vpcId: string }): Promise<Inventory>;
}

type RateLimiterFor = NonNullable<ClientSettings['rateLimiterFor']>;

export function openScan(access: ScanAccess): AwsScan {
  const limiters = new Map<string, RateLimiterFor>();
  const limitersOf = (region: string): RateLimiterFor => {
    let found = limiters.get(region);
    if (!found) limiters.set(region, (found = rateLimiterPool()));
    return found;
  };
  const shared = new SharedCalls();
  const homeRegion = () => resolveRegion(access.region, access.profile);
  return {
    homeRegion,
    enabledRegions: async () => {
      // Any region answers for the account; without a configured one, the partition's oldest.
      const home = await homeRegion().catch((err: unknown) => {
        if (err instanceof DiagnoseError && err.reason === 'no-region') return 'us-east-1';
        throw err;
      });
      return listing(access, home, limitersOf(home), LISTING_OPERATIONS.describeRegions, describeRegions);
    },
    listVpcs: (region) => listing(access, region, limitersOf(region), LISTING_OPERATIONS.listVpcs, listVpcs),
    collect: (target) => collectInventory(target, { rateLimiterFor: limitersOf(target.region), shared }),
  };
}

/** One limiter per client class (EC2, STS, CloudWatch...), created when first asked for. */
export function rateLimiterPool(): RateLimiterFor {
  const byClient = new Map<unknown, RateLimiter>();
  return (client) => {
    let limiter = byClient.get(client);
    if (!limiter) byClient.set(client, (limiter = new DefaultRateLimiter()));
    return limiter;
  };
}

/** A listing call with its own budget and clients; a failure becomes a DiagnoseError naming the region. */
async function listing<T>(
  access: ScanAccess,
  region: string,
  rateLimiterFor: RateLimiterFor,
  op: ListingOperation,
  call: (ec2: EC2Client) => Promise<T>,
): Promise<T> {
  const budget = new Budget(access.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const clients = createClients({ region, profile: access.profile, endpointUrl: access.endpointUrl, budget, rateLimiterFor });
  try {
    return await budget.race(call(clients.ec2));
  } catch (err) {
    throw listingError(err, op, region, access.endpointUrl);
  } finally {
    budget.dispose();
    clients.destroy();
  }
}

async function listVpcs(ec2: EC2Client): Promise<VpcListing[]> {
  const found: VpcListing[] = [];
  for await (const page of paginateDescribeVpcs({ client: ec2 }, {})) {
    for (const v of page.Vpcs ?? []) {
      if (!v.VpcId) continue;
      const name = v.Tags?.find((t) => t.Key === 'Name')?.Value;
      found.push({ vpcId: v.VpcId, ...(name ? { name } : {}), isDefault: v.IsDefault === true });
    }
  }
  return found;
}

async function describeRegions(ec2: EC2Client): Promise<string[]> {
  // Without AllRegions the answer holds the enabled regions only; opt-in status double-checks it.
  const out = await ec2.send(new DescribeRegionsCommand({}));
  const names = (out.Regions ?? []).filter((r) => r.OptInStatus !== 'not-opted-in').map((r) => r.RegionName ?? '');
  return [...new Set(names.filter(Boolean))].sort();
}

export function listingError(err: unknown, op: ListingOperation, region: string, endpointUrl?: string): DiagnoseError {
  if (err instanceof DiagnoseError) return err; // the budget ran out
  const fatal = fatalFailure(err, endpointUrl ? `at ${endpointUrl}` : `for ${region}`);
  if (fatal) return fatal;
  const code = errorCode(err);
  const denied = code === 'UnauthorizedOperation' || code === 'AccessDenied' || code === 'AccessDeniedException';
  return new DiagnoseError(
    `${denied ? 'Not allowed to call' : 'Could not call'} ${op.iamAction} in ${region} (${code}): ${errorMessage(err)}`,
    denied ? 'denied' : 'listing-failed',
  );
}
