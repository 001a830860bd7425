/** Image references parsed as Docker reads them, and their registries classified. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseImageRef, type ImageRef } from '../../src/inventory/image-ref';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

function ok(raw: string): ImageRef {
  const r = parseImageRef(raw);
  assert.ok(r.ok, `${raw}: ${r.ok ? '' : r.error}`);
  return r.ref;
}

function bad(raw: string): string {
  const r = parseImageRef(raw);
  assert.ok(!r.ok, `${raw} should not parse`);
  return r.error;
}

describe('parseImageRef: ECR', () => {
  it('an ECR URI with a tag: account, region, repository', () => {
    const r = ok('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1.2.3');
    assert.equal(r.kind, 'ecr');
    assert.equal(r.host, '123456789012.dkr.ecr.us-east-1.amazonaws.com');
    assert.equal(r.repository, 'team/web');
    assert.equal(r.tag, '1.2.3');
    assert.deepEqual(r.ecr, { accountId: '123456789012', region: 'us-east-1', fips: false, dualStack: false, domain: 'amazonaws.com' });
  });

  it('a digest, with and without a tag (no default tag with a digest)', () => {
    const byDigest = ok(`123456789012.dkr.ecr.us-east-1.amazonaws.com/web@${DIGEST}`);
    assert.equal(byDigest.digest, DIGEST);
    assert.equal(byDigest.tag, undefined);
    const both = ok(`123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1@${DIGEST}`);
    assert.equal(both.tag, 'v1');
    assert.equal(both.digest, DIGEST);
  });

  it('China (.amazonaws.com.cn), FIPS, dual-stack and another region', () => {
    assert.deepEqual(ok('123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/web:1').ecr, {
      accountId: '123456789012', region: 'cn-north-1', fips: false, dualStack: false, domain: 'amazonaws.com.cn',
    });
    const fips = ok('123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/web:1').ecr;
    assert.equal(fips?.fips, true);
    assert.equal(fips?.region, 'us-gov-west-1');
    assert.equal(ok('123456789012.dkr-ecr.eu-west-1.on.aws/web:1').ecr?.dualStack, true);
    assert.equal(ok('210987654321.dkr.ecr.eu-west-1.amazonaws.com/web').ecr?.region, 'eu-west-1');
  });

  it('a port on an ECR host is ignored for the classification', () => {
    assert.equal(ok('123456789012.dkr.ecr.us-east-1.amazonaws.com:443/web:1').kind, 'ecr');
  });

  it('a look-alike host is not ECR', () => {
    assert.equal(ok('123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.io/web:1').kind, 'other');
    assert.equal(ok('12345.dkr.ecr.us-east-1.amazonaws.com/web:1').kind, 'other');
  });
});

describe('parseImageRef: other registries', () => {
  it('public.ecr.aws', () => {
    const r = ok('public.ecr.aws/nginx/nginx:1.27');
    assert.equal(r.kind, 'ecr-public');
    assert.equal(r.repository, 'nginx/nginx');
  });

  it('Docker Hub short forms: nginx and library/nginx are docker.io/library/nginx:latest', () => {
    for (const raw of ['nginx', 'library/nginx', 'docker.io/nginx', 'docker.io/library/nginx', 'index.docker.io/library/nginx', 'registry-1.docker.io/library/nginx']) {
      const r = ok(raw);
      assert.equal(r.kind, 'docker-hub', raw);
      assert.equal(r.host, 'docker.io', raw);
      assert.equal(r.repository, 'library/nginx', raw);
      assert.equal(r.tag, 'latest', raw);
    }
  });

  it('Docker Hub user images keep their namespace', () => {
    const r = ok('bitnami/redis:7.2');
    assert.equal(r.kind, 'docker-hub');
    assert.equal(r.repository, 'bitnami/redis');
    assert.equal(r.tag, '7.2');
  });

  it('ghcr.io, quay.io, registry.k8s.io, GitLab, Azure, Chainguard', () => {
    assert.equal(ok('ghcr.io/org/app:main').kind, 'ghcr');
    assert.equal(ok('quay.io/prometheus/node-exporter:v1.8.0').kind, 'quay');
    assert.equal(ok('registry.k8s.io/pause:3.9').kind, 'k8s');
    assert.equal(ok('registry.gitlab.com/group/project/image:1').kind, 'gitlab');
    assert.equal(ok('myreg.azurecr.io/app:1').kind, 'azure');
    assert.equal(ok('cgr.dev/chainguard/static:latest').kind, 'chainguard');
    assert.equal(ok('gcr.io/distroless/static').kind, 'other');
  });

  it('localhost:5000/x, a private IP and a one-label host are private registries; ports are kept in the host', () => {
    const local = ok('localhost:5000/x');
    assert.equal(local.kind, 'private');
    assert.equal(local.host, 'localhost:5000');
    assert.equal(local.repository, 'x');
    assert.equal(ok('10.0.5.10:5000/team/app:1').kind, 'private');
    assert.equal(ok('registry.internal/app').kind, 'private');
    assert.equal(ok('myregistry:5000/app').kind, 'private');
    assert.equal(ok('registry.example.com:8443/app:2').host, 'registry.example.com:8443');
  });

  it('a tag after a port-bearing host is still a tag', () => {
    const r = ok('localhost:5000/x:v2');
    assert.equal(r.host, 'localhost:5000');
    assert.equal(r.tag, 'v2');
  });
});

describe('parseImageRef: errors, one per image, never a throw', () => {
  it('upper case in the repository path', () => {
    assert.match(bad('MyApp'), /lower case/);
    assert.match(bad('123456789012.dkr.ecr.us-east-1.amazonaws.com/Web:1'), /lower case/);
    assert.match(bad('MyRegistry/App:latest'), /lower case/);
  });

  it('empty, whitespace, control characters, URL schemes', () => {
    assert.match(bad(''), /empty/);
    assert.match(bad('nginx latest'), /whitespace/);
    assert.match(bad('nginx\u001b[31m'), /control/);
    assert.match(bad('https://ghcr.io/org/app'), /scheme/);
  });

  it('bad tags and digests', () => {
    assert.match(bad('nginx:'), /tag/);
    assert.match(bad('nginx:-x'), /tag/);
    assert.match(bad(`nginx:${'t'.repeat(129)}`), /tag/);
    assert.match(bad('nginx@sha256:abc'), /digest/);
    assert.match(bad(`nginx@sha256:${'A1'.repeat(32)}`), /digest/);
  });

  it('bad separators and hosts', () => {
    assert.match(bad('team//app'), /path component/);
    assert.match(bad('-app'), /path component/);
    assert.match(bad('host:99999/app'), /host/);
  });
});
