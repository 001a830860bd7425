/**
 * The workload's services at the HTTP level (nock), beside FakeAws (EC2/STS, XML): ECS and ECR
 * speak awsJson1_1 (POST / with X-Amz-Target), EKS REST-JSON (GET /clusters/{name}).
 * Answers are real response shapes (AWS API reference examples, trimmed), timestamps in epoch
 * seconds as the JSON protocols send them.
 */
import assert from 'node:assert/strict';
import nock from 'nock';
import { ENDPOINT, ACCOUNT } from './fake-aws';

const TARGET = {
  ecs: 'AmazonEC2ContainerServiceV20141113',
  ecr: 'AmazonEC2ContainerRegistry_V20150921',
} as const;

export type JsonService = keyof typeof TARGET;

export interface JsonRequest {
  target: string;
  body: Record<string, unknown>;
}

export class FakeWorkloadAws {
  private readonly scope = nock(ENDPOINT);
  readonly requests: JsonRequest[] = [];
  readonly eksRequests: string[] = [];

  constructor() {
    this.scope.on('request', (req: { headers: Record<string, string | string[] | undefined>; path: string; method: string }, _i: unknown, body: string) => {
      const target = req.headers['x-amz-target'];
      if (typeof target === 'string') this.requests.push({ target, body: body ? (JSON.parse(body) as Record<string, unknown>) : {} });
      else if (req.method === 'GET' && req.path.startsWith('/clusters/')) this.eksRequests.push(req.path);
    });
  }

  /** One answer to one JSON call; `when` narrows it by the request body (e.g. a page token). */
  json(service: JsonService, op: string, answer: unknown, opts: { status?: number; when?: (body: Record<string, unknown>) => boolean } = {}): this {
    this.scope
      .post('/', (body: Record<string, unknown>) => !opts.when || opts.when(body))
      .matchHeader('x-amz-target', `${TARGET[service]}.${op}`)
      .reply(opts.status ?? 200, JSON.stringify(answer), { 'Content-Type': 'application/x-amz-json-1.1' });
    return this;
  }

  /** A JSON-protocol error: __type carries the code, as ECS and ECR send it. */
  jsonError(service: JsonService, op: string, code: string, message: string, status = 400): this {
    return this.json(service, op, { __type: code, message }, { status });
  }

  eks(name: string, answer: unknown, status = 200, errorType?: string): this {
    this.scope
      .get(`/clusters/${name}`)
      .reply(status, JSON.stringify(answer), { 'Content-Type': 'application/json', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
    return this;
  }

  bodiesOf(service: JsonService, op: string): Record<string, unknown>[] {
    return this.requests.filter((r) => r.target === `${TARGET[service]}.${op}`).map((r) => r.body);
  }

  assertAllUsed(): void {
    assert.ok(this.scope.isDone(), `workload answers never requested: ${this.scope.pendingMocks().join(', ')}`);
  }
}

export const CLUSTER_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/prod`;
export const TASK_DEF_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/web:7`;
export const OWN_REGISTRY = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`;

export function describeServicesAnswer(overrides: Record<string, unknown> = {}) {
  const network = { awsvpcConfiguration: { subnets: ['subnet-0app1111aaaa2222b'], securityGroups: ['sg-0wrk5555eeee6666f'], assignPublicIp: 'DISABLED' } };
  return {
    services: [
      {
        serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/web`,
        serviceName: 'web',
        clusterArn: CLUSTER_ARN,
        loadBalancers: [],
        serviceRegistries: [],
        status: 'ACTIVE',
        desiredCount: 2,
        runningCount: 2,
        pendingCount: 0,
        launchType: 'FARGATE',
        platformVersion: 'LATEST',
        platformFamily: 'Linux',
        taskDefinition: TASK_DEF_ARN,
        deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 },
        deployments: [
          {
            id: 'ecs-svc/9223370564341623665',
            status: 'PRIMARY',
            taskDefinition: TASK_DEF_ARN,
            desiredCount: 2,
            pendingCount: 0,
            runningCount: 2,
            createdAt: 1732449600.123,
            updatedAt: 1732449700.456,
            launchType: 'FARGATE',
            platformVersion: '1.4.0',
            platformFamily: 'Linux',
            networkConfiguration: network,
            rolloutState: 'COMPLETED',
          },
        ],
        events: [],
        createdAt: 1732449600.123,
        networkConfiguration: network,
        schedulingStrategy: 'REPLICA',
        deploymentController: { type: 'ECS' },
        enableECSManagedTags: false,
        propagateTags: 'NONE',
        enableExecuteCommand: false,
        ...overrides,
      },
    ],
    failures: [],
  };
}

export function describeTaskDefinitionAnswer(images: string[]) {
  return {
    taskDefinition: {
      taskDefinitionArn: TASK_DEF_ARN,
      family: 'web',
      revision: 7,
      status: 'ACTIVE',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      compatibilities: ['EC2', 'FARGATE'],
      cpu: '256',
      memory: '512',
      executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
      runtimePlatform: { cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX' },
      containerDefinitions: images.map((image, i) => ({
        name: i === 0 ? 'app' : `sidecar-${i}`,
        image,
        cpu: 0,
        essential: i === 0,
        portMappings: [],
        // Never copied to the inventory: environment values may be secrets in clear.
        environment: [{ name: 'DB_PASSWORD', value: 'hunter2' }],
        mountPoints: [],
        volumesFrom: [],
        secrets: i === 0 ? [{ name: 'API_KEY', valueFrom: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:api-key-AbCdEf` }] : [],
        logConfiguration:
          i === 0
            ? { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' }, secretOptions: [{ name: 'token', valueFrom: '/logging/token' }] }
            : undefined,
      })),
      volumes: [],
      placementConstraints: [],
      registeredAt: 1732449500.789,
    },
    tags: [],
  };
}

export function describeClusterAnswer(overrides: Record<string, unknown> = {}) {
  return {
    cluster: {
      name: 'k1',
      arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/k1`,
      createdAt: 1732449600.123,
      version: '1.31',
      endpoint: 'https://ABCDEF0123456789.gr7.us-east-1.eks.amazonaws.com',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/eks-cluster`,
      resourcesVpcConfig: {
        subnetIds: ['subnet-0app1111aaaa2222b'],
        securityGroupIds: ['sg-0wrk5555eeee6666f'],
        clusterSecurityGroupId: 'sg-0c1u2s3t4e5r6sg7a',
        vpcId: 'vpc-0a1b2c3d4e5f60718',
        endpointPublicAccess: true,
        endpointPrivateAccess: false,
        publicAccessCidrs: ['0.0.0.0/0'],
      },
      kubernetesNetworkConfig: { serviceIpv4Cidr: '172.20.0.0/16', ipFamily: 'ipv4' },
      status: 'ACTIVE',
      platformVersion: 'eks.12',
      tags: {},
      ...overrides,
    },
  };
}

export function pullThroughCacheRulesPage(rules: Array<Record<string, unknown>>, nextToken?: string) {
  return {
    pullThroughCacheRules: rules.map((r) => ({ createdAt: 1700000000.0, registryId: ACCOUNT, updatedAt: 1700000000.0, ...r })),
    ...(nextToken ? { nextToken } : {}),
  };
}

export function imageDetail(repositoryName: string, tags: string[], digest = `sha256:${'d4'.repeat(32)}`) {
  return {
    registryId: ACCOUNT,
    repositoryName,
    imageDigest: digest,
    imageTags: tags,
    imageSizeInBytes: 52_428_800,
    imagePushedAt: 1730000000.0,
    imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifactMediaType: 'application/vnd.oci.image.config.v1+json',
  };
}
