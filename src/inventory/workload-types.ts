/**
 * Inventory facts about the workload that pulls the images (--ecs-service, --ecs-task-definition,
 * --eks-cluster, --image), the registry's pull-through cache rules and image look-ups.
 * Plain JSON like the rest of the inventory: no SDK types, no Dates.
 */

/** What the user asked about, kept in the inventory so a snapshot replays the same question. */
export interface WorkloadRequest {
  /** "cluster/service" as given (or a service ARN). */
  ecsService?: string;
  /** family, family:revision or a task definition ARN. */
  ecsTaskDefinition?: string;
  eksCluster?: string;
  /** --image URIs, as given. */
  images: string[];
}

export interface EcsService {
  arn: string;
  name: string;
  clusterArn: string;
  /** ACTIVE | DRAINING | INACTIVE */
  status: string;
  /** FARGATE | EC2 | EXTERNAL; absent when the service uses a capacity provider strategy. */
  launchType?: string;
  /** The capacity providers of its strategy (FARGATE, FARGATE_SPOT, or an Auto Scaling group provider). */
  capacityProviders: string[];
  /** As configured: LATEST, 1.4.0, 1.3.0… (Fargate only). */
  platformVersion?: string;
  /** From the primary deployment: Linux, WINDOWS_SERVER_2022_CORE… (Fargate only). */
  platformFamily?: string;
  taskDefinitionArn: string;
  /** awsvpc network configuration; empty for bridge/host networking (the instance's subnet applies). */
  subnetIds: string[];
  securityGroupIds: string[];
  /** awsvpc assignPublicIp; absent when the service has no awsvpc configuration. */
  assignPublicIp?: boolean;
}

export interface EcsContainer {
  name: string;
  image: string;
  /** logConfiguration.logDriver: awslogs, awsfirelens, splunk… */
  logDriver?: string;
  /**
   * valueFrom of the container's secrets and of its log driver's secretOptions: Secrets Manager
   * ARNs, SSM parameter ARNs or names. References only: the values are never read.
   */
  secrets: string[];
  /** repositoryCredentials: a private-registry login read from Secrets Manager before the pull. */
  registryCredentials?: string;
}

export interface EcsTaskDefinition {
  arn: string;
  family: string;
  revision: number;
  networkMode?: string;
  requiresCompatibilities: string[];
  /** runtimePlatform.operatingSystemFamily: LINUX, WINDOWS_SERVER_2022_CORE… */
  operatingSystemFamily?: string;
  containers: EcsContainer[];
}

export interface EksCluster {
  name: string;
  arn: string;
  status: string;
  version?: string;
  platformVersion?: string;
  vpcId?: string;
  subnetIds: string[];
  /** Additional security groups given at creation (resourcesVpcConfig.securityGroupIds). */
  securityGroupIds: string[];
  /** The cluster security group EKS creates; managed node groups use it too. */
  clusterSecurityGroupId?: string;
  endpointPublicAccess?: boolean;
  endpointPrivateAccess?: boolean;
}

export interface WorkloadFacts {
  request: WorkloadRequest;
  ecsService?: EcsService;
  taskDefinition?: EcsTaskDefinition;
  eksCluster?: EksCluster;
}

/** One ecr:DescribePullThroughCacheRules entry. */
export interface PullThroughCacheRule {
  /** The ECR repository prefix (an implicit "/" follows it), or ROOT. */
  ecrRepositoryPrefix: string;
  /** registry-1.docker.io, public.ecr.aws, ghcr.io, <acct>.dkr.ecr.<region>.amazonaws.com… */
  upstreamRegistryUrl: string;
  /** Absent or ROOT: any upstream repository. */
  upstreamRepositoryPrefix?: string;
  /** docker-hub, ecr-public, k8s…, when the API says. */
  upstreamRegistry?: string;
  registryId?: string;
  credentialArn?: string;
}

/** Whether one image of this account's registry exists (ecr:DescribeImages). */
export interface EcrImageLookup {
  registryId: string;
  repositoryName: string;
  /** What was asked: a digest when the reference has one, else the tag. */
  imageTag?: string;
  imageDigest?: string;
  result: 'found' | 'image-not-found' | 'repository-not-found';
  /** When found: the manifest digest and push time (ISO). */
  digest?: string;
  pushedAt?: string;
}
