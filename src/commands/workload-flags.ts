/**
 * --ecs-service, --ecs-task-definition, --eks-cluster, --image: the workload a user thinks in.
 * Validated before any call (a malformed name never reaches AWS). With --ecs-service or
 * --eks-cluster, --vpc is optional: the workload names its VPC.
 */
import { Flags } from '@oclif/core';
import type { WorkloadTarget } from '../aws/collect-workload';
import type { CheckOptions } from '../checks/types';
import { parseImageRef } from '../inventory/image-ref';
import { DiagnoseError } from '../util/errors';

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const SERVICE_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:service\/([A-Za-z0-9_-]{1,255})\/([A-Za-z0-9_-]{1,255})$/;
const TASK_DEFINITION = /^(?:[A-Za-z0-9_-]{1,255}(?::\d{1,9})?|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]{1,255}:\d{1,9})$/;
const EKS_CLUSTER = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;

export const workloadFlags = {
  'ecs-service': Flags.string({
    description: "ECS service whose image pulls to diagnose, as CLUSTER/SERVICE or a service ARN. Its subnets, security groups, launch type, platform version and task definition are read; --vpc becomes optional.",
    helpValue: 'cluster/service',
  }),
  'ecs-task-definition': Flags.string({
    description: "ECS task definition (family, family:revision or ARN): its images, log driver and secrets are read. With --ecs-service it replaces the service's own.",
    helpValue: 'family[:revision]',
  }),
  'eks-cluster': Flags.string({
    description: "EKS cluster: its VPC, subnets and security groups are read and the platform is eks; --vpc becomes optional. Pod images are not read: name them with --image.",
    helpValue: 'name',
  }),
  image: Flags.string({
    description: 'Image URI the workload pulls (repeatable): where it comes from and whether the endpoints serve it (checks image-origin, ecr-pull-through-cache).',
    helpValue: 'URI',
    multiple: true,
  }),
};

export interface WorkloadFlagValues {
  'ecs-service'?: string;
  'ecs-task-definition'?: string;
  'eks-cluster'?: string;
  image?: string[];
}

/**
 * The flags' combination (checked here, not with oclif's `exclusive`, which garbles the usage
 * line), then --image values, each a valid reference (or exit 2 naming the bad one).
 */
export function workloadFlagOptions(flags: WorkloadFlagValues & { snapshot?: string }): Pick<CheckOptions, 'images'> {
  const ecs = flags['ecs-service'] ? '--ecs-service' : flags['ecs-task-definition'] ? '--ecs-task-definition' : undefined;
  if (ecs && flags['eks-cluster']) throw new DiagnoseError(`${ecs} and --eks-cluster name different workloads: give one`, 'bad-input');
  const live = ecs ?? (flags['eks-cluster'] ? '--eks-cluster' : undefined);
  if (live && flags.snapshot) throw new DiagnoseError(`${live} reads AWS; a snapshot replays the workload it was taken with: drop one of ${live} and --snapshot`, 'bad-input');
  return imageFlags(flags);
}

/** --image values, each a valid reference (or exit 2 naming the bad one). */
export function imageFlags(flags: WorkloadFlagValues): Pick<CheckOptions, 'images'> {
  const images = (flags.image ?? []).map((raw) => {
    const parsed = parseImageRef(raw);
    if (!parsed.ok) throw new DiagnoseError(`--image ${JSON.stringify(raw.slice(0, 200))} is not a valid image reference: ${parsed.error}`, 'bad-input');
    return parsed.ref.raw;
  });
  return images.length > 0 ? { images } : {};
}

/** What the collector reads about the workload; undefined when no workload flag is given. */
export function workloadTarget(flags: WorkloadFlagValues): WorkloadTarget | undefined {
  const { images = [] } = imageFlags(flags);
  const service = flags['ecs-service']?.trim();
  const taskDefinition = flags['ecs-task-definition']?.trim();
  const eks = flags['eks-cluster']?.trim();
  if (!service && !taskDefinition && !eks && images.length === 0) return undefined;
  if (taskDefinition !== undefined && !TASK_DEFINITION.test(taskDefinition)) {
    throw new DiagnoseError(`--ecs-task-definition ${JSON.stringify(taskDefinition.slice(0, 200))} is not a task definition (family, family:revision or ARN)`, 'bad-input');
  }
  if (eks !== undefined && !EKS_CLUSTER.test(eks)) {
    throw new DiagnoseError(`--eks-cluster ${JSON.stringify(eks.slice(0, 200))} is not an EKS cluster name`, 'bad-input');
  }
  return {
    request: {
      ...(service ? { ecsService: service } : {}),
      ...(taskDefinition ? { ecsTaskDefinition: taskDefinition } : {}),
      ...(eks ? { eksCluster: eks } : {}),
      images,
    },
    ...(service !== undefined ? { ecsService: parseService(service) } : {}),
  };
}

/** CLUSTER/SERVICE, or a (long-format) service ARN, which names its cluster. */
export function parseService(value: string): { cluster: string; service: string } {
  const arn = SERVICE_ARN.exec(value);
  if (arn) return { cluster: arn[1], service: arn[2] };
  const [cluster, service, ...rest] = value.split('/');
  if (rest.length === 0 && cluster && service && NAME.test(cluster) && NAME.test(service)) return { cluster, service };
  throw new DiagnoseError(`--ecs-service ${JSON.stringify(value.slice(0, 200))} is not CLUSTER/SERVICE (or arn:aws:ecs:<region>:<account>:service/<cluster>/<service>)`, 'bad-input');
}

/** True when the workload can name the VPC, so --vpc may be left out. */
export function namesVpc(target: WorkloadTarget | undefined): boolean {
  return !!target?.ecsService || !!target?.request.eksCluster;
}
