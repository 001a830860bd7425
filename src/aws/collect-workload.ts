/**
 * The workload's side of the collection, run beside the VPC's waves:
 *
 *   wave 1  ecs:DescribeServices, eks:DescribeCluster, ecr:DescribePullThroughCacheRules
 *           (and ecs:DescribeTaskDefinition when --ecs-task-definition names it)
 *   wave 2  ecs:DescribeTaskDefinition of the service's task definition
 *   wave 3  ecr:DescribeImages, once the images and the account (sts, VPC wave 1) are known
 *
 * Without --vpc the VPC is read from the workload first (EKS: the cluster's vpcId; ECS: the
 * VPC of the service's first subnet, one ec2:DescribeSubnets) and the VPC waves follow.
 * A denied call is a gap on its part; a workload that does not exist is bad input (exit 2).
 */
import { imageQuestions, imagesOf } from '../inventory/images';
import type { EcrImageLookup, Gap, PullThroughCacheRule, WorkloadFacts, WorkloadRequest } from '../inventory/types';
import { DiagnoseError } from '../util/errors';
import type { AwsClients } from './clients';
import {
  describeEcsService,
  describeEksCluster,
  describePullThroughCacheRules,
  describeTaskDefinition,
  lookUpImages,
  vpcOfSubnet,
} from './describe-workload';
import { errorCode, errorMessage, fatalFailure, toGap } from './failures';
import { OPERATIONS } from './operations';
import { attempt, type Outcome } from './outcome';

export interface WorkloadTarget {
  /** The flags as given: recorded in the inventory. */
  request: WorkloadRequest;
  /** --ecs-service, parsed. */
  ecsService?: { cluster: string; service: string };
}

export interface WorkloadParts {
  workload?: WorkloadFacts;
  pullThroughCache?: PullThroughCacheRule[];
  ecrImages?: EcrImageLookup[];
  gaps: Gap[];
}

export interface WorkloadCollection {
  /** The VPC the workload runs in (when --vpc is not given); a DiagnoseError when it cannot be told. */
  vpcId(): Promise<string>;
  /** The rest, once the VPC waves know the account: the inventory fields and their gaps. */
  finish(accountId: string | undefined): Promise<WorkloadParts>;
}

export function hasWorkload(target: WorkloadTarget | undefined): target is WorkloadTarget {
  const r = target?.request;
  return !!r && (!!r.ecsService || !!r.ecsTaskDefinition || !!r.eksCluster || r.images.length > 0);
}

const NOTHING: WorkloadCollection = {
  vpcId: () => Promise.reject(new DiagnoseError('Missing --vpc (or --ecs-service / --eks-cluster to derive it).', 'bad-input')),
  finish: async () => ({ gaps: [] }),
};

export function startWorkload(clients: AwsClients, region: string, target: WorkloadTarget | undefined, where: string): WorkloadCollection {
  if (!hasWorkload(target)) return NOTHING;
  const { request } = target;
  const svc = target.ecsService;
  const service = svc ? attempt(OPERATIONS.describeEcsServices, () => describeEcsService(clients.ecs, svc.cluster, svc.service)) : undefined;
  const cluster = request.eksCluster ? attempt(OPERATIONS.describeEksCluster, () => describeEksCluster(clients.eks, request.eksCluster!)) : undefined;
  // An explicit task definition wins over the service's (checking a revision before deploying it).
  const named = request.ecsTaskDefinition;
  const taskDef = named
    ? attempt(OPERATIONS.describeTaskDefinition, () => describeTaskDefinition(clients.ecs, named))
    : service?.then((s) => (s.ok && s.value.taskDefinitionArn ? attempt(OPERATIONS.describeTaskDefinition, () => describeTaskDefinition(clients.ecs, s.value.taskDefinitionArn)) : undefined));
  // Rules matter only when there are images: an EKS cluster alone names none.
  const mayHaveImages = !!svc || !!named || request.images.length > 0;
  const rules = mayHaveImages ? attempt(OPERATIONS.describePullThroughCacheRules, () => describePullThroughCacheRules(clients.ecr)) : undefined;

  return {
    async vpcId() {
      // EKS names its VPC; otherwise the VPC of the workload's first subnet (one DescribeSubnets).
      const named = cluster ? unwrap(await cluster, where) : service ? unwrap(await service, where) : undefined;
      if (!named) throw new DiagnoseError('Missing --vpc: only --ecs-service and --eks-cluster name a VPC to derive it from.', 'bad-input');
      if ('vpcId' in named && named.vpcId) return named.vpcId;
      const what = 'clusterArn' in named ? `ECS service ${named.name}` : `EKS cluster ${named.name}`;
      const first = named.subnetIds[0];
      if (!first) throw new DiagnoseError(`${what} has no awsvpc subnets to derive the VPC from: pass --vpc`, 'bad-input');
      const vpc = unwrap(await attempt(OPERATIONS.describeSubnets, () => vpcOfSubnet(clients.ec2, first)), where);
      if (vpc) return vpc;
      throw new DiagnoseError(`Subnet ${first} of ${what} not found: pass --vpc`, 'workload-not-found');
    },

    async finish(accountId) {
      const [s, td, eks, ptc] = await Promise.all([service, taskDef, cluster, rules]);
      const outcomes = [s, td, eks, ptc].filter((o): o is NonNullable<typeof o> => !!o);
      // A name that does not exist is the user's to fix: stop, as for an unknown VPC.
      for (const o of outcomes) if (!o.ok && o.error instanceof DiagnoseError) throw o.error;
      const gaps = outcomes.flatMap((o) => (o.ok ? [] : [toGap(o.op, o.error)]));
      const workload: WorkloadFacts = {
        request,
        ...(s?.ok ? { ecsService: s.value } : {}),
        ...(td?.ok ? { taskDefinition: td.value } : {}),
        ...(eks?.ok ? { eksCluster: eks.value } : {}),
      };
      const parts: WorkloadParts = { workload, gaps, ...(ptc?.ok ? { pullThroughCache: ptc.value } : {}) };
      const ecrImages = await lookUp(workload, accountId, ptc?.ok ? ptc.value : []);
      if (ecrImages && !ecrImages.ok) gaps.push(toGap(ecrImages.op, ecrImages.error));
      else if (ecrImages) parts.ecrImages = ecrImages.value;
      return parts;
    },
  };

  /** Wave 3: DescribeImages for the images of this account and region (and their cache copies). */
  function lookUp(workload: WorkloadFacts, accountId: string | undefined, ptcRules: PullThroughCacheRule[]) {
    const images = imagesOf(workload);
    if (!accountId || images.length === 0) return undefined;
    const questions = imageQuestions(images, { region, accountId }, ptcRules);
    if (questions.length === 0) return undefined;
    return attempt(OPERATIONS.describeImages, () => lookUpImages(clients.ecr, accountId, questions));
  }
}

/** The value, or the DiagnoseError saying why the VPC cannot be derived from the workload. */
function unwrap<T>(o: Outcome<T>, where: string): T {
  if (o.ok) return o.value;
  if (o.error instanceof DiagnoseError) throw o.error;
  const fatal = fatalFailure(o.error, where);
  if (fatal) throw fatal;
  const code = errorCode(o.error);
  const denied = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/.test(code);
  throw new DiagnoseError(
    `Cannot derive the VPC from the workload: ${o.op.call} failed (${code}: ${errorMessage(o.error)}). Pass --vpc${denied ? `, or grant ${o.op.iamAction}` : ''}.`,
    denied ? 'denied' : 'workload-unreadable',
  );
}

/** The inventory with the workload's parts and gaps added (a new object). */
export function withWorkload<I extends { gaps: Gap[] }>(inventory: I, parts: WorkloadParts): I & Omit<WorkloadParts, 'gaps'> {
  const { gaps, ...fields } = parts;
  return { ...inventory, ...fields, gaps: [...inventory.gaps, ...gaps] };
}
