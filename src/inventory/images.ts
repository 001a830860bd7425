/**
 * The images a workload pulls and where each comes from, relative to the VPC's account and
 * region. Pure; shared by the collector (which images to look up with ecr:DescribeImages) and
 * the registry checks.
 */
import { parseImageRef, type ImageRef } from './image-ref';
import { mapToCache } from './pull-through';
import type { EcrImageLookup, Inventory, PullThroughCacheRule, WorkloadFacts } from './types';

/** One image to judge, and where it was named (for the report). */
export interface WorkloadImage {
  uri: string;
  /** "--image", "task definition web:3, container app"… */
  source: string;
}

/** Every image the workload names: the task definition's containers, then --image; one per URI. */
export function imagesOf(workload: WorkloadFacts | undefined, extra: readonly string[] = []): WorkloadImage[] {
  const td = workload?.taskDefinition;
  const fromTask = (td?.containers ?? []).map((c) => ({ uri: c.image, source: `task definition ${td!.family}:${td!.revision}, container ${c.name}` }));
  const fromFlags = [...(workload?.request.images ?? []), ...extra].map((uri) => ({ uri, source: '--image' }));
  const seen = new Set<string>();
  return [...fromTask, ...fromFlags].filter((i) => {
    const key = i.uri.trim();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type Origin =
  /** ECR in the VPC's account and region: what the endpoints serve. */
  | 'this-registry'
  /** ECR in the VPC's region, another account: the endpoints serve it; its repository policy decides. */
  | 'other-account'
  /** ECR in another region: the endpoints cannot serve it. */
  | 'other-region'
  /** This region's ECR under a FIPS or dual-stack host name the ecr.dkr endpoint's private DNS does not cover. */
  | 'ecr-variant-host'
  /** This region's ECR, but the caller's account is unknown. */
  | 'account-unknown'
  /** Another registry (Docker Hub, ghcr.io, public.ecr.aws…). */
  | 'external'
  /** A registry on a private network (localhost, 10.x, *.internal). */
  | 'private'
  | 'invalid';

export interface ClassifiedImage {
  image: WorkloadImage;
  ref?: ImageRef;
  /** Set when the reference does not parse. */
  error?: string;
  origin: Origin;
}

export interface RegistryTarget {
  region: string;
  accountId?: string;
}

export function classifyImage(image: WorkloadImage, target: RegistryTarget): ClassifiedImage {
  const parsed = parseImageRef(image.uri);
  if (!parsed.ok) return { image, error: parsed.error, origin: 'invalid' };
  const ref = parsed.ref;
  if (ref.kind === 'private') return { image, ref, origin: 'private' };
  if (ref.kind !== 'ecr' || !ref.ecr) return { image, ref, origin: 'external' };
  if (ref.ecr.region !== target.region) return { image, ref, origin: 'other-region' };
  if (ref.ecr.fips || ref.ecr.dualStack) return { image, ref, origin: 'ecr-variant-host' };
  if (!target.accountId) return { image, ref, origin: 'account-unknown' };
  return { image, ref, origin: ref.ecr.accountId === target.accountId ? 'this-registry' : 'other-account' };
}

/** The registry domain of a region: amazonaws.com.cn in China, amazonaws.com elsewhere (ISO partitions aside). */
export function registryDomain(region: string): string {
  if (region.startsWith('cn-')) return 'amazonaws.com.cn';
  if (region.startsWith('us-iso-')) return 'c2s.ic.gov';
  if (region.startsWith('us-isob-')) return 'sc2s.sgov.gov';
  return 'amazonaws.com';
}

/** One DescribeImages question: a repository of this account's registry and a tag or digest in it. */
export interface ImageQuestion {
  repositoryName: string;
  imageTag?: string;
  imageDigest?: string;
}

const questionKey = (repository: string, tag?: string, digest?: string) => `${repository}${digest ? `@${digest}` : `:${tag ?? 'latest'}`}`;

/** The question for a reference: by digest when it has one (the tag is then ignored by the pull). */
export function questionFor(repository: string, ref: Pick<ImageRef, 'tag' | 'digest'>): ImageQuestion {
  return ref.digest ? { repositoryName: repository, imageDigest: ref.digest } : { repositoryName: repository, imageTag: ref.tag ?? 'latest' };
}

/**
 * What to ask ecr:DescribeImages: the workload's images in this account and region, plus the
 * cache repository of each external image a pull-through rule maps (to tell "already cached").
 */
export function imageQuestions(
  images: readonly WorkloadImage[],
  target: { region: string; accountId: string },
  rules: readonly PullThroughCacheRule[],
): ImageQuestion[] {
  const out = new Map<string, ImageQuestion>();
  const add = (q: ImageQuestion) => out.set(questionKey(q.repositoryName, q.imageTag, q.imageDigest), q);
  const registry = { ...target, domain: registryDomain(target.region) };
  for (const image of images) {
    const c = classifyImage(image, target);
    if (!c.ref) continue;
    if (c.origin === 'this-registry') add(questionFor(c.ref.repository, c.ref));
    else if (c.origin === 'external' || c.origin === 'other-region') {
      const mapping = mapToCache(c.ref, rules, registry);
      if (mapping && (mapping.rule.registryId ?? target.accountId) === target.accountId) add(questionFor(mapping.cacheRepository, c.ref));
    }
  }
  return [...out.values()];
}

/** The look-up answering a question, if it was asked. */
export function lookupFor(inv: Inventory, q: ImageQuestion): EcrImageLookup | undefined {
  const key = questionKey(q.repositoryName, q.imageTag, q.imageDigest);
  return (inv.ecrImages ?? []).find((l) => questionKey(l.repositoryName, l.imageTag, l.imageDigest) === key);
}
