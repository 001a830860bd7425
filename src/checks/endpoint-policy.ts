import { allowsNamingAction, evaluatePolicy, parsePolicy, type ParsedPolicy } from '../inventory/iam-policy';
import {
  bestEndpoint,
  effectiveRouteTable,
  endpointsForService,
  label,
  s3GatewayEndpointsOn,
  workloadSubnets,
} from '../inventory/query';
import type { Inventory, VpcEndpoint } from '../inventory/types';
import type { Check, CheckOptions, Evidence, Outcome, Remediation } from './types';

interface Requirement {
  action: string;
  resource: string;
  /** recommended: refused → warn only. */
  level: 'required' | 'recommended';
  /** The resource stands for "any repository": an Allow naming other ARNs may still cover the workload's. */
  anyRepository?: boolean;
}

interface Finding {
  level: 'fail' | 'warn';
  evidence: Evidence;
  /** The action to add to the policy, when adding it is the fix. */
  missing?: Requirement;
  /** The Deny statements refusing it, when narrowing them is the fix. */
  denied?: { action: string; statements: string[] };
}

/**
 * What each endpoint must let through for a pull. The auth token comes from the ECR API
 * (ecr.api); manifests and layer URLs from the registry (ecr.dkr), whose requests are authorised
 * as ecr:BatchGetImage / ecr:GetDownloadUrlForLayer. BatchCheckLayerAvailability is part of
 * AWS's pull policies and used by some clients: recommended. Layers: s3:GetObject on the
 * starport bucket of the region.
 */
function requirements(inv: Inventory, service: 'ecr.api' | 'ecr.dkr' | 's3'): Requirement[] {
  const { partition, region, accountId } = inv.target;
  // A repository name no specific pattern would name: only a wildcard covering every repository matches it.
  const repo = `arn:${partition}:ecr:${region}:${accountId ?? '000000000000'}:repository/ecr-vpce-any-repository`;
  if (service === 'ecr.api') return [{ action: 'ecr:GetAuthorizationToken', resource: '*', level: 'required' }];
  if (service === 'ecr.dkr') {
    return [
      { action: 'ecr:BatchGetImage', resource: repo, level: 'required', anyRepository: true },
      { action: 'ecr:GetDownloadUrlForLayer', resource: repo, level: 'required', anyRepository: true },
      { action: 'ecr:BatchCheckLayerAvailability', resource: repo, level: 'recommended', anyRepository: true },
    ];
  }
  return [{ action: 's3:GetObject', resource: `${starportBucketArn(inv)}/any-layer`, level: 'required' }];
}

export function starportBucketArn(inv: Inventory): string {
  return `arn:${inv.target.partition}:s3:::prod-${inv.target.region}-starport-layer-bucket`;
}

/**
 * Endpoint policies are a second gate after IAM: a policy copied from another service, or one
 * restricted to a bucket list that forgets the ECR layer bucket, refuses pulls with AccessDenied
 * that looks like an IAM problem. No policy document means AWS's default, full access.
 */
export const endpointPolicy: Check = {
  id: 'endpoint-policy',
  title: 'Endpoint policies allow the ECR pull',
  stage: 'security',
  needs: ['vpcEndpoints', 'subnets', 'routeTables'],
  evaluate(inv, opts): Outcome {
    const targets = endpointsToJudge(inv, opts);
    if (targets.length === 0) return { status: 'skip', summary: 'No ECR or S3 endpoint whose policy could be checked.' };
    const evidence: Evidence[] = [];
    const remediation: Remediation[] = [];
    let failed = false;
    for (const { service, endpoint } of targets) {
      const findings = judge(inv, service, endpoint);
      failed ||= findings.some((f) => f.level === 'fail');
      evidence.push(...findings.map((f) => f.evidence));
      const missing = findings.flatMap((f) => (f.missing ? [f.missing] : []));
      if (missing.length > 0) remediation.push(fixFor(inv, service, endpoint, missing));
      const denied = findings.flatMap((f) => (f.denied ? [f.denied] : []));
      if (denied.length > 0) remediation.push(narrowDeny(endpoint, denied));
    }
    const resources = targets.map((t) => t.endpoint.id);
    if (evidence.length === 0) {
      return { status: 'pass', summary: `The policies of ${targets.map((t) => `${t.service} ${t.endpoint.id}`).join(', ')} allow the ECR pull (auth token, manifests, layer URLs, and s3:GetObject on the layer bucket).`, resources };
    }
    const affected = [...new Set(evidence.map((e) => e.resource))];
    return {
      status: failed ? 'fail' : 'warn',
      summary: `${evidence.map((e) => `${e.resource}: ${e.observed}`).join('; ')}.${failed ? ' Pulls through ' + (affected.length === 1 ? 'it' : 'them') + ' fail with AccessDenied.' : ''}`,
      resources,
      evidence,
      remediation,
    };
  },
};

type Service = 'ecr.api' | 'ecr.dkr' | 's3';

/** The ECR endpoints in use, and the S3 endpoint(s) serving the workload's route tables. */
function endpointsToJudge(inv: Inventory, opts: CheckOptions): { service: Service; endpoint: VpcEndpoint }[] {
  const out: { service: Service; endpoint: VpcEndpoint }[] = [];
  const ecr: Service[] = opts.platform === 'fargate-1.3' ? ['ecr.dkr'] : ['ecr.dkr', 'ecr.api'];
  for (const service of ecr) {
    const endpoint = bestEndpoint(endpointsForService(inv, service, 'Interface'));
    if (endpoint) out.push({ service, endpoint });
  }
  const tables = workloadSubnets(inv, opts.subnetIds).subnets.map((s) => effectiveRouteTable(inv, s.id)).filter((rt) => !!rt);
  const serving = [...new Map(tables.flatMap((rt) => s3GatewayEndpointsOn(inv, rt)).map((e) => [e.id, e])).values()];
  const s3 = serving.length > 0 ? serving : [bestEndpoint(endpointsForService(inv, 's3', 'Gateway')) ?? bestEndpoint(endpointsForService(inv, 's3', 'Interface'))];
  for (const endpoint of s3) if (endpoint) out.push({ service: 's3', endpoint });
  return out;
}

function judge(inv: Inventory, service: Service, endpoint: VpcEndpoint): Finding[] {
  const policy = parsePolicy(endpoint.policyDocument);
  const base = { resource: endpoint.id, name: endpoint.tags.Name, field: 'PolicyDocument' };
  if (!policy.ok) {
    return [{ level: 'warn', evidence: { ...base, observed: `policy could not be read: ${policy.error}`, expected: 'a JSON policy document' } }];
  }
  return requirements(inv, service).flatMap((req) => {
    const finding = judgeOne(policy, req);
    return finding ? [{ ...finding, evidence: { ...base, ...finding.evidence } }] : [];
  });
}

function judgeOne(policy: ParsedPolicy & { ok: true }, req: Requirement): Omit<Finding, 'evidence'> & { evidence: Omit<Evidence, 'resource' | 'field'> } | undefined {
  const d = evaluatePolicy(policy, req);
  const expected = `Allow ${req.action} on ${req.anyRepository ? 'the workload\'s repositories' : req.resource.replace(/\/any-layer$/, '/*')} for Principal "*"`;
  const refused = req.level === 'required' ? 'fail' : 'warn';
  if (d.decision === 'allow') return undefined;
  if (d.decision === 'uncertain') {
    return { level: 'warn', evidence: { observed: `${req.action} is allowed only conditionally`, expected, note: d.reasons.join('; ') } };
  }
  if (d.decision === 'deny') {
    return {
      level: refused,
      evidence: { observed: `${req.action} is denied by statement ${d.statements.join(', ')}`, expected, note: 'an explicit Deny wins over any Allow' },
      denied: { action: req.action, statements: d.statements },
    };
  }
  const naming = req.anyRepository ? allowsNamingAction(policy, req.action) : [];
  if (naming.length > 0) {
    const where = [...new Set(naming.flatMap((s) => s.resources ?? s.notResources?.map((r) => `not ${r}`) ?? []))];
    return { level: 'warn', evidence: { observed: `${req.action} is allowed only on ${where.join(', ')}`, expected, note: 'pulls of images in other repositories are refused' } };
  }
  return { level: refused, evidence: { observed: `${req.action} is not allowed by any statement`, expected, note: req.level === 'recommended' ? 'recommended: some clients check layer availability before downloading' : undefined }, missing: req };
}

function fixFor(inv: Inventory, service: Service, endpoint: VpcEndpoint, missing: Requirement[]): Remediation {
  const resource = service === 's3' ? `${starportBucketArn(inv)}/*` : '*';
  const statement = { Sid: 'AllowEcrPull', Effect: 'Allow', Principal: '*', Action: missing.map((m) => m.action), Resource: resource };
  return {
    id: `endpoint-policy:${endpoint.id}`,
    title: `Add ${missing.map((m) => m.action).join(', ')} to the policy of the ${service} endpoint ${label(endpoint.id, endpoint.tags)}`,
    why: service === 's3' ? 'ECR image layers are downloaded from the starport layer bucket through this endpoint.' : 'The ECR pull calls these actions through this endpoint.',
    action: {
      kind: 'manual',
      detail: `Add the statement ${JSON.stringify(statement)} to the policy, then: aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${endpoint.id} --policy-document file://policy.json`,
    },
  };
}

function narrowDeny(endpoint: VpcEndpoint, denied: { action: string; statements: string[] }[]): Remediation {
  const statements = [...new Set(denied.flatMap((d) => d.statements))];
  const actions = denied.map((d) => d.action);
  return {
    id: `endpoint-policy-deny:${endpoint.id}`,
    title: `Narrow the Deny statement(s) ${statements.join(', ')} of ${endpoint.id} so they no longer match ${actions.join(', ')}`,
    why: 'An explicit Deny in an endpoint policy refuses the call whatever IAM allows.',
    action: { kind: 'manual', detail: `aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${endpoint.id} --query 'VpcEndpoints[0].PolicyDocument' --output text` },
  };
}
