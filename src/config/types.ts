/**
 * The config file (`.ecr-vpce.json`, or the `ecr-vpce` key of package.json): flag defaults a
 * repository shares, and suppressions of known findings. Flags given on the command line win.
 */
import type { Platform } from '../checks/types';
import type { Format } from '../report/formats';

/** Accept a finding: one check, optionally on one resource, with a reason and an end date. */
export interface SuppressionRule {
  check: string;
  /** An AWS resource id (subnet-…, sg-…, rtb-…, vpce-…). Absent: the whole check. */
  resource?: string;
  reason: string;
  /** YYYY-MM-DD, inclusive. After it the rule is ignored and reported as expired. */
  expires?: string;
}

export interface Config {
  /** Where it was read from, for messages (undefined: no config file). */
  source?: string;
  vpc?: string;
  region?: string;
  platform?: Platform;
  subnets?: string[];
  securityGroups?: string[];
  only?: string[];
  skip?: string[];
  strict?: boolean;
  format?: Format;
  suppress: SuppressionRule[];
}

export const EMPTY_CONFIG: Config = { suppress: [] };
