/**
 * Reports for the format tests, built the way `doctor` builds them: builder inventories through
 * the real registry, engine, suppressions and report model.
 */
import { CHECKS } from '../../src/checks/index';
import type { CheckOptions } from '../../src/checks/types';
import type { SuppressionRule } from '../../src/config/types';
import { runChecks } from '../../src/engine/run';
import { applySuppressions } from '../../src/engine/suppress';
import type { Inventory } from '../../src/inventory/types';
import { buildReport, type Report } from '../../src/report/model';
import { anInventory, defaultOptions } from '../helpers/inventory-builder';
import { everythingBroken, HOSTILE, noEndpoints } from './fix-plan-fixtures';

export function reportWith(inv: Inventory, opts: { options?: Partial<CheckOptions>; strict?: boolean; suppress?: SuppressionRule[] } = {}): Report {
  const options = defaultOptions(opts.options);
  const { checks, suppressions } = applySuppressions(runChecks(CHECKS, inv, options), opts.suppress ?? [], inv.collectedAt);
  return buildReport({ results: checks, suppressions, inventory: inv, options, toolVersion: '0.1.0', source: 'snapshot', strict: opts.strict });
}

/** Named inventories covering every status: pass, warn, fail, skip, error. */
export const FORMAT_CASES: Record<string, () => Inventory> = {
  healthy: () => anInventory().build(),
  'classic-leak': () => anInventory().classicS3Leak().build(),
  'everything-broken': everythingBroken,
  'no-endpoints': noEndpoints,
  'denied-route-tables': () => anInventory().withGap('routeTables', 'ec2:DescribeRouteTables').build(),
  'az-warning': () =>
    anInventory()
      .endpoint('vpce-api', (e) => (e.subnetIds = ['subnet-app-a']))
      .endpoint('vpce-dkr', (e) => (e.subnetIds = ['subnet-app-a']))
      .build(),
};

/** A VPC whose Name tags and ids carry Markdown, HTML, Mermaid, XML and terminal payloads. */
export function hostileInventory(): Inventory {
  return anInventory()
    .classicS3Leak()
    .edit((inv) => {
      inv.vpc!.tags.Name = `${HOSTILE} ]]> <script>alert(1)</script> [x](https://evil.example) @org/team \u0000`;
      for (const s of inv.subnets ?? []) s.tags.Name = `"]; click s "https://evil.example" ${HOSTILE} \`\`\` </details> --> |x|`;
      for (const rt of inv.routeTables ?? []) rt.tags.Name = `<img src=x onerror=alert(1)> ${HOSTILE}`;
    })
    .build();
}
