/**
 * Workload facts for pure tests, matching the healthy inventory of inventory-builder.ts
 * (account 111122223333, us-east-1, subnet-app-a/b, sg-app). Each returns a fresh object.
 */
import type { EcsService, EcsTaskDefinition, EksCluster, WorkloadFacts } from '../../src/inventory/types';

export const ACCOUNT = '111122223333';
export const OWN = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`;

export function anEcsService(overrides: Partial<EcsService> = {}): EcsService {
  return {
    arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/web`,
    name: 'web',
    clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/prod`,
    status: 'ACTIVE',
    launchType: 'FARGATE',
    capacityProviders: [],
    platformVersion: 'LATEST',
    platformFamily: 'Linux',
    taskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:3`,
    subnetIds: ['subnet-app-a', 'subnet-app-b'],
    securityGroupIds: ['sg-app'],
    assignPublicIp: false,
    ...overrides,
  };
}

export function aTaskDefinition(images: string[] = [`${OWN}/web:1.2`], overrides: Partial<EcsTaskDefinition> = {}): EcsTaskDefinition {
  return {
    arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:3`,
    family: 'web',
    revision: 3,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    containers: images.map((image, i) => ({ name: i === 0 ? 'app' : `side-${i}`, image, secrets: [] })),
    ...overrides,
  };
}

export function anEksCluster(overrides: Partial<EksCluster> = {}): EksCluster {
  return {
    name: 'k1',
    arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/k1`,
    status: 'ACTIVE',
    version: '1.31',
    vpcId: 'vpc-healthy',
    subnetIds: ['subnet-app-a', 'subnet-app-b'],
    securityGroupIds: ['sg-app'],
    clusterSecurityGroupId: 'sg-cluster',
    endpointPublicAccess: true,
    endpointPrivateAccess: true,
    ...overrides,
  };
}

/** An ECS service with its task definition, as the collector stores them. */
export function ecsWorkload(images?: string[], extra: Partial<WorkloadFacts> = {}): WorkloadFacts {
  return { request: { ecsService: 'prod/web', images: [] }, ecsService: anEcsService(), taskDefinition: aTaskDefinition(images), ...extra };
}

/** Only --image. */
export function imagesOnly(...images: string[]): WorkloadFacts {
  return { request: { images } };
}
