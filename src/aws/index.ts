/**
 * Entry point of the collector bundle (dist/aws.js), the only door to the AWS SDK. src/collector.ts
 * requires it only when a live account is read, so `--help`, `--version` and `--snapshot` never
 * load the SDK. Export nothing else from here that the main bundle would need at start-up.
 */
export { collectInventory } from './collect';
export type { CollectOptions, CollectTarget } from './collect';
export { openScan } from './scan';
export type { AwsScan, ScanAccess, VpcListing } from './scan';
