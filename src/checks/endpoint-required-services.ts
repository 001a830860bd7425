import { bestEndpoint, endpointsForService, isAvailable, label, serviceNameFor, sharedVpcOwner } from '../inventory/query';
import type { Inventory, VpcEndpoint } from '../inventory/types';
import { createInterfaceEndpointFix } from './endpoint-fix';
import type { Check, CheckOptions, Evidence, Outcome, Platform, Remediation } from './types';

/** required: missing → fail · recommended: missing → warn (needed only by some set-ups). */
export interface ServiceNeed {
  service: string;
  level: 'required' | 'recommended';
  why: string;
}

/** Beyond ecr.api, ecr.dkr and S3 (their own checks): what each platform calls from the private subnets. */
const PLATFORM_NEEDS: Record<Platform, ServiceNeed[]> = {
  fargate: [],
  'fargate-1.3': [],
  'ecs-ec2': [
    { service: 'ecs', level: 'required', why: 'the ECS agent registers the instance and polls for tasks through the ECS API' },
    { service: 'ecs-agent', level: 'required', why: 'the ECS agent keeps its control connection (task state, ACS) through it' },
    { service: 'ecs-telemetry', level: 'required', why: 'the ECS agent sends task metrics and health (TCS) through it' },
  ],
  eks: [
    { service: 'ec2', level: 'required', why: 'nodes and the VPC CNI call EC2 to describe instances and attach network interfaces and addresses' },
    { service: 'sts', level: 'required', why: 'pods using IAM roles for service accounts exchange their token with sts:AssumeRoleWithWebIdentity' },
    // Recommended, not required: only EKS Pod Identity uses it; clusters on IRSA never call it,
    // and nothing in the VPC tells which of the two a cluster uses.
    { service: 'eks-auth', level: 'recommended', why: 'pods using EKS Pod Identity get their credentials from eks-auth:AssumeRoleForPodIdentity (not needed with IRSA only)' },
  ],
};

/** Why a service asked for with --needs matters, for the ones users commonly name. */
const EXTRA_WHY: Record<string, string> = {
  logs: 'the awslogs log driver sends container logs to CloudWatch Logs; a task whose log stream cannot be created does not start',
  secretsmanager: 'secrets referenced in the task definition are fetched from Secrets Manager before the container starts',
  ssm: 'SSM Parameter Store parameters referenced as secrets are fetched before the container starts',
  kms: 'decrypting secrets and parameters encrypted with a customer-managed KMS key calls KMS',
  ssmmessages: 'ECS Exec and Session Manager sessions use the ssmmessages channel',
  elasticloadbalancing: 'the AWS Load Balancer Controller registers targets through the ELB API',
  xray: 'the X-Ray daemon sends traces to X-Ray',
};

/** The interface endpoints beyond ECR and S3 the platform (and --needs) require, deduplicated, in order. */
export function servicesNeeded(opts: CheckOptions): ServiceNeed[] {
  const needs = [...PLATFORM_NEEDS[opts.platform]];
  for (const raw of opts.extraServices ?? []) {
    const service = raw.trim();
    if (!service || ['ecr.api', 'ecr.dkr', 's3'].includes(service)) continue;
    const existing = needs.find((n) => n.service === service);
    // Asked for by name: it is required even when the platform only recommends it.
    if (existing) existing.level = 'required';
    else needs.push({ service, level: 'required', why: EXTRA_WHY[service] ?? `the workload calls ${service} (given with --needs)` });
  }
  return needs;
}

type Finding = { need: ServiceNeed; level: 'fail' | 'warn'; evidence: Evidence; remediation?: Remediation; text: string };

/**
 * The other services a private workload reaches: missing endpoints make agent registration,
 * logging, secrets or pod credentials time out, often before any image is pulled.
 */
export const endpointRequiredServices: Check = {
  id: 'endpoint-required-services',
  title: 'Interface endpoints for the other services the workload needs',
  stage: 'endpoints',
  needs: ['vpcEndpoints', 'subnets', 'routeTables'],
  evaluate(inv, opts): Outcome {
    const needs = servicesNeeded(opts);
    if (needs.length === 0) {
      return { status: 'skip', summary: `Platform ${opts.platform} needs no endpoint beyond ecr.api, ecr.dkr and S3 (name others with --needs, e.g. logs for awslogs).` };
    }
    const findings: Finding[] = [];
    const found: VpcEndpoint[] = [];
    for (const need of needs) {
      const endpoint = bestEndpoint(endpointsForService(inv, need.service, 'Interface'));
      if (endpoint) found.push(endpoint);
      const finding = judge(inv, opts, need, endpoint);
      if (finding) findings.push(finding);
    }
    const resources = [inv.target.vpcId, ...found.map((e) => e.id)];
    if (findings.length === 0) {
      return { status: 'pass', summary: `Endpoints exist for ${needs.map((n) => n.service).join(', ')}, available with private DNS.`, resources };
    }
    const failed = findings.some((f) => f.level === 'fail');
    return {
      status: failed ? 'fail' : 'warn',
      summary: `${findings.map((f) => f.text).join('; ')}.`,
      resources,
      evidence: findings.map((f) => f.evidence),
      remediation: findings.flatMap((f) => (f.remediation ? [f.remediation] : [])),
    };
  },
};

function judge(inv: Inventory, opts: CheckOptions, need: ServiceNeed, endpoint: VpcEndpoint | undefined): Finding | undefined {
  const serviceName = serviceNameFor(inv, need.service);
  const owner = sharedVpcOwner(inv);
  if (!endpoint && owner) {
    // A participant cannot list the owner's endpoints: unknown, not missing.
    return {
      need,
      level: 'warn',
      text: `no endpoint for ${need.service} visible, but ${inv.target.vpcId} is shared by ${owner}, whose endpoints a participant cannot see`,
      evidence: { resource: inv.target.vpcId, name: inv.vpc?.tags.Name, field: `VpcEndpoint(${serviceName})`, observed: `none visible to account ${inv.target.accountId}`, expected: 'an available Interface endpoint (possibly owned by the VPC owner)', note: need.why },
    };
  }
  if (!endpoint) {
    return {
      need,
      level: need.level === 'required' ? 'fail' : 'warn',
      text: `no endpoint for ${need.service}${need.level === 'recommended' ? ' (recommended)' : ''}: ${need.why}`,
      evidence: { resource: inv.target.vpcId, name: inv.vpc?.tags.Name, field: `VpcEndpoint(${serviceName})`, observed: 'none', expected: 'an available Interface endpoint', note: need.why },
      remediation: createInterfaceEndpointFix(inv, opts, need.service, `Without it ${need.why}, through the NAT gateway or not at all.`),
    };
  }
  if (!isAvailable(endpoint)) {
    return {
      need,
      level: need.level === 'required' ? 'fail' : 'warn',
      text: `the ${need.service} endpoint ${label(endpoint.id, endpoint.tags)} is "${endpoint.state}", not available`,
      evidence: { resource: endpoint.id, name: endpoint.tags.Name, field: 'State', observed: endpoint.state, expected: 'available', note: need.why },
    };
  }
  if (!endpoint.privateDnsEnabled) {
    // Agents and SDKs call the public service name: without private DNS they bypass the endpoint.
    return {
      need,
      level: 'warn',
      text: `the ${need.service} endpoint ${label(endpoint.id, endpoint.tags)} has private DNS off, so clients using the default ${need.service} hostname bypass it`,
      evidence: { resource: endpoint.id, name: endpoint.tags.Name, field: 'PrivateDnsEnabled', observed: 'false', expected: 'true', note: need.why },
      remediation: {
        id: `enable-private-dns:${endpoint.id}`,
        title: `Enable private DNS on the ${need.service} endpoint ${endpoint.id}`,
        why: `So that the public ${need.service} hostname resolves to the endpoint inside the VPC.`,
        action: { kind: 'enable-private-dns', endpointId: endpoint.id },
      },
    };
  }
  return undefined;
}
