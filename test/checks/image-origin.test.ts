import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageOrigin } from '../../src/checks/image-origin';
import type { EcrImageLookup, Inventory, PullThroughCacheRule } from '../../src/inventory/types';
import { anInventory, type InventoryBuilder } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';
import { OWN, ecsWorkload, imagesOnly } from '../helpers/workload-fixtures';

const found = (repositoryName: string, imageTag: string): EcrImageLookup => ({ registryId: '111122223333', repositoryName, imageTag, result: 'found', digest: `sha256:${'c3'.repeat(32)}`, pushedAt: '2026-11-01T00:00:00.000Z' });
const missing = (repositoryName: string, imageTag: string, result: EcrImageLookup['result'] = 'image-not-found'): EcrImageLookup => ({ registryId: '111122223333', repositoryName, imageTag, result });

/** No route to the internet from the app subnets (the NAT route removed). */
const noNat = (b: InventoryBuilder) => b.routeTable('rtb-app', (rt) => (rt.routes = rt.routes.filter((r) => !r.natGatewayId)));

function withImages(images: string[], lookups: EcrImageLookup[] = [], rules?: PullThroughCacheRule[]): InventoryBuilder {
  return anInventory().edit((i: Inventory) => {
    i.workload = ecsWorkload(images);
    i.ecrImages = lookups;
    if (rules) i.pullThroughCache = rules;
  });
}

describe('image-origin', () => {
  it('passes when every image is in this account and region and exists', () => {
    const r = run(imageOrigin, withImages([`${OWN}/web:1.2`, `${OWN}/sidecar:3`], [found('web', '1.2'), found('sidecar', '3')]).build());
    assert.equal(r.status, 'pass', r.summary);
    assert.match(r.summary, /All 2 images are in 111122223333\.dkr\.ecr\.us-east-1\.amazonaws\.com/);
    assert.equal(r.evidence.length, 2);
    assert.match(r.evidence[0].note ?? '', /task definition web:3, container app/);
  });

  it('fails when the tag is not in the repository, or the repository does not exist', () => {
    const r = run(imageOrigin, withImages([`${OWN}/web:9.9`, `${OWN}/gone:1`], [missing('web', '9.9'), missing('gone', '1', 'repository-not-found')]).build());
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /tag 9\.9 is not in repository web/);
    assert.match(r.summary, /repository gone does not exist/);
    assert.ok(r.remediation.some((f) => f.id === `push-image:${OWN}/web:9.9`));
  });

  it('warns when an image of this registry was not looked up', () => {
    const r = run(imageOrigin, withImages([`${OWN}/web:1.2`]).build());
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /not looked up/);
  });

  it("warns for another account's registry in this region (served by the endpoints, repository policy decides)", () => {
    const r = run(imageOrigin, withImages(['999988887777.dkr.ecr.us-east-1.amazonaws.com/shared/base:1']).build());
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /account 999988887777's registry: the endpoints serve it/);
  });

  it('another region: warn through the NAT, fail without one', () => {
    const img = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/web:1';
    const viaNat = run(imageOrigin, withImages([img]).build());
    assert.equal(viaNat.status, 'warn');
    assert.match(viaNat.summary, /endpoints serve ECR in us-east-1 only, not eu-west-1.*through nat-main/);
    const stuck = run(imageOrigin, noNat(withImages([img])).build());
    assert.equal(stuck.status, 'fail');
    assert.match(stuck.summary, /no workload subnet has a NAT or internet path: the pull fails/);
    assert.ok(stuck.remediation.some((f) => f.id === 'replicate:eu-west-1/web'));
  });

  it('another registry (--image nginx:latest): warn through the NAT, fail without one, the host named', () => {
    const inv = (b: InventoryBuilder) => b.edit((i) => (i.workload = imagesOnly('nginx:latest')));
    const viaNat = run(imageOrigin, inv(anInventory()).build());
    assert.equal(viaNat.status, 'warn');
    assert.match(viaNat.summary, /nginx:latest comes from docker\.io \(Docker Hub\)/);
    const stuck = run(imageOrigin, noNat(inv(anInventory())).build());
    assert.equal(stuck.status, 'fail');
    assert.equal(stuck.evidence[0].observed, 'docker.io (Docker Hub)');
    assert.ok(stuck.remediation.some((f) => f.id === 'ptc-rule:registry-1.docker.io'));
  });

  it('--image given to doctor only (CheckOptions.images) counts too', () => {
    const r = run(imageOrigin, noNat(anInventory()).build(), { images: ['ghcr.io/org/app:1'] });
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /ghcr\.io \(GitHub Container Registry\)/);
  });

  it('names the cache URI when a pull-through rule maps the image (still fails: the URI as written is not served)', () => {
    const rules = [{ ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io' }];
    const r = run(imageOrigin, noNat(withImages(['nginx:1.27'], [], rules)).build());
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /caches it as 111122223333\.dkr\.ecr\.us-east-1\.amazonaws\.com\/docker-hub\/library\/nginx:1\.27/);
    assert.equal(r.remediation[0].id, 'use-cache-uri:nginx:1.27');
  });

  it('a cache URI not cached yet: warn with a NAT path (first pull), fail without', () => {
    const rules = [{ ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io' }];
    const img = `${OWN}/docker-hub/library/nginx:1.27`;
    const lookups = [missing('docker-hub/library/nginx', '1.27', 'repository-not-found')];
    const warm = run(imageOrigin, withImages([img], lookups, rules).build());
    assert.equal(warm.status, 'warn');
    assert.match(warm.summary, /not cached yet: its first pull makes ECR fetch registry-1\.docker\.io\/library\/nginx:1\.27/);
    assert.equal(run(imageOrigin, noNat(withImages([img], lookups, rules)).build()).status, 'fail');
  });

  it('some subnets without a path: fail naming them', () => {
    const inv = anInventory()
      .edit((i) => (i.workload = imagesOnly('quay.io/prometheus/node-exporter:v1')))
      .edit((i) => i.routeTables!.push({ id: 'rtb-b', main: false, associations: [{ subnetId: 'subnet-app-b', main: false }], routes: [{ destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local', state: 'active' }], tags: {} }))
      .routeTable('rtb-app', (rt) => (rt.associations = rt.associations.filter((a) => a.subnetId !== 'subnet-app-b')))
      .build();
    const r = run(imageOrigin, inv);
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /subnet-app-b has no NAT or internet path/);
  });

  it('a private NAT gateway is no path to the internet', () => {
    const inv = anInventory()
      .edit((i) => (i.workload = imagesOnly('nginx')))
      .edit((i) => (i.natGateways![0].connectivityType = 'private'))
      .build();
    assert.equal(run(imageOrigin, inv).status, 'fail');
  });

  it('an invalid reference fails, named, without stopping the other images', () => {
    const r = run(imageOrigin, withImages(['Bad/Image:1', `${OWN}/web:1.2`], [found('web', '1.2')]).build());
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /Bad\/Image:1 is not a valid image reference/);
    assert.equal(r.evidence.length, 2);
  });

  it('FIPS hosts and private registries warn', () => {
    assert.equal(run(imageOrigin, anInventory().edit((i) => (i.workload = imagesOnly('111122223333.dkr.ecr-fips.us-east-1.amazonaws.com/web:1'))).build()).status, 'warn');
    assert.equal(run(imageOrigin, anInventory().edit((i) => (i.workload = imagesOnly('registry.internal:5000/app:1'))).build()).status, 'warn');
  });

  it('skips when no image is known (with a hint for EKS)', () => {
    assert.equal(run(imageOrigin, anInventory().build()).status, 'skip');
    const eks = run(imageOrigin, anInventory().edit((i) => (i.workload = { request: { eksCluster: 'k1', images: [] }, eksCluster: { name: 'k1', arn: 'a', status: 'ACTIVE', subnetIds: [], securityGroupIds: [] } })).build());
    assert.equal(eks.status, 'skip');
    assert.match(eks.summary, /--image/);
  });

  it('is an error when the workload or the image look-ups could not be read', () => {
    assert.equal(run(imageOrigin, withImages([`${OWN}/web:1`]).withGap('ecrImages', 'ecr:DescribeImages', 'AccessDeniedException').build()).status, 'error');
    const r = run(imageOrigin, anInventory().withGap('workload', 'ecs:DescribeServices', 'AccessDeniedException').build());
    assert.equal(r.status, 'error');
    assert.match(r.summary, /Grant ecs:DescribeServices/);
  });
});
