/**
 * The one door to the AWS SDK. In the built CLI the collector is its own bundle (dist/aws.js),
 * required only when a live account is read, so `--help`, `--version` and `doctor --snapshot`
 * never load the SDK. The build rewrites './aws/index' to './aws.js'.
 */
import type { AwsScan, CollectTarget, ScanAccess } from './aws/index';
import type { Inventory } from './inventory/types';

export type { AwsScan, CollectTarget, ScanAccess };
export type { VpcListing } from './aws/index';

export async function collect(target: CollectTarget): Promise<Inventory> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const aws = require('./aws/index') as typeof import('./aws/index');
  return aws.collectInventory(target);
}

/** A scan (--all-vpcs, --regions): listings and collections sharing per-region rate limiters. */
export function openScan(access: ScanAccess): AwsScan {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const aws = require('./aws/index') as typeof import('./aws/index');
  return aws.openScan(access);
}
