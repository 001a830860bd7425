/**
 * --all-vpcs, --regions, --concurrency: `doctor` over many VPCs at once (scan mode). Validated
 * before any call; flags that name something inside one VPC make no sense over many: refused.
 */
import { Flags } from '@oclif/core';
import { DiagnoseError } from '../util/errors';
import { assertRegion } from '../util/ids';

export const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 32;

export const scanFlags = {
  'all-vpcs': Flags.boolean({
    description:
      'Diagnose every VPC of the region (or of each --regions region) into one combined report; --timeout then applies to each VPC. ' +
      'Flags naming one VPC or workload (--vpc, --subnet, --security-group, --ecs-*, --eks-cluster, --snapshot, --fix-plan) are refused. Exit code: the worst of all targets.',
  }),
  regions: Flags.string({
    description: 'Scan every VPC of these regions (comma-separated), or of every region enabled for the account (all); implies --all-vpcs.',
    helpValue: 'us-east-1,eu-west-1|all',
  }),
  concurrency: Flags.string({
    description: `Scan mode: VPCs diagnosed at once (1 to ${MAX_CONCURRENCY}, default ${DEFAULT_CONCURRENCY}). Each reads its VPC in parallel waves; throttling slows the whole region's scan down.`,
    helpValue: String(DEFAULT_CONCURRENCY),
  }),
};

export interface ScanFlagValues {
  'all-vpcs'?: boolean;
  regions?: string;
  concurrency?: string;
}

/** Flags that name one VPC, its resources or one workload: with what each is replaced in scan mode. */
const SINGLE_TARGET: Record<string, string> = {
  vpc: 'every VPC is scanned',
  snapshot: 'a snapshot holds one VPC',
  subnet: 'subnet ids belong to one VPC; each VPC is judged on its private subnets',
  'security-group': 'security groups belong to one VPC',
  'ecs-service': 'a service runs in one VPC',
  'ecs-task-definition': 'a task definition describes one workload',
  'eks-cluster': 'a cluster runs in one VPC',
  'fix-plan': 'run doctor --vpc on a VPC the scan flags to get its plan',
};

export function scanRequested(flags: ScanFlagValues): boolean {
  return flags['all-vpcs'] === true || flags.regions !== undefined;
}

/** The flags as given on the command line (before the config file's defaults): exit 2 on a conflict. */
export function assertScanFlags(given: ScanFlagValues & Record<string, unknown>): void {
  const mode = given.regions !== undefined ? '--regions' : '--all-vpcs';
  for (const [flag, why] of Object.entries(SINGLE_TARGET)) {
    if (given[flag] !== undefined) throw new DiagnoseError(`--${flag} cannot be combined with ${mode} (scan mode): ${why}`, 'bad-input');
  }
  if (given.regions !== undefined && given.region !== undefined) {
    throw new DiagnoseError('--region and --regions both name where to scan: give one', 'bad-input');
  }
}

/** "all", or a list of region names; undefined when --regions is absent (the one resolved region). */
export function parseRegions(value: string | undefined): string[] | 'all' | undefined {
  if (value === undefined) return undefined;
  if (value.trim().toLowerCase() === 'all') return 'all';
  const names = value.split(',').map((r) => r.trim()).filter(Boolean);
  if (names.length === 0) throw new DiagnoseError('--regions needs region names (us-east-1,eu-west-1) or all', 'bad-input');
  return [...new Set(names.map(regionName))];
}

function regionName(name: string): string {
  try {
    return assertRegion(name);
  } catch {
    throw new DiagnoseError(`--regions: ${JSON.stringify(name.slice(0, 64))} is not an AWS region name (e.g. us-east-1, eu-west-1) or all`, 'bad-input');
  }
}

export function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CONCURRENCY;
  const n = /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_CONCURRENCY)) {
    throw new DiagnoseError(`--concurrency ${JSON.stringify(value.slice(0, 32))} must be a whole number from 1 to ${MAX_CONCURRENCY}`, 'bad-input');
  }
  return n;
}

/** --concurrency without a scan would be silently ignored: refused instead. */
export function assertNotScanOnly(given: ScanFlagValues): void {
  if (given.concurrency !== undefined) throw new DiagnoseError('--concurrency applies to a scan: add --all-vpcs or --regions', 'bad-input');
}
