/** Pull-through cache rules, the prefix semantics users get wrong, both directions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageRef, type ImageRef } from '../../src/inventory/image-ref';
import { cachedFrom, describeRule, mapToCache, upstreamUrlFor } from '../../src/inventory/pull-through';
import type { PullThroughCacheRule } from '../../src/inventory/types';

const REGISTRY = { accountId: '111122223333', region: 'us-east-1', domain: 'amazonaws.com' };
const HOST = '111122223333.dkr.ecr.us-east-1.amazonaws.com';

function ref(raw: string): ImageRef {
  const r = parseImageRef(raw);
  assert.ok(r.ok);
  return r.ref;
}

const dockerHub: PullThroughCacheRule = { ecrRepositoryPrefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io', upstreamRegistry: 'docker-hub' };
const quay: PullThroughCacheRule = { ecrRepositoryPrefix: 'quay', upstreamRegistryUrl: 'quay.io' };
const ecrPublic: PullThroughCacheRule = { ecrRepositoryPrefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws' };

describe('mapToCache: an upstream image → the ECR URI to use instead', () => {
  it("Docker Hub official images keep library/ (nginx → docker-hub/library/nginx)", () => {
    const m = mapToCache(ref('nginx:1.27'), [dockerHub], REGISTRY);
    assert.equal(m?.cacheRepository, 'docker-hub/library/nginx');
    assert.equal(m?.cacheUri, `${HOST}/docker-hub/library/nginx:1.27`);
  });

  it('Docker Hub under any of its host names matches a registry-1.docker.io rule', () => {
    for (const raw of ['docker.io/bitnami/redis:7', 'index.docker.io/bitnami/redis:7', 'registry-1.docker.io/bitnami/redis:7', 'bitnami/redis:7']) {
      assert.equal(mapToCache(ref(raw), [dockerHub], REGISTRY)?.cacheUri, `${HOST}/docker-hub/bitnami/redis:7`, raw);
    }
  });

  it('the digest is carried over', () => {
    const digest = `sha256:${'b2'.repeat(32)}`;
    assert.equal(mapToCache(ref(`quay.io/prometheus/node-exporter@${digest}`), [quay], REGISTRY)?.cacheUri, `${HOST}/quay/prometheus/node-exporter@${digest}`);
  });

  it('no rule for the registry: undefined', () => {
    assert.equal(mapToCache(ref('ghcr.io/org/app:1'), [dockerHub, quay], REGISTRY), undefined);
  });

  it('a trailing slash written on the prefix changes nothing (the slash is implicit)', () => {
    const m = mapToCache(ref('public.ecr.aws/nginx/nginx:1'), [{ ...ecrPublic, ecrRepositoryPrefix: 'ecr-public/' }], REGISTRY);
    assert.equal(m?.cacheRepository, 'ecr-public/nginx/nginx');
  });

  it('upstreamRepositoryPrefix: my-app ↔ upstream-app maps upstream-app/image1 to my-app/image1, not other repositories', () => {
    const rule: PullThroughCacheRule = { ecrRepositoryPrefix: 'my-app', upstreamRegistryUrl: '444455556666.dkr.ecr.us-west-2.amazonaws.com', upstreamRepositoryPrefix: 'upstream-app' };
    const m = mapToCache(ref('444455556666.dkr.ecr.us-west-2.amazonaws.com/upstream-app/image1:v1'), [rule], REGISTRY);
    assert.equal(m?.cacheRepository, 'my-app/image1');
    assert.equal(mapToCache(ref('444455556666.dkr.ecr.us-west-2.amazonaws.com/other/image1:v1'), [rule], REGISTRY), undefined);
    // "upstream-apps" is not under "upstream-app/": prefixes are whole path components.
    assert.equal(mapToCache(ref('444455556666.dkr.ecr.us-west-2.amazonaws.com/upstream-apps/x:v1'), [rule], REGISTRY), undefined);
  });

  it('ROOT/ROOT (ECR to ECR) keeps the repository name; the longest upstream prefix wins', () => {
    const up = '444455556666.dkr.ecr.us-west-2.amazonaws.com';
    const root: PullThroughCacheRule = { ecrRepositoryPrefix: 'ROOT', upstreamRegistryUrl: up, upstreamRepositoryPrefix: 'ROOT' };
    const team: PullThroughCacheRule = { ecrRepositoryPrefix: 'team-a', upstreamRegistryUrl: up, upstreamRepositoryPrefix: 'team-a' };
    assert.equal(mapToCache(ref(`${up}/my-app/image1:1`), [root, team], REGISTRY)?.cacheRepository, 'my-app/image1');
    assert.equal(mapToCache(ref(`${up}/team-a/myapp:1`), [root, team], REGISTRY)?.cacheRepository, 'team-a/myapp');
  });

  it("a rule of another registry id builds that account's URI", () => {
    const m = mapToCache(ref('quay.io/a/b:1'), [{ ...quay, registryId: '999988887777' }], REGISTRY);
    assert.equal(m?.cacheUri, '999988887777.dkr.ecr.us-east-1.amazonaws.com/quay/a/b:1');
  });
});

describe('cachedFrom: a cache URI → the rule and the upstream image', () => {
  it('docker-hub/library/nginx comes from registry-1.docker.io/library/nginx', () => {
    const r = ref(`${HOST}/docker-hub/library/nginx:1.27`);
    const src = cachedFrom(r.repository, r, [quay, dockerHub]);
    assert.equal(src?.rule, dockerHub);
    assert.equal(src?.upstreamUri, 'registry-1.docker.io/library/nginx:1.27');
  });

  it('docker-hubx/… is not under docker-hub/', () => {
    const r = ref(`${HOST}/docker-hubx/nginx:1`);
    assert.equal(cachedFrom(r.repository, r, [dockerHub]), undefined);
  });

  it('an upstream prefix is put back', () => {
    const rule: PullThroughCacheRule = { ecrRepositoryPrefix: 'my-app', upstreamRegistryUrl: 'x.dkr.ecr.us-west-2.amazonaws.com', upstreamRepositoryPrefix: 'upstream-app' };
    const r = ref(`${HOST}/my-app/image1:1`);
    assert.equal(cachedFrom(r.repository, r, [rule])?.upstreamUri, 'x.dkr.ecr.us-west-2.amazonaws.com/upstream-app/image1:1');
  });

  it('a ROOT rule claims what no prefixed rule does', () => {
    const root: PullThroughCacheRule = { ecrRepositoryPrefix: 'ROOT', upstreamRegistryUrl: '444455556666.dkr.ecr.us-west-2.amazonaws.com' };
    const r = ref(`${HOST}/web:1`);
    assert.equal(cachedFrom(r.repository, r, [root, quay])?.rule, root);
    const q = ref(`${HOST}/quay/a:1`);
    assert.equal(cachedFrom(q.repository, q, [root, quay])?.rule, quay);
  });
});

describe('upstreamUrlFor and describeRule', () => {
  it('knows the supported upstreams, and nothing for the others', () => {
    assert.equal(upstreamUrlFor(ref('nginx')), 'registry-1.docker.io');
    assert.equal(upstreamUrlFor(ref('registry.k8s.io/pause:3.9')), 'registry.k8s.io');
    assert.equal(upstreamUrlFor(ref('myreg.azurecr.io/app')), 'myreg.azurecr.io');
    assert.equal(upstreamUrlFor(ref('444455556666.dkr.ecr.us-west-2.amazonaws.com/app')), '444455556666.dkr.ecr.us-west-2.amazonaws.com');
    assert.equal(upstreamUrlFor(ref('gcr.io/distroless/static')), undefined);
  });

  it('shows the implicit slash and the upstream prefix', () => {
    assert.equal(describeRule(dockerHub), 'docker-hub/ → registry-1.docker.io');
    assert.equal(describeRule({ ecrRepositoryPrefix: 'my-app', upstreamRegistryUrl: 'u', upstreamRepositoryPrefix: 'upstream-app' }), 'my-app/ → u/upstream-app/');
  });
});
