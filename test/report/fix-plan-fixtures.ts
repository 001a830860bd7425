/**
 * Reports for the fix-plan tests, built the way `doctor` builds them: inventory-builder
 * inventories run through the real registry (CHECKS), engine and report model.
 */
import { CHECKS } from '../../src/checks/index';
import type { CheckOptions, CheckResult, RemediationAction } from '../../src/checks/types';
import { runChecks } from '../../src/engine/run';
import type { Inventory } from '../../src/inventory/types';
import { buildFixPlan, type FixPlan } from '../../src/report/fix-plan';
import { buildReport, type Report } from '../../src/report/model';
import { anInventory, defaultOptions } from '../helpers/inventory-builder';
import { classicVpc, result } from './fixtures';

export function reportOf(inv: Inventory, opts: Partial<CheckOptions> = {}): Report {
  const options = defaultOptions(opts);
  return buildReport({ results: runChecks(CHECKS, inv, options), inventory: inv, options, toolVersion: '0.1.0', source: 'snapshot' });
}

export function planOf(report: Report, inv?: Inventory): FixPlan {
  return buildFixPlan(report, { vpcCidrs: inv?.vpc?.cidrBlocks });
}

/** Every fixable thing broken at once: DNS attributes, ecr.api, private DNS, SG CIDR, S3 route. */
export function everythingBroken(): Inventory {
  return anInventory()
    .edit((i) => (i.vpcAttributes = { enableDnsSupport: false, enableDnsHostnames: false }))
    .withoutEndpoint('vpce-api')
    .endpoint('vpce-dkr', (e) => (e.privateDnsEnabled = false))
    .securityGroup('sg-endpoints', (g) => (g.ingress[0].ipv4Ranges = ['192.168.0.0/16']))
    .classicS3Leak()
    .build();
}

/** Private subnets with no endpoint at all: the plan must create a security group first. */
export function noEndpoints(): Inventory {
  return anInventory()
    .withoutEndpoint('vpce-api')
    .withoutEndpoint('vpce-dkr')
    .withoutEndpoint('vpce-s3')
    .routeTable('rtb-app', (rt) => (rt.routes = rt.routes.filter((r) => !r.gatewayId?.startsWith('vpce-'))))
    .build();
}

/**
 * A value an attacker could plant in a tag or a tampered snapshot: a quote to break out of '…',
 * command substitutions, a `;` and glob, terminal escapes, and HCL template sequences.
 */
export const HOSTILE = `x'$(touch PWNED1)\`touch PWNED2\`;touch PWNED3 *"\\ \u001b[2J\u001b]0;title\u0007 \${HOME} %{if true}y%{endif}\nnext`;

/** A report whose checks ask for every action kind, each carrying the hostile value. */
export function hostileReport(): Report {
  const h = HOSTILE;
  const actions: RemediationAction[] = [
    { kind: 'modify-vpc-attribute', vpcId: `vpc-${h}`, attribute: 'enableDnsHostnames' },
    { kind: 'create-interface-endpoint', vpcId: `vpc-${h}`, serviceName: `svc-${h}`, subnetIds: [`subnet-${h}`], securityGroupIds: [] },
    { kind: 'create-gateway-endpoint', vpcId: `vpc-${h}`, serviceName: `svc-${h}`, routeTableIds: [`rtb-${h}`] },
    { kind: 'enable-private-dns', endpointId: `vpce-${h}` },
    { kind: 'authorize-ingress-443', groupId: `sg-${h}`, cidrs: [`cidr-${h}`], sourceGroupIds: [`sg-src-${h}`] },
    { kind: 'associate-route-tables', endpointId: `vpce-${h}`, routeTableIds: [`rtb-${h}`] },
    { kind: 'manual', detail: `detail ${h}` },
  ];
  const results: CheckResult[] = actions.map((action, i) =>
    result(`check-${i}`, 'routing', 'fail', { remediation: [{ id: `fix-${i}`, title: `title ${h}`, why: `why ${h}`, action }] }),
  );
  const inv = classicVpc();
  inv.target.region = `us-east-1${h}`;
  inv.target.vpcId = `vpc-${h}`;
  inv.vpc!.tags = { Name: h };
  return buildReport({ results, inventory: inv, options: defaultOptions(), toolVersion: '0.1.0', source: 'snapshot' });
}
