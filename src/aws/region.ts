/** Which region and partition the collection targets. */
import { DiagnoseError } from '../util/errors';
import { regionFromProfile } from './clients';

// Loose on purpose: new region families appear (eusc-de-east-1); this only rejects typos early.
const REGION_RE = /^[a-z]{2,}(-[a-z]+)+-\d+$/;

/**
 * The region, first found of: the --region flag, AWS_REGION, AWS_DEFAULT_REGION (the AWS CLI's
 * variable, which the JS SDK ignores), then the profile's `region` in the shared config file.
 */
export async function resolveRegion(
  flag: string | undefined,
  profile: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const region = flag || env.AWS_REGION || env.AWS_DEFAULT_REGION || (await regionFromProfile(profile));
  if (!region) throw new DiagnoseError('No AWS region: pass --region or set AWS_REGION', 'no-region');
  if (!REGION_RE.test(region)) {
    throw new DiagnoseError(`Invalid AWS region ${JSON.stringify(region)}: expected a name like us-east-1`, 'invalid-region');
  }
  return region;
}

/** The partition a region belongs to: decides service name spellings and ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}
