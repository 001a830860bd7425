/**
 * The fix plan as Terraform (AWS provider ≥ 4.56 for aws_vpc_security_group_ingress_rule), in
 * the shape people already write: aws_vpc_endpoint resources, route table associations, one
 * ingress rule per source. Existing resources are referenced by id as string literals; settings
 * that are attributes of a resource the user already manages (VPC DNS, an endpoint's private
 * DNS) become comments saying which attribute to set, since a second resource would fight it.
 */
import type { FixPlan, FixStep, PlanAction } from './fix-plan';
import { hclBlock, hclComment, hclIdentifier, type HclBlock, type HclValue } from './hcl';
import type { Report } from './model';

const RULE_DESCRIPTION = 'HTTPS to the ECR endpoints (ecr-vpce)';

/** Label bookkeeping: resource labels must be unique per type; the new group is referenced. */
interface Ctx {
  used: Set<string>;
  newGroupRef?: string;
}

export function renderFixPlanTerraform(report: Report, plan: FixPlan): string {
  const { target } = report;
  const vpc = target.vpcName ? `${target.vpcId} (${target.vpcName})` : target.vpcId;
  const header = [
    hclComment(`ecr-vpce fix plan for ${vpc} in ${target.region}${target.accountId ? `, account ${target.accountId}` : ''}.`),
    hclComment(`From the inventory collected at ${report.generatedAt}. Existing resources are referenced by id;`),
    hclComment('use your own references where Terraform already manages them. Review with `terraform plan`.'),
  ];
  const ctx: Ctx = { used: new Set() };
  const sections = plan.steps.map((step) => [...stepHeader(step), ...stepBody(step, ctx)].join('\n'));
  if (sections.length === 0) sections.push(hclComment('Nothing to fix: no failing or warning check asks for a change.'));
  return [header.join('\n'), ...sections].join('\n\n') + '\n';
}

function stepHeader(step: FixStep): string[] {
  return [
    hclComment(`Step ${step.number}: ${step.title}`),
    hclComment(`why: ${step.why}`),
    hclComment(`fixes: ${step.fixes.join(', ')}`),
  ];
}

function stepBody(step: FixStep, ctx: Ctx): string[] {
  const a: PlanAction = step.action;
  switch (a.kind) {
    case 'modify-vpc-attribute': {
      const attr = a.attribute === 'enableDnsSupport' ? 'enable_dns_support' : 'enable_dns_hostnames';
      return [hclComment(`Set ${attr} = true on the aws_vpc resource that manages ${a.vpcId} (an attribute of that resource).`)];
    }
    case 'create-security-group':
      return createSecurityGroup(a, ctx);
    case 'create-interface-endpoint': {
      const groups: HclValue = a.securityGroupIds.length > 0 ? a.securityGroupIds : { raw: `[${ctx.newGroupRef ?? 'null'}]` };
      return blocks(
        endpointBlock(ctx, a, 'Interface', [
          ['private_dns_enabled', { raw: 'true' }],
          ['subnet_ids', a.subnetIds],
          ['security_group_ids', groups],
        ]),
      );
    }
    case 'create-gateway-endpoint':
      return blocks(endpointBlock(ctx, a, 'Gateway', [['route_table_ids', a.routeTableIds]]));
    case 'enable-private-dns':
      return [hclComment(`Set private_dns_enabled = true on the aws_vpc_endpoint resource that manages ${a.endpointId} (an attribute of that resource).`)];
    case 'authorize-ingress-443':
      return blocks(
        ...a.cidrs.map((cidr) => ingressRule(ctx, a.groupId, a.groupId, ['cidr_ipv4', cidr])),
        ...a.sourceGroupIds.map((src) => ingressRule(ctx, a.groupId, a.groupId, ['referenced_security_group_id', src])),
      );
    case 'associate-route-tables':
      return blocks(
        ...a.routeTableIds.map((rt) => ({
          type: 'resource',
          labels: ['aws_vpc_endpoint_route_table_association', label(ctx, 'aws_vpc_endpoint_route_table_association', `${a.endpointId}_${rt}`)],
          attributes: [
            ['route_table_id', rt],
            ['vpc_endpoint_id', a.endpointId],
          ] as HclBlock['attributes'],
        })),
      );
    case 'manual':
      return [hclComment(`Manual: ${a.detail}`)];
  }
}

function createSecurityGroup(a: Extract<PlanAction, { kind: 'create-security-group' }>, ctx: Ctx): string[] {
  const name = label(ctx, 'aws_security_group', a.groupName);
  ctx.newGroupRef = `aws_security_group.${name}.id`;
  const group: HclBlock = {
    type: 'resource',
    labels: ['aws_security_group', name],
    attributes: [
      ['name', a.groupName],
      ['description', a.description],
      ['vpc_id', a.vpcId],
    ],
  };
  const ref = { raw: ctx.newGroupRef };
  if (a.ingressCidrs.length > 0) {
    return blocks(group, ...a.ingressCidrs.map((cidr) => ingressRule(ctx, ref, a.groupName, ['cidr_ipv4', cidr])));
  }
  // The VPC's CIDRs were not collected: let Terraform read the primary one.
  const data = label(ctx, 'data.aws_vpc', a.vpcId);
  return blocks(
    { type: 'data', labels: ['aws_vpc', data], attributes: [['id', a.vpcId]] },
    group,
    ingressRule(ctx, ref, a.groupName, ['cidr_ipv4', { raw: `data.aws_vpc.${data}.cidr_block` }]),
  );
}

function ingressRule(ctx: Ctx, groupId: HclValue, groupLabel: string, source: [string, HclValue]): HclBlock {
  const sourceLabel = typeof source[1] === 'string' ? source[1] : 'vpc';
  return {
    type: 'resource',
    labels: ['aws_vpc_security_group_ingress_rule', label(ctx, 'aws_vpc_security_group_ingress_rule', `${groupLabel}_https_${sourceLabel}`)],
    attributes: [
      ['security_group_id', groupId],
      ['description', RULE_DESCRIPTION],
      ['ip_protocol', 'tcp'],
      ['from_port', { raw: '443' }],
      ['to_port', { raw: '443' }],
      source,
    ],
  };
}

/** Blocks separated by a blank line, as `terraform fmt` leaves them. */
/** An aws_vpc_endpoint resource: the attributes every type shares, then the type's own. */
function endpointBlock(
  ctx: Ctx,
  a: { vpcId: string; serviceName: string },
  type: 'Interface' | 'Gateway',
  own: Array<[string, HclValue]>,
): HclBlock {
  return {
    type: 'resource',
    labels: ['aws_vpc_endpoint', label(ctx, 'aws_vpc_endpoint', shortService(a.serviceName))],
    attributes: [['vpc_id', a.vpcId], ['service_name', a.serviceName], ['vpc_endpoint_type', type], ...own],
  };
}

function blocks(...list: HclBlock[]): string[] {
  return list.flatMap((b, i) => [...(i > 0 ? [''] : []), ...hclBlock(b)]);
}

/** A label unique within its resource type: "ecr_dkr", then "ecr_dkr_2"… */
function label(ctx: Ctx, type: string, base: string): string {
  const id = hclIdentifier(base) || 'fix';
  let candidate = id;
  for (let n = 2; ctx.used.has(`${type}.${candidate}`); n++) candidate = `${id}_${n}`;
  ctx.used.add(`${type}.${candidate}`);
  return candidate;
}

/** "com.amazonaws.us-east-1.ecr.dkr" → "ecr.dkr" (China: "cn.com.amazonaws.cn-north-1.ecr.dkr"). */
function shortService(serviceName: string): string {
  return serviceName.replace(/^(cn\.)?com\.amazonaws\.[a-z0-9-]+\./, '');
}
