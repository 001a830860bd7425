import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ecrPullThroughCache } from '../../src/checks/ecr-pull-through-cache';
import type { EcrImageLookup, PullThroughCacheRule } from '../../src/inventory/types';
import { anInventory, type InventoryBuilder } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';
import { OWN, ecsWorkload } from '../helpers/workload-fixtures';

const DOCKER_HUB: PullThroughCacheRule = { ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io', upstreamRegistry: 'docker-hub', credentialArn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:ecr-pullthroughcache/docker-hub-AbCdEf' };
const K8S: PullThroughCacheRule = { ecrRepositoryPrefix: 'kubernetes', upstreamRegistryUrl: 'registry.k8s.io' };

const lookup = (repositoryName: string, imageTag: string, result: EcrImageLookup['result']): EcrImageLookup => ({ registryId: '111122223333', repositoryName, imageTag, result });

function inv(images: string[], rules: PullThroughCacheRule[] | undefined, lookups: EcrImageLookup[] = []): InventoryBuilder {
  return anInventory().edit((i) => {
    i.workload = ecsWorkload(images);
    if (rules) i.pullThroughCache = rules;
    i.ecrImages = lookups;
  });
}

const noNat = (b: InventoryBuilder) => b.routeTable('rtb-app', (rt) => (rt.routes = rt.routes.filter((r) => !r.natGatewayId)));

describe('ecr-pull-through-cache', () => {
  it('passes when the images already use a rule prefix and are cached', () => {
    const r = run(ecrPullThroughCache, inv([`${OWN}/docker-hub/library/nginx:1.27`], [DOCKER_HUB], [lookup('docker-hub/library/nginx', '1.27', 'found')]).build());
    assert.equal(r.status, 'pass', r.summary);
    assert.match(r.summary, /cached through docker-hub\/ → registry-1\.docker\.io/);
  });

  it('warns with the URI to use instead when a rule maps an upstream image (library/ for official images)', () => {
    const r = run(ecrPullThroughCache, inv(['nginx:1.27'], [K8S, DOCKER_HUB]).build());
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /use 111122223333\.dkr\.ecr\.us-east-1\.amazonaws\.com\/docker-hub\/library\/nginx:1\.27/);
    assert.match(r.summary, /not cached yet: its first pull needs a NAT path \(through nat-main\)/);
    assert.equal(r.evidence[0].expected, `${OWN}/docker-hub/library/nginx:1.27`);
    assert.equal(r.remediation[0].id, 'use-cache-uri:nginx:1.27');
  });

  it('says "already cached" when the cache copy exists', () => {
    const r = run(ecrPullThroughCache, inv(['registry.k8s.io/pause:3.9'], [K8S], [lookup('kubernetes/pause', '3.9', 'found')]).build());
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /already cached/);
  });

  it('a mapped image without a NAT path stays a warning (the first pull needs one)', () => {
    const r = run(ecrPullThroughCache, noNat(inv(['nginx:1.27'], [DOCKER_HUB])).build());
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /first pull needs a NAT path, and no workload subnet has a NAT or internet path/);
  });

  it('a cache URI not cached yet fails without a NAT path, warns with one', () => {
    const img = `${OWN}/kubernetes/pause:3.9`;
    const missing = [lookup('kubernetes/pause', '3.9', 'repository-not-found')];
    assert.equal(run(ecrPullThroughCache, inv([img], [K8S], missing).build()).status, 'warn');
    const r = run(ecrPullThroughCache, noNat(inv([img], [K8S], missing)).build());
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /fetches registry\.k8s\.io\/pause:3\.9 and needs a NAT path/);
  });

  it('no rule for the registry: warn with a NAT path, fail without, and say how to create one', () => {
    const r = run(ecrPullThroughCache, inv(['ghcr.io/org/app:2'], [DOCKER_HUB]).build());
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /no pull-through cache rule for ghcr\.io; a rule with prefix github would serve it as .*\/github\/org\/app:2/);
    assert.match((r.remediation[0].action as { detail: string }).detail, /--credential-arn/);
    assert.equal(run(ecrPullThroughCache, noNat(inv(['ghcr.io/org/app:2'], [])).build()).status, 'fail');
  });

  it('a registry pull-through cache cannot serve: copy the image', () => {
    const r = run(ecrPullThroughCache, inv(['gcr.io/distroless/static:nonroot'], [DOCKER_HUB]).build());
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /cannot cache gcr\.io/);
  });

  it('skips when every image is this registry\'s and outside any rule prefix', () => {
    const r = run(ecrPullThroughCache, inv([`${OWN}/web:1.2`], [DOCKER_HUB]).build());
    assert.equal(r.status, 'skip');
  });

  it('skips when the rules were not collected (a snapshot without a workload, --image at replay)', () => {
    const r = run(ecrPullThroughCache, anInventory().build(), { images: ['nginx'] });
    assert.equal(r.status, 'skip');
    assert.match(r.summary, /not collected/);
  });

  it('is an error when DescribePullThroughCacheRules was denied', () => {
    const r = run(ecrPullThroughCache, inv(['nginx'], undefined).withGap('pullThroughCache', 'ecr:DescribePullThroughCacheRules', 'AccessDeniedException').build());
    assert.equal(r.status, 'error');
    assert.match(r.summary, /Grant ecr:DescribePullThroughCacheRules/);
  });
});
