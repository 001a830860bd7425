import { label } from '../inventory/query';
import type { Check } from './types';

/** Both DNS attribute checks share one shape: the attribute must be true. */
export function vpcAttributeCheck(spec: {
  id: string;
  title: string;
  attribute: 'enableDnsSupport' | 'enableDnsHostnames';
  why: string;
}): Check {
  return {
    id: spec.id,
    title: spec.title,
    stage: 'dns',
    needs: ['vpc', 'vpcAttributes'],
    evaluate(inv) {
      const vpcId = inv.target.vpcId;
      const value = inv.vpcAttributes?.[spec.attribute];
      const vpcLabel = label(vpcId, inv.vpc?.tags);
      if (value === undefined) {
        return { status: 'error', summary: `${spec.attribute} was not reported for ${vpcLabel}.`, resources: [vpcId] };
      }
      if (value) return { status: 'pass', summary: `${spec.attribute} is on for ${vpcLabel}.`, resources: [vpcId] };
      return {
        status: 'fail',
        summary: `${spec.attribute} is off for ${vpcLabel}: ${spec.why}`,
        resources: [vpcId],
        evidence: [
          { resource: vpcId, name: inv.vpc?.tags.Name, field: spec.attribute, observed: 'false', expected: 'true' },
        ],
        remediation: [
          {
            id: `${spec.attribute}:${vpcId}`,
            title: `Turn on ${spec.attribute} for ${vpcId}`,
            why: spec.why,
            action: { kind: 'modify-vpc-attribute', vpcId, attribute: spec.attribute },
          },
        ],
      };
    },
  };
}
