/**
 * ecr-pull-through-cache: each image from another registry maps to a pull-through cache rule
 * (ecr:DescribePullThroughCacheRules), so that the ECR endpoints can serve it; the URI to use
 * instead is named. A cached image's first pull still needs a NAT path.
 */
import { lookupFor, questionFor, type ClassifiedImage } from '../inventory/images';
import { cachedFrom, describeRule, mapToCache, ROOT, upstreamUrlFor } from '../inventory/pull-through';
import type { Inventory, PullThroughCacheRule } from '../inventory/types';
import { KIND_LABEL, manualFix, ptcRuleFix, reachPhrase, registryContext, type RegistryContext } from './registry-context';
import type { Check, Evidence, Outcome, Remediation } from './types';

type Level = 'pass' | 'warn' | 'fail';

interface Finding {
  level: Level;
  text: string;
  evidence: Evidence;
  remediation?: Remediation;
}

export const ecrPullThroughCache: Check = {
  id: 'ecr-pull-through-cache',
  title: 'Images from other registries go through an ECR pull-through cache',
  stage: 'registry',
  needs: ['workload', 'pullThroughCache', 'ecrImages', 'subnets', 'routeTables'],
  evaluate(inv, opts): Outcome {
    const ctx = registryContext(inv, opts);
    const rules = inv.pullThroughCache;
    const candidates = ctx.images.filter((c) => isCandidate(c, rules ?? []));
    if (candidates.length === 0) {
      return { status: 'skip', summary: 'No image from another registry, and none of this registry\'s images is under a pull-through cache prefix.' };
    }
    if (!rules) {
      return { status: 'skip', summary: 'The pull-through cache rules were not collected (a snapshot taken without images): run `ecr-vpce snapshot` with --image or the workload.' };
    }
    const findings = candidates.map((c) => judge(inv, ctx, c, rules));
    const worst: Level = findings.some((f) => f.level === 'fail') ? 'fail' : findings.some((f) => f.level === 'warn') ? 'warn' : 'pass';
    return {
      status: worst,
      summary:
        worst === 'pass'
          ? `Every image from another registry is pulled through a pull-through cache rule and already cached: ${findings.map((f) => f.text).join('; ')}.`
          : `${findings.filter((f) => f.level !== 'pass').map((f) => f.text).join('; ')}.`,
      resources: candidates.map((c) => c.image.uri),
      evidence: findings.map((f) => f.evidence),
      remediation: findings.flatMap((f) => (f.remediation ? [f.remediation] : [])),
    };
  },
};

/** Images from elsewhere (another registry, another region's ECR), or this registry's under a rule's prefix. */
function isCandidate(c: ClassifiedImage, rules: readonly PullThroughCacheRule[]): boolean {
  if (c.origin === 'external' || c.origin === 'other-region') return true;
  // A ROOT rule claims every repository: only this registry's images under a named prefix count.
  const source = c.origin === 'this-registry' && c.ref ? cachedFrom(c.ref.repository, c.ref, rules) : undefined;
  return !!source && source.rule.ecrRepositoryPrefix !== ROOT;
}

function judge(inv: Inventory, ctx: RegistryContext, c: ClassifiedImage, rules: readonly PullThroughCacheRule[]): Finding {
  const ref = c.ref!;
  const uri = c.image.uri;
  const ev = (field: string, observed: string, expected: string, note: string): Evidence => ({ resource: uri, field, observed, expected, note: `${c.image.source}: ${note}` });
  const path = reachPhrase(ctx.reach);
  const noPath = !path.ok;
  // ", and subnet-1 has no NAT or internet path" / " (through nat-0abc)"
  const natPath = path.ok ? ` (${path.text})` : `, and ${path.text}`;

  if (c.origin === 'this-registry') {
    const source = cachedFrom(ref.repository, ref, rules)!;
    const lookup = lookupFor(inv, questionFor(ref.repository, ref));
    const rule = describeRule(source.rule);
    if (lookup?.result === 'found') {
      return { level: 'pass', text: `${uri} is cached through ${rule}`, evidence: ev('cache', 'cached', 'cached', `upstream ${source.upstreamUri}`) };
    }
    const known = lookup ? 'is not cached yet' : 'may not be cached yet (not looked up)';
    return {
      level: noPath ? 'fail' : 'warn',
      text: `${uri} ${known}: the first pull through ${rule} fetches ${source.upstreamUri} and needs a NAT path${natPath}`,
      evidence: ev('cache', lookup?.result ?? 'not looked up', 'cached, or a NAT path for the first pull', `rule ${rule}`),
    };
  }

  const mapping = mapToCache(ref, rules, ctx.registry);
  if (mapping) {
    const rule = describeRule(mapping.rule);
    const cached = lookupFor(inv, questionFor(mapping.cacheRepository, ref))?.result === 'found';
    const firstPull = cached ? 'already cached' : `not cached yet: its first pull needs a NAT path${natPath}`;
    return {
      level: 'warn',
      text: `${uri} is pulled from ${ref.host} directly; the rule ${rule} maps it: use ${mapping.cacheUri} (${firstPull})`,
      evidence: ev('image', uri, mapping.cacheUri, `rule ${rule}${cached ? ', cached' : ''}`),
      remediation: manualFix(`use-cache-uri:${uri}`, `Use ${mapping.cacheUri} instead of ${uri}`, 'The pull-through cache serves the image through the ECR endpoints after its first pull.', `replace ${uri} with ${mapping.cacheUri} in the task definition or pod spec`),
    };
  }

  const upstream = upstreamUrlFor(ref);
  const label = KIND_LABEL[ref.kind] ?? ref.kind;
  if (!upstream) {
    return {
      level: noPath ? 'fail' : 'warn',
      text: `${uri}: ECR pull-through cache cannot cache ${ref.host} (${label})${noPath ? ` and ${path.text} to pull it directly` : ''}; copy it into ECR`,
      evidence: ev('upstream', ref.host, 'a registry ECR pull-through cache supports', 'unsupported upstream'),
      remediation: manualFix(`copy-image:${uri}`, `Copy ${uri} into ECR in ${inv.target.region}`, `ECR pull-through cache does not support ${ref.host}.`, `copy the image (e.g. docker pull/tag/push or crane copy) to ${ctx.registryHost}/<repository>`),
    };
  }
  const fix = ptcRuleFix(ref, ctx.registryHost);
  return {
    level: noPath ? 'fail' : 'warn',
    text: `${uri}: no pull-through cache rule for ${upstream}${noPath ? `, and ${path.text} to pull it directly` : ''}; a rule with prefix ${fix.prefix} would serve it as ${fix.wouldBe}`,
    evidence: ev('rule', 'none', `a rule with upstreamRegistryUrl ${upstream}`, `${rules.length} rule(s) in this registry, none for ${upstream}`),
    remediation: fix.remediation,
  };
}
