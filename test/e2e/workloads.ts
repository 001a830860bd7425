/**
 * Workloads in the emulator, built through the real ECS, EKS and ECR APIs on top of an account
 * from accounts.ts: an ECS Fargate service in the app subnets with the "workload" security group,
 * its task definition, an EKS cluster, and images pushed to ECR.
 *
 * Moto quirks (moto 5.2):
 * - DescribeServices answers platformFamily "FARGATE" (AWS says "Linux") and keeps platformVersion
 *   "LATEST" in the deployment too.
 * - EKS DescribeCluster omits resourcesVpcConfig.vpcId and clusterSecurityGroupId: the doctor
 *   then derives the VPC from the cluster's first subnet.
 * - DescribePullThroughCacheRules is not implemented (HTTP 500, an HTML page): a gap on
 *   pullThroughCache, so ecr-pull-through-cache reports error there (its verdicts are tested at
 *   the HTTP level in test/aws and purely in test/checks).
 * - DescribeImages with several imageIds fails whole with ImageNotFoundException when one is
 *   missing, as AWS does.
 * - The account id is always 123456789012.
 */
import { CreateRepositoryCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import { CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand, type ContainerDefinition } from '@aws-sdk/client-ecs';
import { CreateClusterCommand as CreateEksClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { REGION, type Account } from './accounts';

export const MOTO_ACCOUNT = '123456789012';
export const OWN_REGISTRY = `${MOTO_ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;

export interface WorkloadClients {
  ecs: ECSClient;
  eks: EKSClient;
  ecr: ECRClient;
  destroy(): void;
}

export function emulatorWorkloadClients(endpoint: string): WorkloadClients {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const config = { endpoint, region: REGION, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 1 };
  const clients = { ecs: new ECSClient(config), eks: new EKSClient(config), ecr: new ECRClient(config) };
  return { ...clients, destroy: () => Object.values(clients).forEach((c) => c.destroy()) };
}

/** A repository with one tagged image (a minimal OCI manifest; moto stores it as is). */
export async function pushImage(ecr: ECRClient, repositoryName: string, tag: string): Promise<void> {
  await ecr.send(new CreateRepositoryCommand({ repositoryName })).catch((e: Error) => {
    if (e.name !== 'RepositoryAlreadyExistsException') throw e;
  });
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', size: 2, digest: `sha256:${'44'.repeat(32)}` },
    layers: [],
  };
  await ecr.send(new PutImageCommand({ repositoryName, imageTag: tag, imageManifest: JSON.stringify(manifest) }));
}

export interface TaskSpec {
  images: string[];
  /** awslogs on the first container. */
  awslogs?: boolean;
  /** A Secrets Manager secret on the first container. */
  secret?: boolean;
}

export async function registerTaskDefinition(ecs: ECSClient, family: string, spec: TaskSpec): Promise<string> {
  const containers: ContainerDefinition[] = spec.images.map((image, i) => ({
    name: i === 0 ? 'app' : `sidecar-${i}`,
    image,
    essential: i === 0,
    ...(i === 0 && spec.awslogs
      ? { logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': `/ecs/${family}`, 'awslogs-region': REGION, 'awslogs-stream-prefix': family } } }
      : {}),
    ...(i === 0 && spec.secret ? { secrets: [{ name: 'API_KEY', valueFrom: `arn:aws:secretsmanager:${REGION}:${MOTO_ACCOUNT}:secret:api-key-AbCdEf` }] } : {}),
  }));
  const out = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      executionRoleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/ecsTaskExecutionRole`,
      containerDefinitions: containers,
    }),
  );
  return out.taskDefinition?.taskDefinitionArn ?? `${family}:1`;
}

/** cluster/service: a Fargate service (platform version LATEST) in the account's app subnets. */
export async function createFargateService(ecs: ECSClient, acct: Account, cluster: string, service: string, taskDefinition: string): Promise<void> {
  await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  await ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName: service,
      taskDefinition,
      desiredCount: 1,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      networkConfiguration: { awsvpcConfiguration: { subnets: acct.appSubnetIds, securityGroups: [acct.sg.workload], assignPublicIp: 'DISABLED' } },
    }),
  );
}

export async function createEksCluster(eks: EKSClient, acct: Account, name: string): Promise<void> {
  await eks.send(
    new CreateEksClusterCommand({
      name,
      roleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/eks-cluster`,
      resourcesVpcConfig: { subnetIds: acct.appSubnetIds, securityGroupIds: [acct.sg.workload], endpointPrivateAccess: true, endpointPublicAccess: false },
    }),
  );
}
