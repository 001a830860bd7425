/**
 * ECR pull-through cache rules, both ways. Pure. The semantics users get wrong:
 *
 *  - ecrRepositoryPrefix "docker-hub" means "docker-hub/": a prefix is a whole path component
 *    (docker-hubx/nginx is not under it). ROOT means no prefix (ECR-to-ECR rules only).
 *  - upstreamRepositoryPrefix (absent = ROOT) is stripped from the upstream path and replaced
 *    by the ECR prefix: rule my-app ↔ upstream-app maps my-app/image1 to upstream-app/image1.
 *  - Docker Hub official images live under library/: nginx is cached as docker-hub/library/nginx.
 *  - The first pull of an image through a rule still needs a NAT path from a VPC that reaches
 *    ECR through interface endpoints (AWS docs, ECR interface VPC endpoint considerations).
 */
import { DOCKER_HUB_HOSTS, ecrHost, formatImage, hostName, type ImageRef } from './image-ref';
import type { PullThroughCacheRule } from './workload-types';

export const ROOT = 'ROOT';

/** Upstream registries a rule can point at, with whether ECR needs a Secrets Manager secret for them. */
export const PTC_UPSTREAMS: Readonly<Record<string, { url: string; needsSecret: boolean }>> = {
  'ecr-public': { url: 'public.ecr.aws', needsSecret: false },
  k8s: { url: 'registry.k8s.io', needsSecret: false },
  quay: { url: 'quay.io', needsSecret: false },
  'docker-hub': { url: 'registry-1.docker.io', needsSecret: true },
  ghcr: { url: 'ghcr.io', needsSecret: true },
  gitlab: { url: 'registry.gitlab.com', needsSecret: true },
  chainguard: { url: 'cgr.dev', needsSecret: true },
};

/** The upstream URL a rule for this image's registry would use; undefined when ECR cannot cache it. */
export function upstreamUrlFor(ref: ImageRef): string | undefined {
  if (ref.kind === 'azure') return hostName(ref.host);
  if (ref.kind === 'ecr' && ref.ecr && !ref.ecr.fips && !ref.ecr.dualStack) return hostName(ref.host);
  return PTC_UPSTREAMS[ref.kind]?.url;
}

/** Hosts compared as a rule compares them: Docker Hub's aliases are one registry, ports ignored. */
function sameRegistry(ruleUrl: string, imageHost: string): boolean {
  const norm = (h: string) => {
    const name = hostName(h.replace(/^https?:\/\//, '').replace(/\/+$/, '').toLowerCase());
    return DOCKER_HUB_HOSTS.includes(name) ? 'docker.io' : name;
  };
  return norm(ruleUrl) === norm(imageHost);
}

const isRoot = (prefix: string | undefined) => !prefix || prefix === ROOT;

/** "a/b" is under prefix "a" (and under "a/b"'s own parent paths), never under "a-x". */
function underPrefix(path: string, prefix: string): boolean {
  return path.startsWith(`${prefix.replace(/\/+$/, '')}/`);
}

export interface CacheMapping {
  rule: PullThroughCacheRule;
  /** The ECR repository the image is cached in. */
  cacheRepository: string;
  /** The image URI to use instead: <acct>.dkr.ecr.<region>.<domain>/<cacheRepository>:<tag>. */
  cacheUri: string;
}

/**
 * The rule that caches an image from another registry, and the ECR URI to pull instead.
 * Among several rules for one upstream, the longest matching upstream prefix wins.
 */
export function mapToCache(
  ref: ImageRef,
  rules: readonly PullThroughCacheRule[],
  registry: { accountId: string; region: string; domain: string },
): CacheMapping | undefined {
  const candidates = rules
    .filter((r) => sameRegistry(r.upstreamRegistryUrl, ref.host))
    .filter((r) => isRoot(r.upstreamRepositoryPrefix) || underPrefix(ref.repository, r.upstreamRepositoryPrefix!))
    .sort((a, b) => prefixLength(b.upstreamRepositoryPrefix) - prefixLength(a.upstreamRepositoryPrefix));
  const rule = candidates[0];
  if (!rule) return undefined;
  const rest = isRoot(rule.upstreamRepositoryPrefix)
    ? ref.repository
    : ref.repository.slice(rule.upstreamRepositoryPrefix!.replace(/\/+$/, '').length + 1);
  const cacheRepository = isRoot(rule.ecrRepositoryPrefix) ? rest : `${rule.ecrRepositoryPrefix.replace(/\/+$/, '')}/${rest}`;
  const account = rule.registryId ?? registry.accountId;
  const host = `${account}.dkr.ecr.${registry.region}.${registry.domain}`;
  return { rule, cacheRepository, cacheUri: formatImage(host, cacheRepository, ref.tag, ref.digest) };
}

function prefixLength(prefix: string | undefined): number {
  return isRoot(prefix) ? 0 : prefix!.length;
}

export interface CachedSource {
  rule: PullThroughCacheRule;
  /** The upstream image the cache fetches on first pull. */
  upstreamUri: string;
}

/**
 * For an image already written as a cache URI (this registry, repository under a rule's ECR
 * prefix): the rule and the upstream image it caches. A ROOT rule only claims repositories no
 * other rule's prefix does.
 */
export function cachedFrom(repository: string, ref: ImageRef, rules: readonly PullThroughCacheRule[]): CachedSource | undefined {
  const prefixed = rules
    .filter((r) => !isRoot(r.ecrRepositoryPrefix) && underPrefix(repository, r.ecrRepositoryPrefix))
    .sort((a, b) => b.ecrRepositoryPrefix.length - a.ecrRepositoryPrefix.length);
  const rule = prefixed[0] ?? rules.find((r) => isRoot(r.ecrRepositoryPrefix));
  if (!rule) return undefined;
  const rest = isRoot(rule.ecrRepositoryPrefix) ? repository : repository.slice(rule.ecrRepositoryPrefix.replace(/\/+$/, '').length + 1);
  const upstreamRepository = isRoot(rule.upstreamRepositoryPrefix) ? rest : `${rule.upstreamRepositoryPrefix!.replace(/\/+$/, '')}/${rest}`;
  const upstreamHost = rule.upstreamRegistryUrl.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  return { rule, upstreamUri: formatImage(upstreamHost, upstreamRepository, ref.tag, ref.digest) };
}

/** A readable rule: "docker-hub/ → registry-1.docker.io" (with the upstream prefix when set). */
export function describeRule(rule: PullThroughCacheRule): string {
  const ecr = isRoot(rule.ecrRepositoryPrefix) ? ROOT : `${rule.ecrRepositoryPrefix.replace(/\/+$/, '')}/`;
  const upstream = isRoot(rule.upstreamRepositoryPrefix) ? '' : `/${rule.upstreamRepositoryPrefix!.replace(/\/+$/, '')}/`;
  return `${ecr} → ${rule.upstreamRegistryUrl}${upstream}`;
}

/** True when the rule's upstream is ECR itself (ECR-to-ECR caching). */
export function isEcrUpstream(rule: PullThroughCacheRule): boolean {
  return rule.upstreamRegistry === 'ecr' || !!ecrHost(rule.upstreamRegistryUrl);
}
