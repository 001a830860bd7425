/**
 * The workload's calls on the wire: ECS DescribeServices → DescribeTaskDefinition, EKS
 * DescribeCluster, ECR DescribePullThroughCacheRules (paginated) and DescribeImages; what they
 * send, that every fact arrives, and that a denial is a gap, an unknown name exit 2.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nock from 'nock';
import { collectInventory, type CollectTarget } from '../../src/aws/collect';
import { MAX_LOOKUP_REPOSITORIES } from '../../src/aws/describe-workload';
import type { WorkloadRequest } from '../../src/inventory/types';
import { DiagnoseError } from '../../src/util/errors';
import { ACCOUNT, ENDPOINT, FakeAws, REGION, VPC_ID, happy, instantRetries, offlineAwsHooks } from './fake-aws';
import {
  CLUSTER_ARN,
  FakeWorkloadAws,
  OWN_REGISTRY,
  TASK_DEF_ARN,
  describeClusterAnswer,
  describeServicesAnswer,
  describeTaskDefinitionAnswer,
  imageDetail,
  pullThroughCacheRulesPage,
} from './fake-workload-aws';

offlineAwsHooks();

function collect(request: Partial<WorkloadRequest>, target: Partial<CollectTarget> = {}) {
  const req: WorkloadRequest = { images: [], ...request };
  const ecsService = req.ecsService ? { cluster: req.ecsService.split('/')[0], service: req.ecsService.split('/')[1] } : undefined;
  return collectInventory(
    { vpcId: VPC_ID, region: REGION, endpointUrl: ENDPOINT, workload: { request: req, ...(ecsService ? { ecsService } : {}) }, ...target },
    { retryStrategy: instantRetries() },
  );
}

const DOCKER_HUB_RULE = { ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io', upstreamRegistry: 'docker-hub', credentialArn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ecr-pullthroughcache/docker-hub-AbCdEf` };
const ECR_RULE = { ecrRepositoryPrefix: 'team-a', upstreamRegistryUrl: '444455556666.dkr.ecr.us-west-2.amazonaws.com', upstreamRegistry: 'ecr', upstreamRepositoryPrefix: 'team-a', customRoleArn: `arn:aws:iam::${ACCOUNT}:role/ptc` };

describe('collectInventory with an ECS service', () => {
  it('reads the service, then its task definition, then the images of this registry (and cache copies)', async () => {
    const ec2 = new FakeAws().answerTheRest();
    const images = [`${OWN_REGISTRY}/web:1.2`, `${OWN_REGISTRY}/web@sha256:${'d4'.repeat(32)}`, 'nginx:1.27', 'ghcr.io/org/tool:3'];
    const api = new FakeWorkloadAws()
      .json('ecs', 'DescribeServices', describeServicesAnswer())
      .json('ecs', 'DescribeTaskDefinition', describeTaskDefinitionAnswer(images))
      .json('ecr', 'DescribePullThroughCacheRules', pullThroughCacheRulesPage([DOCKER_HUB_RULE], 'p2'), { when: (b) => !b.nextToken })
      .json('ecr', 'DescribePullThroughCacheRules', pullThroughCacheRulesPage([ECR_RULE]), { when: (b) => b.nextToken === 'p2' })
      .json('ecr', 'DescribeImages', { imageDetails: [imageDetail('web', ['1.2', 'latest'])] }, { when: (b) => b.repositoryName === 'web' })
      .jsonError('ecr', 'DescribeImages', 'RepositoryNotFoundException', `The repository with name 'docker-hub/library/nginx' does not exist in the registry with id '${ACCOUNT}'`, 400);

    const inv = await collect({ ecsService: 'prod/web' });
    ec2.assertAllUsed();
    api.assertAllUsed();

    assert.deepEqual(inv.gaps, []);
    assert.deepEqual(api.bodiesOf('ecs', 'DescribeServices'), [{ cluster: 'prod', services: ['web'] }]);
    assert.deepEqual(api.bodiesOf('ecs', 'DescribeTaskDefinition'), [{ taskDefinition: TASK_DEF_ARN }]);
    assert.deepEqual(inv.workload?.ecsService, {
      arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/web`,
      name: 'web',
      clusterArn: CLUSTER_ARN,
      status: 'ACTIVE',
      launchType: 'FARGATE',
      capacityProviders: [],
      platformVersion: 'LATEST',
      platformFamily: 'Linux',
      taskDefinitionArn: TASK_DEF_ARN,
      subnetIds: ['subnet-0app1111aaaa2222b'],
      securityGroupIds: ['sg-0wrk5555eeee6666f'],
      assignPublicIp: false,
    });
    const td = inv.workload?.taskDefinition;
    assert.equal(td?.family, 'web');
    assert.equal(td?.revision, 7);
    assert.equal(td?.operatingSystemFamily, 'LINUX');
    assert.deepEqual(td?.containers[0], {
      name: 'app',
      image: images[0],
      logDriver: 'awslogs',
      secrets: [`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:api-key-AbCdEf`, '/logging/token'],
    });
    assert.doesNotMatch(JSON.stringify(inv), /hunter2|DB_PASSWORD/, 'environment variables never reach the inventory');

    assert.deepEqual(inv.pullThroughCache?.map((r) => r.ecrRepositoryPrefix), ['docker-hub', 'team-a']);
    assert.equal(inv.pullThroughCache?.[1].upstreamRepositoryPrefix, 'team-a');

    // One call per repository, each asking every tag/digest at once; registryId always sent.
    const asked = api.bodiesOf('ecr', 'DescribeImages');
    assert.deepEqual(asked.find((b) => b.repositoryName === 'web'), {
      registryId: ACCOUNT,
      repositoryName: 'web',
      imageIds: [{ imageTag: '1.2' }, { imageDigest: `sha256:${'d4'.repeat(32)}` }],
    });
    assert.equal(asked.length, 2, 'web, and the Docker Hub rule\'s cache copy of nginx (no rule maps ghcr.io)');
    assert.deepEqual(
      inv.ecrImages?.map((l) => [l.repositoryName, l.imageTag ?? l.imageDigest, l.result]),
      [
        ['web', '1.2', 'found'],
        ['web', `sha256:${'d4'.repeat(32)}`, 'found'],
        ['docker-hub/library/nginx', '1.27', 'repository-not-found'],
      ],
    );
    assert.equal(inv.ecrImages?.[0].pushedAt, '2024-10-27T03:33:20.000Z');
  });

  it('asks image by image when DescribeImages fails the whole call for one missing tag', async () => {
    new FakeAws().answerTheRest();
    const notFound = `The image with imageId {imageDigest:'null', imageTag:'9.9'} does not exist within the repository with name 'web' in the registry with id '${ACCOUNT}'`;
    const api = new FakeWorkloadAws()
      .json('ecr', 'DescribePullThroughCacheRules', pullThroughCacheRulesPage([]))
      .jsonError('ecr', 'DescribeImages', 'ImageNotFoundException', notFound, 400)
      .json('ecr', 'DescribeImages', { imageDetails: [imageDetail('web', ['1.2'])] }, { when: (b) => JSON.stringify(b.imageIds) === '[{"imageTag":"1.2"}]' })
      .jsonError('ecr', 'DescribeImages', 'ImageNotFoundException', notFound, 400);

    const inv = await collect({ images: [`${OWN_REGISTRY}/web:1.2`, `${OWN_REGISTRY}/web:9.9`] });
    api.assertAllUsed();
    assert.deepEqual(inv.gaps, []);
    assert.deepEqual(inv.ecrImages?.map((l) => [l.imageTag, l.result]), [['1.2', 'found'], ['9.9', 'image-not-found']]);
    assert.equal(api.bodiesOf('ecr', 'DescribeImages').length, 3);
  });

  it('looks up at most MAX_LOOKUP_REPOSITORIES repositories', async () => {
    new FakeAws().answerTheRest();
    const api = new FakeWorkloadAws().json('ecr', 'DescribePullThroughCacheRules', pullThroughCacheRulesPage([]));
    for (let i = 0; i < MAX_LOOKUP_REPOSITORIES; i++) api.json('ecr', 'DescribeImages', { imageDetails: [imageDetail(`r${i}`, ['1'])] }, { when: (b) => b.repositoryName === `r${i}` });
    const images = Array.from({ length: MAX_LOOKUP_REPOSITORIES + 5 }, (_, i) => `${OWN_REGISTRY}/r${i}:1`);
    const inv = await collect({ images });
    api.assertAllUsed();
    assert.equal(api.bodiesOf('ecr', 'DescribeImages').length, MAX_LOOKUP_REPOSITORIES);
    assert.equal(inv.ecrImages?.length, MAX_LOOKUP_REPOSITORIES);
  });

  it('an explicit --ecs-task-definition replaces the service\'s, asked in the first wave', async () => {
    new FakeAws().answerTheRest();
    const api = new FakeWorkloadAws()
      .json('ecs', 'DescribeServices', describeServicesAnswer())
      .json('ecs', 'DescribeTaskDefinition', describeTaskDefinitionAnswer(['nginx']))
      .json('ecr', 'DescribePullThroughCacheRules', pullThroughCacheRulesPage([]));
    await collect({ ecsService: 'prod/web', ecsTaskDefinition: 'web:8' });
    api.assertAllUsed();
    assert.deepEqual(api.bodiesOf('ecs', 'DescribeTaskDefinition'), [{ taskDefinition: 'web:8' }]);
  });
});

describe('collectInventory with an EKS cluster (REST-JSON)', () => {
  it('reads the cluster; no pull-through rules without images', async () => {
    new FakeAws().answerTheRest();
    const api = new FakeWorkloadAws().eks('k1', describeClusterAnswer());
    const inv = await collect({ eksCluster: 'k1' });
    api.assertAllUsed();
    assert.deepEqual(api.eksRequests, ['/clusters/k1']);
    assert.deepEqual(inv.workload?.eksCluster, {
      name: 'k1',
      arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/k1`,
      status: 'ACTIVE',
      version: '1.31',
      platformVersion: 'eks.12',
      vpcId: VPC_ID,
      subnetIds: ['subnet-0app1111aaaa2222b'],
      securityGroupIds: ['sg-0wrk5555eeee6666f'],
      clusterSecurityGroupId: 'sg-0c1u2s3t4e5r6sg7a',
      endpointPublicAccess: true,
      endpointPrivateAccess: false,
    });
    assert.equal(inv.pullThroughCache, undefined);
    assert.equal(api.requests.length, 0);
  });

  it('derives the VPC from the cluster when --vpc is not given', async () => {
    new FakeAws().answerTheRest();
    new FakeWorkloadAws().eks('k1', describeClusterAnswer());
    const inv = await collect({ eksCluster: 'k1' }, { vpcId: undefined });
    assert.equal(inv.target.vpcId, VPC_ID);
  });

  it('an unknown cluster is bad input (exit 2), not a gap', async () => {
    new FakeAws().answerTheRest();
    new FakeWorkloadAws().eks('nope', { message: 'No cluster found for name: nope.' }, 404, 'ResourceNotFoundException');
    const err = await collect({ eksCluster: 'nope' }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DiagnoseError);
    assert.equal(err.reason, 'workload-not-found');
    assert.match(err.message, /EKS cluster nope not found/);
  });
});

describe('collectInventory: deriving the VPC from an ECS service', () => {
  it("asks DescribeSubnets for the service's first subnet, then reads that VPC", async () => {
    const ec2 = new FakeAws()
      .answer('DescribeSubnets', happy('DescribeSubnets'), { when: (p) => p['SubnetId.1'] === 'subnet-0app1111aaaa2222b' })
      .answer('DescribeSubnets', happy('DescribeSubnets'), { when: (p) => p['Filter.1.Value.1'] === VPC_ID })
      .answerTheRest();
    new FakeWorkloadAws()
      .json('ecs', 'DescribeServices', describeServicesAnswer())
      .json('ecs', 'DescribeTaskDefinition', describeTaskDefinitionAnswer([`${OWN_REGISTRY}/web:1.2`]))
      .json('ecr', 'DescribePullThroughCacheRules', pullThroughCacheRulesPage([]))
      .json('ecr', 'DescribeImages', { imageDetails: [imageDetail('web', ['1.2'])] });
    const inv = await collect({ ecsService: 'prod/web' }, { vpcId: undefined });
    ec2.assertAllUsed();
    assert.equal(inv.target.vpcId, VPC_ID);
    assert.equal(ec2.requestsFor('DescribeSubnets').length, 2, 'one to find the VPC, one to list its subnets');
    assert.deepEqual(inv.gaps, []);
  });

  it('a denied DescribeServices leaves nothing to derive the VPC from: exit 2 naming the permission', async () => {
    new FakeAws().answerTheRest({ except: ['DescribeVpcs'] });
    nock.cleanAll();
    new FakeWorkloadAws()
      .jsonError('ecs', 'DescribeServices', 'AccessDeniedException', 'User: arn:aws:sts::111122223333:assumed-role/doctor/s is not authorized to perform: ecs:DescribeServices')
      .json('ecr', 'DescribePullThroughCacheRules', pullThroughCacheRulesPage([]));
    const err = await collect({ ecsService: 'prod/web' }, { vpcId: undefined }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DiagnoseError);
    assert.match(err.message, /ecs:DescribeServices failed \(AccessDeniedException.*Pass --vpc, or grant ecs:DescribeServices/);
  });
});

describe('collectInventory: workload failures', () => {
  it('a denied DescribeServices is a gap on workload; the VPC is still collected, no task definition asked', async () => {
    new FakeAws().answerTheRest();
    const api = new FakeWorkloadAws()
      .jsonError('ecs', 'DescribeServices', 'AccessDeniedException', 'User: arn:aws:sts::111122223333:assumed-role/doctor/s is not authorized to perform: ecs:DescribeServices on resource: arn:aws:ecs:us-east-1:111122223333:service/prod/web')
      .json('ecr', 'DescribePullThroughCacheRules', pullThroughCacheRulesPage([]));
    const inv = await collect({ ecsService: 'prod/web' });
    api.assertAllUsed();
    assert.deepEqual(inv.gaps.map((g) => [g.part, g.call, g.code, g.iamAction]), [['workload', 'ecs:DescribeServices', 'AccessDeniedException', 'ecs:DescribeServices']]);
    assert.equal(api.bodiesOf('ecs', 'DescribeTaskDefinition').length, 0);
    assert.ok(inv.subnets && inv.subnets.length > 0);
    assert.deepEqual(inv.workload?.request, { ecsService: 'prod/web', images: [] });
  });

  it('a denied DescribePullThroughCacheRules is a gap on pullThroughCache; images are still looked up', async () => {
    new FakeAws().answerTheRest();
    new FakeWorkloadAws()
      .jsonError('ecr', 'DescribePullThroughCacheRules', 'AccessDeniedException', 'not authorized to perform: ecr:DescribePullThroughCacheRules')
      .json('ecr', 'DescribeImages', { imageDetails: [imageDetail('web', ['1.2'])] });
    const inv = await collect({ images: [`${OWN_REGISTRY}/web:1.2`] });
    assert.deepEqual(inv.gaps.map((g) => [g.part, g.iamAction]), [['pullThroughCache', 'ecr:DescribePullThroughCacheRules']]);
    assert.equal(inv.ecrImages?.[0].result, 'found');
    assert.equal(inv.pullThroughCache, undefined);
  });

  it('a denied DescribeImages is a gap on ecrImages', async () => {
    new FakeAws().answerTheRest();
    new FakeWorkloadAws()
      .json('ecr', 'DescribePullThroughCacheRules', pullThroughCacheRulesPage([]))
      .jsonError('ecr', 'DescribeImages', 'AccessDeniedException', 'not authorized to perform: ecr:DescribeImages');
    const inv = await collect({ images: [`${OWN_REGISTRY}/web:1.2`] });
    assert.deepEqual(inv.gaps.map((g) => [g.part, g.iamAction]), [['ecrImages', 'ecr:DescribeImages']]);
    assert.equal(inv.ecrImages, undefined);
  });

  it('an unknown service (MISSING in failures) is bad input, exit 2', async () => {
    new FakeAws().answerTheRest();
    new FakeWorkloadAws()
      .json('ecs', 'DescribeServices', { services: [], failures: [{ arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/wbe`, reason: 'MISSING' }] })
      .json('ecr', 'DescribePullThroughCacheRules', pullThroughCacheRulesPage([]));
    const err = await collect({ ecsService: 'prod/wbe' }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DiagnoseError);
    assert.equal(err.reason, 'workload-not-found');
    assert.match(err.message, /ECS service wbe not found in cluster prod \(MISSING\)/);
  });

  it('an unknown cluster (ClusterNotFoundException) is bad input, exit 2', async () => {
    new FakeAws().answerTheRest();
    new FakeWorkloadAws()
      .jsonError('ecs', 'DescribeServices', 'ClusterNotFoundException', 'Cluster not found.')
      .json('ecr', 'DescribePullThroughCacheRules', pullThroughCacheRulesPage([]));
    const err = await collect({ ecsService: 'nope/web' }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DiagnoseError);
    assert.equal(err.reason, 'workload-not-found');
    assert.match(err.message, /ECS cluster nope not found/);
  });

  it('an unknown task definition (ClientException) is bad input, exit 2', async () => {
    new FakeAws().answerTheRest();
    new FakeWorkloadAws()
      .jsonError('ecs', 'DescribeTaskDefinition', 'ClientException', 'Unable to describe task definition.')
      .json('ecr', 'DescribePullThroughCacheRules', pullThroughCacheRulesPage([]));
    const err = await collect({ ecsTaskDefinition: 'nope:1' }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DiagnoseError);
    assert.equal(err.reason, 'workload-not-found');
  });

  it('without a workload no ECS, EKS or ECR call is made', async () => {
    new FakeAws().answerTheRest();
    const api = new FakeWorkloadAws();
    const inv = await collectInventory({ vpcId: VPC_ID, region: REGION, endpointUrl: ENDPOINT }, { retryStrategy: instantRetries() });
    assert.equal(api.requests.length + api.eksRequests.length, 0);
    assert.equal(inv.workload, undefined);
    assert.deepEqual(inv.gaps, []);
  });
});
