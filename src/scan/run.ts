/**
 * The scan itself, over an injected source (the AWS collector, or a fake in tests): list the
 * targets of every region, then diagnose each with at most `concurrency` in flight. A target that
 * fails becomes an entry with its error; the entries come out ordered by region, then VPC id,
 * whatever order the collections finish in.
 */
import type { VpcListing } from '../collector';
import type { Inventory } from '../inventory/types';
import type { Report } from '../report/model';
import { clean } from '../report/sanitize';
import { DiagnoseError } from '../util/errors';
import { mapBounded } from './pool';
import type { ScanEntry, ScanFailure, ScanTarget } from './types';

export interface ScanSource {
  enabledRegions(): Promise<string[]>;
  listVpcs(region: string): Promise<VpcListing[]>;
  collect(region: string, vpcId: string): Promise<Inventory>;
}

export interface ScanPlan {
  regions: readonly string[] | 'all';
  /** Targets (and region listings) in flight at once. */
  concurrency: number;
}

export type ScanProgress =
  | { phase: 'listing'; regions: number }
  | { phase: 'scanning'; done: number; total: number; regions: number };

/** The single-VPC pipeline (commands/diagnose.ts): inventory in, report out; may throw. */
export type Diagnose = (inventory: Inventory) => Report;

export interface ScanResult {
  /** Sorted, without duplicates. */
  regions: string[];
  entries: ScanEntry[];
}

export async function scan(source: ScanSource, plan: ScanPlan, diagnose: Diagnose, onProgress: (p: ScanProgress) => void = () => {}): Promise<ScanResult> {
  // Without the region list there is nothing to scan: that error is the run's, not an entry's.
  const regions = [...new Set(plan.regions === 'all' ? await source.enabledRegions() : plan.regions)].sort();
  onProgress({ phase: 'listing', regions: regions.length });
  const listings = await mapBounded(regions, plan.concurrency, async (region) => {
    try {
      const vpcs = [...(await source.listVpcs(region))].sort((a, b) => compare(a.vpcId, b.vpcId));
      return vpcs.map((v): ScanTarget => ({ region, vpcId: v.vpcId, ...(v.name ? { vpcName: v.name } : {}) }));
    } catch (err) {
      return failed({ region }, err);
    }
  });

  const targets = listings.flatMap((l) => (Array.isArray(l) ? l : []));
  let done = 0;
  onProgress({ phase: 'scanning', done, total: targets.length, regions: regions.length });
  const reports = await mapBounded(targets, plan.concurrency, async (target): Promise<ScanEntry> => {
    try {
      return diagnose(await source.collect(target.region, target.vpcId!));
    } catch (err) {
      return failed(target, err);
    } finally {
      onProgress({ phase: 'scanning', done: ++done, total: targets.length, regions: regions.length });
    }
  });

  // Region order, a region's failed listing in its place; the VPCs already sorted within it.
  const byTarget = new Map(targets.map((t, i) => [t, reports[i]]));
  return { regions, entries: listings.flatMap((l) => (Array.isArray(l) ? l.map((t) => byTarget.get(t)!) : [l])) };
}

/** What a single run would print on exit 2, as an entry: the DiagnoseError's reason and message. */
export function failed(target: ScanTarget, err: unknown): ScanFailure {
  const known = err instanceof DiagnoseError;
  const message = known ? err.message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
  return { target, error: { reason: known ? err.reason : 'internal', message: clean(message) } };
}

/** Code-point order, not locale order: the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
