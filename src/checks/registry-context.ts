/**
 * What both registry-stage checks (image-origin, ecr-pull-through-cache) start from: the
 * workload's images classified against the VPC's account and region, and whether the workload
 * subnets can reach the internet at all. Pure.
 */
import { formatImage, type ImageRef } from '../inventory/image-ref';
import { classifyImage, imagesOf, registryDomain, type ClassifiedImage } from '../inventory/images';
import { PTC_UPSTREAMS, upstreamUrlFor } from '../inventory/pull-through';
import { exits, internetReach, type InternetReach } from '../inventory/internet-path';
import { workloadSubnets } from '../inventory/query';
import type { Inventory } from '../inventory/types';
import type { CheckOptions, Remediation } from './types';

export interface RegistryContext {
  images: ClassifiedImage[];
  reach: InternetReach;
  /** This account's registry host in the region (with "<account>" when the account is unknown). */
  registryHost: string;
  registry: { accountId: string; region: string; domain: string };
}

export function registryContext(inv: Inventory, opts: CheckOptions): RegistryContext {
  const { region, accountId } = inv.target;
  const images = imagesOf(inv.workload, opts.images).map((i) => classifyImage(i, { region, accountId }));
  const subnets = workloadSubnets(inv, opts.subnetIds).subnets;
  const reach = internetReach(inv, subnets, inv.workload?.ecsService?.assignPublicIp);
  const domain = registryDomain(region);
  const account = accountId ?? '<account>';
  return { images, reach, registryHost: `${account}.dkr.ecr.${region}.${domain}`, registry: { accountId: account, region, domain } };
}

/**
 * The internet path in words. ok: every workload subnet has one (or it cannot be told), text
 * "through nat-0abc"; not ok: text "subnet-1 has no NAT or internet path".
 */
export function reachPhrase(reach: InternetReach): { ok: boolean; text: string } {
  const without = reach.paths.filter((p) => p.via === 'none').map((p) => p.subnetId);
  switch (reach.reach) {
    case 'all':
      return { ok: true, text: `through ${exits(reach)}` };
    case 'unknown':
      return { ok: true, text: reach.paths.length === 0 ? 'through whatever path the workload has (no workload subnet known)' : `maybe through ${exits(reach)} (cannot tell where it leads)` };
    case 'some':
      return { ok: false, text: `${without.join(', ')} ${without.length === 1 ? 'has' : 'have'} no NAT or internet path` };
    case 'none':
      return { ok: false, text: reach.paths.length === 1 ? `${reach.paths[0].subnetId} has no NAT or internet path` : 'no workload subnet has a NAT or internet path' };
  }
}

/** A manual remediation step: the id is shared by both checks, so the fix plan shows it once. */
export function manualFix(id: string, title: string, why: string, detail: string): Remediation {
  return { id, title, why, action: { kind: 'manual', detail } };
}

export const KIND_LABEL: Record<string, string> = {
  ecr: 'Amazon ECR',
  'ecr-public': 'Amazon ECR Public',
  'docker-hub': 'Docker Hub',
  ghcr: 'GitHub Container Registry',
  quay: 'Quay',
  k8s: 'Kubernetes registry',
  gitlab: 'GitLab Container Registry',
  azure: 'Azure Container Registry',
  chainguard: 'Chainguard',
  private: 'private registry',
  other: 'third-party registry',
};

/** Prefixes the ECR console suggests for each upstream: a suggestion only, any prefix works. */
const SUGGESTED_PREFIX: Record<string, string> = {
  'docker-hub': 'docker-hub',
  'ecr-public': 'ecr-public',
  k8s: 'kubernetes',
  quay: 'quay',
  ghcr: 'github',
  gitlab: 'gitlab',
  azure: 'azure',
  chainguard: 'chainguard',
  ecr: 'ecr',
};

/** The "create a rule" step for an image's registry (one id per upstream: both checks share it). */
export function ptcRuleFix(ref: ImageRef, registryHost: string): { prefix: string; wouldBe: string; remediation: Remediation } {
  const upstream = upstreamUrlFor(ref) ?? ref.host;
  const prefix = SUGGESTED_PREFIX[ref.kind] ?? 'cache';
  const needsSecret = ref.kind === 'azure' || PTC_UPSTREAMS[ref.kind]?.needsSecret;
  const auth =
    ref.kind === 'ecr' ? ' --custom-role-arn <role ECR assumes to read the upstream registry>' : needsSecret ? ' --credential-arn <Secrets Manager secret named ecr-pullthroughcache/...>' : '';
  const wouldBe = formatImage(registryHost, `${prefix}/${ref.repository}`, ref.tag, ref.digest);
  const remediation = manualFix(
    `ptc-rule:${upstream}`,
    `Create an ECR pull-through cache rule for ${upstream}`,
    'Cached images are served by the ECR endpoints; only the first pull of each image needs a NAT path.',
    `aws ecr create-pull-through-cache-rule --ecr-repository-prefix ${prefix} --upstream-registry-url ${upstream}${auth}, then pull ${registryHost}/${prefix}/<repository>`,
  );
  return { prefix, wouldBe, remediation };
}
