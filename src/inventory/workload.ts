/**
 * What the workload tells about itself (ECS service, task definition, EKS cluster), turned into
 * check options: workload subnets and security groups, the platform, and the services beyond
 * ECR it calls (logs, secretsmanager, ssm). Pure. Flags given by the user always win.
 */
import type { CheckOptions, Platform } from '../checks/types';
import type { EcsService, EcsTaskDefinition, EksCluster, Inventory, WorkloadFacts } from './types';

/**
 * Fargate Linux platform version LATEST is 1.4.0: AWS moved it from 1.3.0 in March 2021
 * (what's new, 2021-03) and it still was when this table was last checked (November 2026).
 * Windows containers on Fargate have their own numbering (LATEST = 1.0.0) and the same endpoint needs.
 */
export const FARGATE_LATEST_LINUX = { version: '1.4.0', since: '2021-03', checked: '2026-11' } as const;

const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];
const PRE_14_LINUX = ['1.0.0', '1.1.0', '1.2.0', '1.3.0'];

export interface WorkloadDerivation {
  subnetIds: string[];
  securityGroupIds: string[];
  /** Undefined when the workload does not tell. */
  platform?: Platform;
  /** Short endpoint service names the workload calls beyond ECR and S3. */
  extraServices: string[];
  /** One line naming the workload, for the report; undefined without a workload. */
  description?: string;
  notes: string[];
}

export function deriveWorkload(workload: WorkloadFacts | undefined): WorkloadDerivation {
  const out: WorkloadDerivation = { subnetIds: [], securityGroupIds: [], extraServices: [], notes: [] };
  if (!workload) return out;
  const { ecsService: svc, taskDefinition: td, eksCluster: eks } = workload;
  if (svc) fromService(svc, out);
  // The task definition decides the platform only when the service did not.
  if (td) fromTaskDefinition(td, out, out.platform === undefined);
  if (eks) fromEks(eks, out);
  const parts = [svc && describeService(svc), td && `task definition ${td.family}:${td.revision}`, eks && `EKS cluster ${eks.name}`].filter(Boolean);
  if (parts.length > 0) out.description = parts.join(', ');
  return out;
}

function fromService(svc: EcsService, out: WorkloadDerivation): void {
  out.subnetIds = [...svc.subnetIds];
  out.securityGroupIds = [...svc.securityGroupIds];
  if (svc.subnetIds.length === 0) {
    out.notes.push(`ECS service ${svc.name} has no awsvpc network configuration: its tasks use their instances' subnets; name them with --subnet`);
  }
  if (svc.status !== 'ACTIVE') out.notes.push(`ECS service ${svc.name} is ${svc.status}`);
  const { platform, note } = servicePlatform(svc);
  if (platform) out.platform = platform;
  if (note) out.notes.push(note);
}

/** fargate / fargate-1.3 / ecs-ec2 from the launch type or capacity providers and the platform version. */
export function servicePlatform(svc: Pick<EcsService, 'launchType' | 'capacityProviders' | 'platformVersion' | 'platformFamily'>): { platform?: Platform; note?: string } {
  const providers = svc.capacityProviders;
  const ec2Providers = providers.filter((p) => !FARGATE_PROVIDERS.includes(p));
  if (svc.launchType === 'EXTERNAL') return { platform: 'ecs-ec2', note: 'launch type EXTERNAL (ECS Anywhere): the instances are outside AWS; judged as ECS on EC2' };
  if (svc.launchType === 'EC2' || ec2Providers.length > 0) {
    const mixed = providers.length > ec2Providers.length ? ' (mixed with Fargate providers: judged by the stricter ECS-on-EC2 needs)' : '';
    return { platform: 'ecs-ec2', note: mixed ? `capacity providers ${providers.join(', ')}${mixed}` : undefined };
  }
  if (svc.launchType !== 'FARGATE' && providers.length === 0) return { note: 'the service names neither a launch type nor a capacity provider strategy (cluster default): platform not derived' };
  return fargatePlatform(svc.platformVersion, svc.platformFamily);
}

export function fargatePlatform(version: string | undefined, family: string | undefined): { platform: Platform; note?: string } {
  const windows = /windows/i.test(family ?? '');
  const asked = version ?? 'LATEST';
  if (windows) return { platform: 'fargate', note: `Fargate Windows platform version ${asked}: needs ecr.api, ecr.dkr and S3 like Linux 1.4.0` };
  if (asked === 'LATEST') {
    const v = FARGATE_LATEST_LINUX;
    return { platform: 'fargate', note: `Fargate platform version LATEST = ${v.version} for Linux (since ${v.since}; last checked ${v.checked})` };
  }
  if (PRE_14_LINUX.includes(asked)) return { platform: 'fargate-1.3' };
  if (/^1\.4\.\d+$/.test(asked)) return { platform: 'fargate' };
  return { platform: 'fargate', note: `unknown Fargate platform version ${asked}: judged as 1.4.0` };
}

function fromTaskDefinition(td: EcsTaskDefinition, out: WorkloadDerivation, decidesPlatform: boolean): void {
  if (decidesPlatform) {
    const compat = td.requiresCompatibilities;
    if (compat.length === 1 && compat[0] === 'FARGATE') {
      const { platform, note } = fargatePlatform(undefined, td.operatingSystemFamily);
      out.platform = platform;
      out.notes.push(`task definition requires FARGATE; no service names its platform version, so ${note ?? 'LATEST is assumed'}`);
    } else if (compat.length > 0 && !compat.includes('FARGATE')) {
      out.platform = 'ecs-ec2';
    }
  }
  const extra = new Set(out.extraServices);
  for (const c of td.containers) {
    if (c.logDriver === 'awslogs') extra.add('logs');
    for (const ref of c.secrets) extra.add(secretService(ref));
    if (c.registryCredentials) extra.add('secretsmanager');
  }
  out.extraServices = [...extra];
}

/** Secrets Manager ARNs → secretsmanager; SSM parameter ARNs and bare parameter names → ssm. */
export function secretService(valueFrom: string): 'secretsmanager' | 'ssm' {
  return /^arn:aws[a-z-]*:secretsmanager:/.test(valueFrom) ? 'secretsmanager' : 'ssm';
}

function fromEks(eks: EksCluster, out: WorkloadDerivation): void {
  out.platform = 'eks';
  out.subnetIds = [...eks.subnetIds];
  out.securityGroupIds = [...new Set([...(eks.clusterSecurityGroupId ? [eks.clusterSecurityGroupId] : []), ...eks.securityGroupIds])];
  out.notes.push(`EKS cluster ${eks.name}: its subnets stand for the nodes' (pass --subnet when node groups run elsewhere); pods' images are not read, name them with --image`);
  if (eks.endpointPrivateAccess === false) {
    out.notes.push(`the cluster's API endpoint has private access off: nodes in private subnets reach it through a NAT gateway (no VPC endpoint serves it)`);
  }
}

function describeService(svc: EcsService): string {
  const cluster = svc.clusterArn.split('/').pop() ?? svc.clusterArn;
  const how = svc.launchType ?? (svc.capacityProviders.join('+') || 'default capacity provider');
  const pv = svc.platformVersion ? `, platform version ${svc.platformVersion}` : '';
  return `ECS service ${cluster}/${svc.name} (${how}${pv})`;
}

/**
 * Check options: the user's flags first, then what the workload says, then the defaults
 * (fargate, the private subnets). Other fields of `given` pass through unchanged.
 * @param platformGiven whether --platform was given (else given.platform is only the default)
 */
export function workloadOptions(inv: Inventory, given: CheckOptions, platformGiven: boolean): CheckOptions {
  const d = deriveWorkload(inv.workload);
  const notes = [...d.notes];
  if (platformGiven && d.platform && given.platform !== d.platform) notes.push(`--platform ${given.platform} overrides ${d.platform}, derived from the workload`);
  const subnetsFromWorkload = given.subnetIds.length === 0 && d.subnetIds.length > 0;
  const extra = [...new Set([...(given.extraServices ?? []), ...d.extraServices])];
  return {
    ...given,
    platform: platformGiven ? given.platform : (d.platform ?? given.platform),
    subnetIds: subnetsFromWorkload ? d.subnetIds : [...given.subnetIds],
    securityGroupIds: given.securityGroupIds.length > 0 ? [...given.securityGroupIds] : d.securityGroupIds,
    ...(extra.length > 0 ? { extraServices: extra } : {}),
    ...(subnetsFromWorkload ? { subnetSource: 'workload' as const } : given.subnetIds.length > 0 ? { subnetSource: 'flag' as const } : {}),
    ...(d.description ? { workload: { description: d.description, notes } } : {}),
  };
}

/** Why the workload does not belong to the inventory's VPC, or undefined when it does (or cannot tell). */
export function workloadVpcMismatch(inv: Inventory): string | undefined {
  const { ecsService: svc, eksCluster: eks } = inv.workload ?? {};
  const vpc = inv.target.vpcId;
  if (eks?.vpcId && eks.vpcId !== vpc) return `EKS cluster ${eks.name} is in ${eks.vpcId}, not ${vpc}`;
  const named = svc ? { what: `ECS service ${svc.name}`, subnetIds: svc.subnetIds } : eks ? { what: `EKS cluster ${eks.name}`, subnetIds: eks.subnetIds } : undefined;
  if (named && inv.subnets) {
    const outside = named.subnetIds.filter((id) => !inv.subnets!.some((s) => s.id === id));
    if (outside.length > 0) return `${named.what} runs in ${outside.join(', ')}, not in ${vpc}: omit --vpc to inspect its own VPC`;
  }
  return undefined;
}
