/**
 * The fix plan as a POSIX sh script of AWS CLI commands (v1 and v2 syntax alike). Printed, never
 * run by us. Every value is cleaned and single-quoted (shell-quote.ts); the one value we cannot
 * know in advance, a new security group's id, is captured in the script with --query/--output
 * text, so the script runs as printed. Nothing here deletes or replaces anything.
 */
import type { FixPlan, FixStep, PlanAction } from './fix-plan';
import type { Report } from './model';
import { clean } from './sanitize';
import { shellComment, shellQuote as q } from './shell-quote';

/** The shell variable holding the id of the security group the script creates. */
export const NEW_SG_VAR = 'SG_ID';
const NEW_SG_REF = `"$${NEW_SG_VAR}"`;

const RULE_DESCRIPTION = 'HTTPS to the ECR endpoints (ecr-vpce)';

export function renderFixPlanCli(report: Report, plan: FixPlan): string {
  const { target } = report;
  const vpc = target.vpcName ? `${target.vpcId} (${target.vpcName})` : target.vpcId;
  const out = [
    '#!/bin/sh',
    shellComment(`ecr-vpce fix plan for ${vpc} in ${target.region}${target.accountId ? `, account ${target.accountId}` : ''}.`),
    shellComment(`From the inventory collected at ${report.generatedAt}. Review it, then run it with credentials allowed to change the VPC.`),
    shellComment('It only creates and modifies; nothing is deleted. Rerun `ecr-vpce doctor` afterwards.'),
    'set -eu',
  ];
  if (plan.steps.length === 0) out.push('', shellComment('Nothing to fix: no failing or warning check asks for a change.'));
  for (const step of plan.steps) {
    out.push('', ...stepHeader(step), ...stepCommands(step, target.region));
  }
  return out.join('\n') + '\n';
}

function stepHeader(step: FixStep): string[] {
  return [
    shellComment(`Step ${step.number}: ${step.title}`),
    shellComment(`why: ${step.why}`),
    shellComment(`fixes: ${step.fixes.join(', ')}`),
  ];
}

/** The lines (commands, or comments for a manual step) that carry out one step. */
export function stepCommands(step: FixStep, region: string): string[] {
  const ec2 = (sub: string) => `aws ec2 ${sub} --region ${q(region)}`;
  const a: PlanAction = step.action;
  switch (a.kind) {
    case 'modify-vpc-attribute': {
      // One attribute per call: the API refuses both at once.
      const flag = a.attribute === 'enableDnsSupport' ? '--enable-dns-support' : '--enable-dns-hostnames';
      return [`${ec2('modify-vpc-attribute')} --vpc-id ${q(a.vpcId)} ${flag} ${q('{"Value":true}')}`];
    }
    case 'create-security-group':
      return createSecurityGroup(ec2, a);
    case 'create-interface-endpoint': {
      const groups = a.securityGroupIds.length > 0 ? a.securityGroupIds.map(q).join(' ') : NEW_SG_REF;
      return [
        ...(a.subnetIds.length === 0 ? [shellComment('No workload subnet is known: add --subnet-ids (one subnet per Availability Zone).')] : []),
        `${ec2('create-vpc-endpoint')} --vpc-id ${q(a.vpcId)} --vpc-endpoint-type Interface --service-name ${q(a.serviceName)}` +
          ` --private-dns-enabled${list('--subnet-ids', a.subnetIds)} --security-group-ids ${groups}` +
          ` --query ${q('VpcEndpoint.VpcEndpointId')} --output text`,
      ];
    }
    case 'create-gateway-endpoint':
      return [
        `${ec2('create-vpc-endpoint')} --vpc-id ${q(a.vpcId)} --vpc-endpoint-type Gateway --service-name ${q(a.serviceName)}` +
          `${list('--route-table-ids', a.routeTableIds)} --query ${q('VpcEndpoint.VpcEndpointId')} --output text`,
      ];
    case 'enable-private-dns':
      return [`${ec2('modify-vpc-endpoint')} --vpc-endpoint-id ${q(a.endpointId)} --private-dns-enabled`];
    case 'authorize-ingress-443':
      return [`${ec2('authorize-security-group-ingress')} --group-id ${q(a.groupId)} --ip-permissions ${q(ipPermissions(a.cidrs, a.sourceGroupIds))}`];
    case 'associate-route-tables':
      return [`${ec2('modify-vpc-endpoint')} --vpc-endpoint-id ${q(a.endpointId)}${list('--add-route-table-ids', a.routeTableIds)}`];
    case 'manual':
      return [shellComment(`Manual: ${a.detail}`)];
  }
}

function createSecurityGroup(ec2: (sub: string) => string, a: Extract<PlanAction, { kind: 'create-security-group' }>): string[] {
  const create =
    `${NEW_SG_VAR}=$(${ec2('create-security-group')} --vpc-id ${q(a.vpcId)} --group-name ${q(a.groupName)}` +
    ` --description ${q(a.description)} --query ${q('GroupId')} --output text)`;
  if (a.ingressCidrs.length > 0) {
    return [create, `${ec2('authorize-security-group-ingress')} --group-id ${NEW_SG_REF} --ip-permissions ${q(ipPermissions(a.ingressCidrs, []))}`];
  }
  // The VPC's CIDRs were not collected: read the primary one when the script runs.
  return [
    create,
    `VPC_CIDR=$(${ec2('describe-vpcs')} --vpc-ids ${q(a.vpcId)} --query ${q('Vpcs[0].CidrBlock')} --output text)`,
    `${ec2('authorize-security-group-ingress')} --group-id ${NEW_SG_REF} --protocol tcp --port 443 --cidr "$VPC_CIDR"`,
  ];
}

/**
 * One tcp/443 permission for several CIDRs and source groups (the JSON form both CLIs accept).
 * Values are cleaned before encoding: JSON would otherwise carry an escape through as \u001b.
 */
function ipPermissions(rawCidrs: readonly string[], rawGroupIds: readonly string[]): string {
  const cidrs = rawCidrs.map(clean);
  const groupIds = rawGroupIds.map(clean);
  return JSON.stringify([
    {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      ...(cidrs.length > 0 ? { IpRanges: cidrs.map((CidrIp) => ({ CidrIp, Description: RULE_DESCRIPTION })) } : {}),
      ...(groupIds.length > 0 ? { UserIdGroupPairs: groupIds.map((GroupId) => ({ GroupId, Description: RULE_DESCRIPTION })) } : {}),
    },
  ]);
}

/** ` --flag 'a' 'b'`, or nothing for an empty list (the option then keeps its default). */
function list(flag: string, values: readonly string[]): string {
  return values.length > 0 ? ` ${flag} ${values.map(q).join(' ')}` : '';
}
