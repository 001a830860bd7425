/**
 * Pure mappings from ECS, EKS and ECR answers to inventory facts. Type-only SDK imports.
 * Environment variables of task definitions are never copied: they may hold secrets in clear.
 */
import type { PullThroughCacheRule as SdkRule, ImageDetail } from '@aws-sdk/client-ecr';
import type { ContainerDefinition, Service, TaskDefinition } from '@aws-sdk/client-ecs';
import type { Cluster } from '@aws-sdk/client-eks';
import type { EcrImageLookup, EcsContainer, EcsService, EcsTaskDefinition, EksCluster, PullThroughCacheRule } from '../inventory/types';
import type { ImageQuestion } from '../inventory/images';

function compact<T>(values: readonly (T | undefined | null)[] | undefined): T[] {
  return (values ?? []).filter((v): v is T => v !== undefined && v !== null && v !== '');
}

function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function toEcsService(s: Service): EcsService {
  // The service-level configuration is the current one; the primary deployment carries it too
  // (and the platform family, which the service itself only has in newer API versions).
  const primary = s.deployments?.find((d) => d.status === 'PRIMARY');
  const awsvpc = s.networkConfiguration?.awsvpcConfiguration ?? primary?.networkConfiguration?.awsvpcConfiguration;
  return dropUndefined({
    arn: s.serviceArn ?? '',
    name: s.serviceName ?? '',
    clusterArn: s.clusterArn ?? '',
    status: s.status ?? 'UNKNOWN',
    launchType: s.launchType ?? primary?.launchType,
    capacityProviders: compact((s.capacityProviderStrategy ?? primary?.capacityProviderStrategy)?.map((c) => c.capacityProvider)),
    platformVersion: s.platformVersion ?? primary?.platformVersion,
    platformFamily: s.platformFamily ?? primary?.platformFamily,
    taskDefinitionArn: s.taskDefinition ?? primary?.taskDefinition ?? '',
    subnetIds: compact(awsvpc?.subnets),
    securityGroupIds: compact(awsvpc?.securityGroups),
    assignPublicIp: awsvpc ? awsvpc.assignPublicIp === 'ENABLED' : undefined,
  });
}

export function toEcsContainer(c: ContainerDefinition): EcsContainer {
  return dropUndefined({
    name: c.name ?? '',
    image: c.image ?? '',
    logDriver: c.logConfiguration?.logDriver,
    secrets: compact([...(c.secrets ?? []), ...(c.logConfiguration?.secretOptions ?? [])].map((s) => s.valueFrom)),
    registryCredentials: c.repositoryCredentials?.credentialsParameter,
  });
}

export function toTaskDefinition(td: TaskDefinition): EcsTaskDefinition {
  return dropUndefined({
    arn: td.taskDefinitionArn ?? '',
    family: td.family ?? '',
    revision: td.revision ?? 0,
    networkMode: td.networkMode,
    requiresCompatibilities: compact(td.requiresCompatibilities),
    operatingSystemFamily: td.runtimePlatform?.operatingSystemFamily,
    containers: (td.containerDefinitions ?? []).map(toEcsContainer),
  });
}

export function toEksCluster(c: Cluster): EksCluster {
  const v = c.resourcesVpcConfig;
  return dropUndefined({
    name: c.name ?? '',
    arn: c.arn ?? '',
    status: c.status ?? 'UNKNOWN',
    version: c.version,
    platformVersion: c.platformVersion,
    vpcId: v?.vpcId,
    subnetIds: compact(v?.subnetIds),
    securityGroupIds: compact(v?.securityGroupIds),
    clusterSecurityGroupId: v?.clusterSecurityGroupId,
    endpointPublicAccess: v?.endpointPublicAccess,
    endpointPrivateAccess: v?.endpointPrivateAccess,
  });
}

export function toPullThroughCacheRule(r: SdkRule): PullThroughCacheRule {
  return dropUndefined({
    ecrRepositoryPrefix: r.ecrRepositoryPrefix ?? '',
    upstreamRegistryUrl: r.upstreamRegistryUrl ?? '',
    upstreamRepositoryPrefix: r.upstreamRepositoryPrefix,
    upstreamRegistry: r.upstreamRegistry,
    registryId: r.registryId,
    credentialArn: r.credentialArn,
  });
}

/** The answer to one question, from the images DescribeImages returned for its repository. */
export function toLookup(registryId: string, q: ImageQuestion, found: readonly ImageDetail[]): EcrImageLookup {
  const detail = found.find((d) => (q.imageDigest ? d.imageDigest === q.imageDigest : (d.imageTags ?? []).includes(q.imageTag ?? '')));
  return dropUndefined({
    registryId,
    repositoryName: q.repositoryName,
    imageTag: q.imageTag,
    imageDigest: q.imageDigest,
    result: detail ? ('found' as const) : ('image-not-found' as const),
    digest: detail?.imageDigest,
    pushedAt: detail?.imagePushedAt ? new Date(detail.imagePushedAt).toISOString() : undefined,
  });
}

export function missingLookup(registryId: string, q: ImageQuestion, result: 'image-not-found' | 'repository-not-found'): EcrImageLookup {
  return dropUndefined({ registryId, repositoryName: q.repositoryName, imageTag: q.imageTag, imageDigest: q.imageDigest, result });
}
