/**
 * The fix plan: the remediation of every check that is not passing, one step per fix id, in an
 * order that can be applied top to bottom (private DNS needs the VPC DNS attributes, an endpoint
 * needs a security group). Pure: built from the report, plus the VPC CIDRs for a security group
 * the plan has to create. Renderers (human, cli, terraform, json) only lay it out.
 */
import type { RemediationAction } from '../checks/types';
import type { Report } from './model';

/**
 * A security group the plan creates because a new interface endpoint has none to reuse.
 * Convention: a create-interface-endpoint step with an empty securityGroupIds uses this group.
 */
export interface CreateSecurityGroupAction {
  kind: 'create-security-group';
  vpcId: string;
  groupName: string;
  description: string;
  /** TCP 443 is admitted from these: the VPC's IPv4 CIDRs. Empty when unknown (resolved at apply time). */
  ingressCidrs: string[];
}

export type PlanAction = RemediationAction | CreateSecurityGroupAction;

export interface FixStep {
  /** 1-based, in plan order. */
  number: number;
  /** The remediation id (equal ids from several checks are one step). */
  id: string;
  title: string;
  why: string;
  /** The checks this step fixes, in registry order. */
  fixes: string[];
  action: PlanAction;
}

export interface FixPlan {
  steps: FixStep[];
}

export const FIX_PLAN_FORMATS = ['human', 'cli', 'terraform'] as const;
export type FixPlanFormat = (typeof FIX_PLAN_FORMATS)[number];

export const NEW_SECURITY_GROUP_NAME = 'ecr-vpce-endpoints';

/**
 * Apply order: VPC attributes → endpoints (create) → private DNS → security groups → route
 * associations → policies → manual. A Record, so a new action kind fails to compile until it
 * has a place here (and, through the renderers' switches, a command).
 */
const PHASE: Record<PlanAction['kind'], number> = {
  'modify-vpc-attribute': 0,
  'create-security-group': 1,
  'create-interface-endpoint': 2,
  'create-gateway-endpoint': 2,
  'enable-private-dns': 3,
  'authorize-ingress-443': 4,
  'associate-route-tables': 5,
  // 6 is for endpoint policies, once a check asks for one.
  manual: 7,
};

export interface FixPlanContext {
  /** The VPC's IPv4 CIDRs (inventory.vpc.cidrBlocks), for a security group the plan creates. */
  vpcCidrs?: readonly string[];
}

type Draft = Omit<FixStep, 'number'> & { seen: number };

export function buildFixPlan(report: Report, ctx: FixPlanContext = {}): FixPlan {
  const drafts = collect(report);
  const sg = newSecurityGroup(drafts, report.target.vpcId, ctx.vpcCidrs ?? []);
  if (sg) drafts.push(sg);
  const steps = drafts
    .sort((a, b) => PHASE[a.action.kind] - PHASE[b.action.kind] || a.seen - b.seen)
    .map(({ seen: _seen, ...step }, i) => ({ number: i + 1, ...step }));
  return { steps };
}

/** One draft per remediation id, first seen first; later checks asking for it are merged in. */
function collect(report: Report): Draft[] {
  const byId = new Map<string, Draft>();
  for (const check of report.checks) {
    if (check.status === 'pass' || check.status === 'skip') continue;
    for (const r of check.remediation) {
      const known = byId.get(r.id);
      if (!known) {
        byId.set(r.id, { id: r.id, title: r.title, why: r.why, fixes: [check.id], action: r.action, seen: byId.size });
        continue;
      }
      if (!known.fixes.includes(check.id)) known.fixes.push(check.id);
      known.action = mergeAction(known.action, r.action);
    }
  }
  return [...byId.values()];
}

/**
 * Two checks asking for the same fix may each know part of it (one route table, one CIDR):
 * list fields are united. A different kind under the same id is a check bug; the first wins.
 */
function mergeAction(a: PlanAction, b: PlanAction): PlanAction {
  if (a.kind !== b.kind) return a;
  const merged: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = merged[key];
    if (Array.isArray(mine) && Array.isArray(value)) merged[key] = [...new Set([...mine, ...value])];
  }
  return merged as unknown as PlanAction;
}

/** Interface endpoints with no security group to reuse get one the plan creates first. */
function newSecurityGroup(drafts: Draft[], vpcId: string, vpcCidrs: readonly string[]): Draft | undefined {
  const needing = drafts.filter((d) => d.action.kind === 'create-interface-endpoint' && d.action.securityGroupIds.length === 0);
  if (needing.length === 0) return undefined;
  const fixes = [...new Set(needing.flatMap((d) => d.fixes))];
  const cidrs = [...vpcCidrs];
  return {
    id: `create-security-group:${vpcId}`,
    title: `Create security group ${NEW_SECURITY_GROUP_NAME} admitting TCP 443 from ${cidrs.length > 0 ? cidrs.join(', ') : 'the VPC CIDR'}`,
    why: 'The new interface endpoints need a security group that admits HTTPS from the workload; there is no ECR endpoint whose group could be reused.',
    fixes,
    action: {
      kind: 'create-security-group',
      vpcId,
      groupName: NEW_SECURITY_GROUP_NAME,
      description: 'HTTPS to the VPC interface endpoints (ecr-vpce)',
      ingressCidrs: cidrs,
    },
    seen: Math.min(...needing.map((d) => d.seen)),
  };
}
