/**
 * A fake scan source (regions → VPCs → inventories, each with its own delay and fault) and the
 * real single-VPC pipeline, so the orchestration tests judge real reports without any AWS.
 */
import type { VpcListing } from '../../src/collector';
import { diagnoseTarget, type DiagnoseSettings } from '../../src/commands/diagnose';
import type { Inventory } from '../../src/inventory/types';
import type { ScanSource } from '../../src/scan/run';
import { DiagnoseError } from '../../src/util/errors';
import { anInventory, defaultOptions } from '../helpers/inventory-builder';

export type Health = 'healthy' | 'warn' | 'leak' | 'gap';

export interface FakeVpc {
  vpcId: string;
  name?: string;
  health?: Health;
  /** How long its collection takes (ms): lets a test finish targets out of order. */
  delayMs?: number;
  /** Its collection throws this. */
  throws?: Error;
}

export interface FakeRegion {
  vpcs?: FakeVpc[];
  /** Its listing throws this. */
  listingFails?: Error;
}

export const SETTINGS: DiagnoseSettings = {
  options: defaultOptions(),
  platformGiven: false,
  suppress: [],
  strict: false,
  toolVersion: '0.0.0-test',
  source: 'live',
  fixPlan: false,
};

export const diagnose = (settings: Partial<DiagnoseSettings> = {}) => (inv: Inventory) => diagnoseTarget({ ...SETTINGS, ...settings }, inv);

export function inventoryOf(region: string, vpc: FakeVpc): Inventory {
  const b = anInventory().edit((inv) => {
    inv.target = { ...inv.target, region, vpcId: vpc.vpcId };
    inv.vpc = { ...inv.vpc!, id: vpc.vpcId, tags: vpc.name ? { Name: vpc.name } : {} };
  });
  if (vpc.health === 'leak') b.classicS3Leak();
  // One AZ of two without an ECR endpoint: endpoint-az-coverage warns.
  if (vpc.health === 'warn') b.endpoint('vpce-dkr', (e) => (e.subnetIds = ['subnet-app-a'])).endpoint('vpce-api', (e) => (e.subnetIds = ['subnet-app-a']));
  if (vpc.health === 'gap') b.withGap('securityGroups', 'ec2:DescribeSecurityGroups');
  // The builder's VPC lives in us-east-1: its service names and AZs move with it.
  return JSON.parse(JSON.stringify(b.build()).replaceAll('us-east-1', region)) as Inventory;
}

export class FakeSource implements ScanSource {
  inFlight = 0;
  maxInFlight = 0;
  readonly calls: string[] = [];
  readonly finished: string[] = [];

  constructor(
    readonly regions: Record<string, FakeRegion>,
    readonly enabled: string[] = Object.keys(regions),
  ) {}

  async enabledRegions(): Promise<string[]> {
    this.calls.push('enabledRegions');
    return [...this.enabled];
  }

  async listVpcs(region: string): Promise<VpcListing[]> {
    this.calls.push(`listVpcs ${region}`);
    const r = this.regions[region] ?? {};
    await tick();
    if (r.listingFails) throw r.listingFails;
    return (r.vpcs ?? []).map((v) => ({ vpcId: v.vpcId, ...(v.name ? { name: v.name } : {}), isDefault: false }));
  }

  async collect(region: string, vpcId: string): Promise<Inventory> {
    this.calls.push(`collect ${region} ${vpcId}`);
    const vpc = this.regions[region]?.vpcs?.find((v) => v.vpcId === vpcId);
    if (!vpc) throw new DiagnoseError(`VPC ${vpcId} not found in ${region}`, 'vpc-not-found');
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    try {
      await new Promise((r) => setTimeout(r, vpc.delayMs ?? 0));
      if (vpc.throws) throw vpc.throws;
      return inventoryOf(region, vpc);
    } finally {
      this.inFlight--;
      this.finished.push(vpcId);
    }
  }
}

function tick(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

/** `vpc-` and 17 hex digits from a small number: valid ids that sort like the number. */
export function vpcId(n: number): string {
  return `vpc-${n.toString(16).padStart(17, '0')}`;
}
