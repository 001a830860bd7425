/**
 * image-origin: every image the workload pulls comes from this account's ECR in the VPC's
 * region, which the endpoints serve. Another region or another registry is pulled through the
 * NAT (warn) or not at all (fail); another account's ECR in this region is served by the
 * endpoints, but its repository policy decides (warn).
 */
import type { ClassifiedImage } from '../inventory/images';
import { lookupFor, questionFor } from '../inventory/images';
import { cachedFrom, describeRule, mapToCache, upstreamUrlFor } from '../inventory/pull-through';
import type { Inventory } from '../inventory/types';
import { KIND_LABEL, manualFix, ptcRuleFix, reachPhrase, registryContext, type RegistryContext } from './registry-context';
import type { Check, Evidence, Outcome, Remediation } from './types';

type Level = 'pass' | 'warn' | 'fail';

interface Finding {
  level: Level;
  text: string;
  evidence: Evidence;
  remediation?: Remediation;
}

export const imageOrigin: Check = {
  id: 'image-origin',
  title: 'Images come from ECR in this region, served by the endpoints',
  stage: 'registry',
  needs: ['workload', 'ecrImages', 'subnets', 'routeTables'],
  evaluate(inv, opts): Outcome {
    const ctx = registryContext(inv, opts);
    if (ctx.images.length === 0) {
      return {
        status: 'skip',
        summary: inv.workload?.eksCluster
          ? "No image known: the EKS cluster's pod images are not read; name them with --image."
          : 'No image known: name the workload with --ecs-service or --ecs-task-definition, or images with --image.',
      };
    }
    const findings = ctx.images.map((c) => judge(inv, ctx, c));
    const worst: Level = findings.some((f) => f.level === 'fail') ? 'fail' : findings.some((f) => f.level === 'warn') ? 'warn' : 'pass';
    const n = findings.length;
    const summary =
      worst === 'pass'
        ? `${n === 1 ? 'The image is' : `All ${n} images are`} in ${ctx.registryHost} and exist: the endpoints serve ${n === 1 ? 'it' : 'them'}.`
        : `${findings.filter((f) => f.level !== 'pass').sort(byLevel).map((f) => f.text).join('; ')}.`;
    return {
      status: worst,
      summary,
      resources: ctx.images.map((c) => c.image.uri),
      evidence: findings.map((f) => f.evidence),
      remediation: findings.flatMap((f) => (f.remediation ? [f.remediation] : [])),
    };
  },
};

const byLevel = (a: Finding, b: Finding) => rank(b.level) - rank(a.level);
const rank = (l: Level) => (l === 'fail' ? 2 : l === 'warn' ? 1 : 0);

function judge(inv: Inventory, ctx: RegistryContext, c: ClassifiedImage): Finding {
  const { image, ref } = c;
  const expected = `${ctx.registryHost} (this account and region)`;
  const ev = (observed: string, note: string): Evidence => ({ resource: image.uri, field: 'registry', observed, expected, note: `${image.source}: ${note}` });
  if (!ref) {
    return { level: 'fail', text: `${image.uri} is not a valid image reference (${c.error})`, evidence: { ...ev('unparsable', c.error ?? 'invalid'), field: 'reference' } };
  }
  const host = ref.host;
  const where = `${host} (${KIND_LABEL[ref.kind] ?? ref.kind})`;
  switch (c.origin) {
    case 'this-registry':
      return ownImage(inv, ctx, c, ev);
    case 'other-account':
      return {
        level: 'warn',
        text: `${image.uri} is in account ${ref.ecr!.accountId}'s registry: the endpoints serve it, but that repository's policy must allow pulls by ${inv.target.accountId} (not checked)`,
        evidence: ev(where, 'cross-account pull: needs ecr:BatchGetImage and ecr:GetDownloadUrlForLayer granted by the repository policy'),
      };
    case 'account-unknown':
      return { level: 'warn', text: `${image.uri} is ECR in ${inv.target.region}, but this account is unknown (sts:GetCallerIdentity failed)`, evidence: ev(where, 'cannot tell this account from another') };
    case 'ecr-variant-host':
      return {
        level: 'warn',
        text: `${image.uri} uses the ${ref.ecr!.fips ? 'FIPS' : 'dual-stack'} host ${host}, which the ecr.dkr endpoint's private DNS name (*.dkr.ecr.${inv.target.region}.${ref.ecr!.domain}) does not cover: it resolves to public addresses and goes ${via(ctx)}`,
        evidence: ev(where, 'not the host name the interface endpoint answers for'),
      };
    case 'private':
      return { level: 'warn', text: `${image.uri} is on ${host}, a private-network registry reached through the VPC's own routes (not judged)`, evidence: ev(where, 'outside what the endpoints and this check see') };
    case 'other-region':
    case 'external':
      return remote(inv, ctx, c, where, ev);
    default:
      return { level: 'fail', text: `${image.uri}: ${c.error ?? 'invalid reference'}`, evidence: ev('invalid', c.error ?? '') };
  }
}

/** An image of this account's registry: it must exist, unless a pull-through rule will fetch it. */
function ownImage(inv: Inventory, ctx: RegistryContext, c: ClassifiedImage, ev: (o: string, n: string) => Evidence): Finding {
  const ref = c.ref!;
  const uri = c.image.uri;
  const lookup = lookupFor(inv, questionFor(ref.repository, ref));
  const what = ref.digest ? `digest ${ref.digest.slice(0, 19)}…` : `tag ${ref.tag}`;
  if (lookup?.result === 'found') {
    return { level: 'pass', text: `${uri} exists`, evidence: ev(`${ref.host} (this registry), ${what} found${lookup.pushedAt ? `, pushed ${lookup.pushedAt}` : ''}`, 'served by the ecr.api/ecr.dkr endpoints and the S3 gateway') };
  }
  if (!lookup) {
    return { level: 'warn', text: `${uri} is in this registry, but whether it exists was not looked up`, evidence: ev(`${ref.host} (this registry), not looked up`, 'a snapshot replay or more repositories than are looked up') };
  }
  const source = cachedFrom(ref.repository, ref, inv.pullThroughCache ?? []);
  if (source) {
    const path = reachPhrase(ctx.reach);
    const broken = !path.ok;
    return {
      level: broken ? 'fail' : 'warn',
      text: `${uri} is not cached yet: its first pull makes ECR fetch ${source.upstreamUri} through the pull-through rule ${describeRule(source.rule)}, which from a VPC using the endpoints needs a NAT path${path.ok ? ` (${path.text})` : `, and ${path.text}`}`,
      evidence: ev(`${ref.host} (this registry), ${lookup.result}`, `pull-through cache ${describeRule(source.rule)}: the first pull needs internet access`),
      ...(broken ? { remediation: manualFix(`warm-cache:${uri}`, `Pull ${uri} once from a network with a NAT path`, 'The pull-through cache needs one pull with internet access to create the cached copy.', `docker pull ${uri} from a subnet with a NAT gateway (or add a NAT route), then the endpoints serve it`) } : {}),
    };
  }
  const missing = lookup.result === 'repository-not-found' ? `repository ${ref.repository} does not exist` : `${what} is not in repository ${ref.repository}`;
  return {
    level: 'fail',
    text: `${uri}: ${missing} (account ${ref.ecr!.accountId}, ${inv.target.region})`,
    evidence: ev(`${ref.host} (this registry), ${lookup.result}`, 'the pull fails with "not found"'),
    remediation: manualFix(`push-image:${uri}`, `Push ${uri}, or correct the image in the task definition`, 'The image the workload names does not exist in the registry.', `push ${uri} (docker push / CI), or reference a tag or digest that exists`),
  };
}

/** Another region's ECR or another registry: the endpoints never serve it; only the NAT can. */
function remote(inv: Inventory, ctx: RegistryContext, c: ClassifiedImage, where: string, ev: (o: string, n: string) => Evidence): Finding {
  const ref = c.ref!;
  const uri = c.image.uri;
  const path = reachPhrase(ctx.reach);
  const level: Level = path.ok ? 'warn' : 'fail';
  const why =
    c.origin === 'other-region'
      ? `the endpoints serve ECR in ${inv.target.region} only, not ${ref.ecr!.region}`
      : `the endpoints serve only ECR; ${ref.host} is on the internet`;
  const mapping = mapToCache(ref, inv.pullThroughCache ?? [], ctx.registry);
  const hint = mapping ? `; the pull-through rule ${describeRule(mapping.rule)} caches it as ${mapping.cacheUri}` : '';
  const pulled = path.ok ? `so it is pulled ${path.text} (NAT processing per GB, internet exposure)` : `and ${path.text}: the pull fails`;
  const remediation = mapping
    ? manualFix(`use-cache-uri:${uri}`, `Use ${mapping.cacheUri} instead of ${uri}`, 'The pull-through cache serves the image through the ECR endpoints after its first pull.', `replace ${uri} with ${mapping.cacheUri} in the task definition or pod spec`)
    : c.origin === 'other-region'
      ? manualFix(`replicate:${ref.ecr!.region}/${ref.repository}`, `Replicate ${ref.repository} from ${ref.ecr!.region} to ${inv.target.region}`, 'The endpoints serve only this region\'s registry.', `configure ECR replication (or an ECR-to-ECR pull-through cache rule) into ${ctx.registryHost} and use the ${inv.target.region} image URI`)
      : upstreamUrlFor(ref)
        ? ptcRuleFix(ref, ctx.registryHost).remediation
        : manualFix(`copy-image:${uri}`, `Copy ${uri} into ECR in ${inv.target.region}`, `ECR pull-through cache does not support ${ref.host}.`, `copy the image (e.g. docker pull/tag/push or crane copy) to ${ctx.registryHost}/<repository>`);
  return {
    level,
    text: `${uri} ${c.origin === 'other-region' ? `is ECR in ${ref.ecr!.region}` : `comes from ${where}`}: ${why}, ${pulled}${hint}`,
    evidence: ev(where, why),
    remediation,
  };
}

/** "through nat-0abc" or ", but subnet-1 has no NAT or internet path". */
function via(ctx: RegistryContext): string {
  const path = reachPhrase(ctx.reach);
  return path.ok ? path.text : `nowhere: ${path.text}`;
}
