import type { Inventory, InventoryPart } from '../inventory/types';

/** error = the check could not be evaluated (a gap in what it needs, or it crashed). */
export type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'error';

export type Stage = 'dns' | 'endpoints' | 'security' | 'routing' | 'traffic' | 'registry';

export const STAGES: readonly Stage[] = ['dns', 'endpoints', 'security', 'routing', 'traffic', 'registry'];

export type Platform = 'fargate' | 'fargate-1.3' | 'ecs-ec2' | 'eks';

export const PLATFORMS: readonly Platform[] = ['fargate', 'fargate-1.3', 'ecs-ec2', 'eks'];

/** One observed fact behind a verdict: what the JSON consumer, fix plan and human renderer read. */
export interface Evidence {
  /** The AWS resource id (vpc-…, subnet-…, sg-…, vpce-…, rtb-…). */
  resource: string;
  /** The resource's Name tag, when it has one. */
  name?: string;
  field: string;
  observed: string;
  expected: string;
  /** Optional one-line note, e.g. why the observed value matters. */
  note?: string;
}

/**
 * A remediation step. Two checks asking for the same fix use the same `id`, so the fix plan
 * shows it once. `action` is structured so renderers (CLI, Terraform) can build commands.
 */
export interface Remediation {
  id: string;
  title: string;
  why: string;
  action: RemediationAction;
}

export type RemediationAction =
  | { kind: 'modify-vpc-attribute'; vpcId: string; attribute: 'enableDnsSupport' | 'enableDnsHostnames' }
  | {
      kind: 'create-interface-endpoint';
      vpcId: string;
      serviceName: string;
      subnetIds: string[];
      securityGroupIds: string[];
    }
  | { kind: 'create-gateway-endpoint'; vpcId: string; serviceName: string; routeTableIds: string[] }
  | { kind: 'enable-private-dns'; endpointId: string }
  | { kind: 'associate-route-tables'; endpointId: string; routeTableIds: string[] }
  | { kind: 'authorize-ingress-443'; groupId: string; cidrs: string[]; sourceGroupIds: string[] }
  | { kind: 'manual'; detail: string };

export interface Outcome {
  status: Status;
  summary: string;
  /** The resources this verdict is about (ids), for grouping and suppression. */
  resources?: string[];
  evidence?: Evidence[];
  remediation?: Remediation[];
}

export interface CheckOptions {
  platform: Platform;
  /** --subnet: explicit workload subnets (overrides the private-subnet heuristic). */
  subnetIds: string[];
  /** --security-group: the workload's security groups. */
  securityGroupIds: string[];
  /**
   * --needs: services the workload reaches beyond ECR and S3, as short names ("logs" for the
   * awslogs driver, "secretsmanager"/"ssm" for secrets). Optional so that callers predating the
   * flag still compile; absent means none.
   */
  extraServices?: string[];
  /** --image URIs of this run, on top of those the inventory's workload names. */
  images?: string[];
  /** Where subnetIds came from: --subnet, or the ECS service / EKS cluster (absent: none given). */
  subnetSource?: 'flag' | 'workload';
  /** What was derived from --ecs-service / --ecs-task-definition / --eks-cluster, for the report. */
  workload?: { description: string; notes: string[] };
  /** --lookback in seconds: nat-image-traffic judges only the last this-many seconds of the metrics. */
  lookbackSeconds?: number;
  /** --nat-price-per-gb (USD); absent: the region's list price (inventory/nat-price.ts). */
  natPricePerGb?: number;
}

export interface Check {
  /** Stable, kebab-case id from CHECKS.md: a contract with users and CI. */
  id: string;
  title: string;
  stage: Stage;
  /** What it reads: a gap in any of these turns the result into `error`. */
  needs: InventoryPart[];
  evaluate(inv: Inventory, opts: CheckOptions): Outcome;
}

export interface CheckResult extends Required<Omit<Outcome, 'resources' | 'evidence' | 'remediation'>> {
  id: string;
  title: string;
  stage: Stage;
  resources: string[];
  evidence: Evidence[];
  remediation: Remediation[];
}
