import { Flags } from '@oclif/core';
import { collect, type CollectTarget } from '../collector';
import type { Inventory } from '../inventory/types';
import { DiagnoseError } from '../util/errors';
import { assertEndpointUrl, assertId, assertRegion } from '../util/ids';
import { parseTimeout } from '../util/timeout';
import { namesVpc } from './workload-flags';

/** Flags shared by every command that reads a live account. */
export const accountFlags = {
  vpc: Flags.string({ description: 'VPC to inspect (vpc-…).', helpValue: 'vpc-0abc…' }),
  region: Flags.string({ description: "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region)." }),
  profile: Flags.string({ description: 'Named profile from the AWS config files (default: AWS_PROFILE, then default).' }),
  'endpoint-url': Flags.string({ description: 'Send AWS API calls to this URL (an emulator, a VPC endpoint). AWS_ENDPOINT_URL is honoured too.' }),
  timeout: Flags.string({
    description: 'Time budget for all AWS calls, retries included (seconds or minutes: 60s, 5m; default 2m). When it runs out, pending calls are aborted and the run exits 2 naming them.',
    helpValue: '2m',
  }),
};

export interface AccountFlagValues {
  vpc?: string;
  region?: string;
  profile?: string;
  'endpoint-url'?: string;
  timeout?: string;
}

/** Validates the flags before any call (a malformed id never reaches AWS), then collects. */
export function collectFromFlags(
  flags: AccountFlagValues,
  missingVpcHint = '',
  extra: Pick<CollectTarget, 'lookbackSeconds' | 'workload'> = {},
): Promise<Inventory> {
  // An ECS service or EKS cluster names its VPC: then --vpc may be left out.
  if (!flags.vpc && !namesVpc(extra.workload)) {
    throw new DiagnoseError(`Missing --vpc${missingVpcHint || ' (or --ecs-service / --eks-cluster to derive it)'}.`, 'bad-input');
  }
  return collect({
    ...(flags.vpc ? { vpcId: assertId('vpc', flags.vpc, '--vpc') } : {}),
    region: flags.region ? assertRegion(flags.region) : undefined,
    profile: flags.profile,
    endpointUrl: flags['endpoint-url'] === undefined ? undefined : assertEndpointUrl(flags['endpoint-url']),
    ...(flags.timeout === undefined ? {} : { timeoutMs: parseTimeout(flags.timeout) }),
    ...extra,
  });
}
