/**
 * The workload's calls: ECS and ECR speak awsJson1_1 (POST, X-Amz-Target), EKS REST-JSON.
 * "Not found" answers become WorkloadNotFound (bad input, exit 2); other failures propagate
 * and become gaps.
 */
import {
  DescribeImagesCommand,
  paginateDescribePullThroughCacheRules,
  type ECRClient,
  type ImageDetail,
  type ImageIdentifier,
} from '@aws-sdk/client-ecr';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { DescribeClusterCommand, type EKSClient } from '@aws-sdk/client-eks';
import { DescribeSubnetsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { ImageQuestion } from '../inventory/images';
import type { EcrImageLookup, EcsService, EcsTaskDefinition, EksCluster, PullThroughCacheRule } from '../inventory/types';
import { DiagnoseError } from '../util/errors';
import { missingLookup, toEcsService, toEksCluster, toLookup, toPullThroughCacheRule, toTaskDefinition } from './normalize-workload';

/** A workload the flags name does not exist: the user's typo, not a permission problem. */
export function workloadNotFound(message: string): DiagnoseError {
  return new DiagnoseError(message, 'workload-not-found');
}

export async function describeEcsService(ecs: ECSClient, cluster: string, service: string): Promise<EcsService> {
  const out = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] })).catch((err: Error) => {
    if (err.name === 'ClusterNotFoundException') throw workloadNotFound(`ECS cluster ${cluster} not found`);
    throw err;
  });
  const found = out.services?.[0];
  if (!found) {
    const reason = out.failures?.[0]?.reason ?? 'MISSING';
    throw workloadNotFound(`ECS service ${service} not found in cluster ${cluster} (${reason})`);
  }
  return toEcsService(found);
}

export async function describeTaskDefinition(ecs: ECSClient, taskDefinition: string): Promise<EcsTaskDefinition> {
  try {
    const out = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
    if (!out.taskDefinition) throw workloadNotFound(`ECS task definition ${taskDefinition} not found`);
    return toTaskDefinition(out.taskDefinition);
  } catch (err) {
    // ECS says "ClientException: Unable to describe task definition." for an unknown one.
    if ((err as Error).name === 'ClientException' && /unable to describe|not found|does not exist/i.test((err as Error).message)) {
      throw workloadNotFound(`ECS task definition ${taskDefinition} not found`);
    }
    throw err;
  }
}

export async function describeEksCluster(eks: EKSClient, name: string): Promise<EksCluster> {
  try {
    const out = await eks.send(new DescribeClusterCommand({ name }));
    if (!out.cluster) throw workloadNotFound(`EKS cluster ${name} not found`);
    return toEksCluster(out.cluster);
  } catch (err) {
    if ((err as Error).name === 'ResourceNotFoundException') throw workloadNotFound(`EKS cluster ${name} not found`);
    throw err;
  }
}

/** The VPC of a subnet (to derive --vpc from an ECS service). */
export async function vpcOfSubnet(ec2: EC2Client, subnetId: string): Promise<string | undefined> {
  const out = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }));
  return out.Subnets?.find((s) => s.SubnetId === subnetId)?.VpcId;
}

export async function describePullThroughCacheRules(ecr: ECRClient): Promise<PullThroughCacheRule[]> {
  const rules: PullThroughCacheRule[] = [];
  for await (const page of paginateDescribePullThroughCacheRules({ client: ecr }, {})) {
    rules.push(...(page.pullThroughCacheRules ?? []).map(toPullThroughCacheRule));
  }
  return rules;
}

/** At most this many repositories are looked up (one DescribeImages call each, concurrently). */
export const MAX_LOOKUP_REPOSITORIES = 20;
/** DescribeImages takes at most 100 image ids per call. */
const MAX_IDS_PER_CALL = 100;

/**
 * Whether each image exists: one DescribeImages per repository with every asked tag/digest.
 * The API fails the whole call with ImageNotFoundException when any id is missing, so that
 * repository is then asked image by image (bounded by its few asked ids).
 */
export async function lookUpImages(ecr: ECRClient, registryId: string, questions: readonly ImageQuestion[]): Promise<EcrImageLookup[]> {
  const byRepo = new Map<string, ImageQuestion[]>();
  for (const q of questions) byRepo.set(q.repositoryName, [...(byRepo.get(q.repositoryName) ?? []), q]);
  const repos = [...byRepo].slice(0, MAX_LOOKUP_REPOSITORIES);
  const answers = await Promise.all(repos.map(([repo, qs]) => lookUpRepository(ecr, registryId, repo, qs.slice(0, MAX_IDS_PER_CALL))));
  return answers.flat();
}

async function lookUpRepository(ecr: ECRClient, registryId: string, repositoryName: string, qs: ImageQuestion[]): Promise<EcrImageLookup[]> {
  try {
    const found = await describe(ecr, registryId, repositoryName, qs);
    return qs.map((q) => toLookup(registryId, q, found));
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'RepositoryNotFoundException') return qs.map((q) => missingLookup(registryId, q, 'repository-not-found'));
    if (name !== 'ImageNotFoundException') throw err;
  }
  if (qs.length === 1) return [missingLookup(registryId, qs[0], 'image-not-found')];
  return Promise.all(qs.map(async (q) => (await lookUpRepository(ecr, registryId, repositoryName, [q]))[0]));
}

async function describe(ecr: ECRClient, registryId: string, repositoryName: string, qs: ImageQuestion[]): Promise<ImageDetail[]> {
  const imageIds: ImageIdentifier[] = qs.map((q) => (q.imageDigest ? { imageDigest: q.imageDigest } : { imageTag: q.imageTag }));
  const out = await ecr.send(new DescribeImagesCommand({ registryId, repositoryName, imageIds }));
  return out.imageDetails ?? [];
}
