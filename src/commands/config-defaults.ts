/**
 * The config file's defaults under the command-line flags: a flag given wins, an absent one
 * takes the config's value. --vpc comes from the config only when nothing else names the
 * target (--snapshot, --ecs-service, --eks-cluster).
 */
import { CHECKS } from '../checks/index';
import { STAGES } from '../checks/types';
import { loadConfig } from '../config/load';
import type { Config } from '../config/types';

export interface ConfigurableFlags {
  config?: string;
  vpc?: string;
  region?: string;
  snapshot?: string;
  'ecs-service'?: string;
  'eks-cluster'?: string;
  platform?: string;
  subnet?: string[];
  'security-group'?: string[];
  only?: string[];
  skip?: string[];
  strict?: boolean;
  format?: string;
  json?: boolean;
  'fix-plan'?: string;
  output?: string[];
}

/** --json and --fix-plan own stdout: a config format then only applies to --output files. */
function stdoutTaken(flags: ConfigurableFlags): boolean {
  return (flags.json === true || flags['fix-plan'] !== undefined) && !flags.output?.length;
}

export function readConfig(flags: { config?: string }, cwd = process.cwd()): Config {
  return loadConfig({ cwd, path: flags.config, checkIds: CHECKS.map((c) => c.id), stages: STAGES });
}

export function withConfig<F extends ConfigurableFlags>(flags: F, config: Config): F & ConfigurableFlags & { strict: boolean } {
  const named = flags.vpc ?? flags.snapshot ?? flags['ecs-service'] ?? flags['eks-cluster'];
  return {
    ...flags,
    vpc: flags.vpc ?? (named === undefined ? config.vpc : undefined),
    region: flags.region ?? (flags.snapshot === undefined ? config.region : undefined),
    platform: flags.platform ?? config.platform,
    subnet: flags.subnet ?? config.subnets,
    'security-group': flags['security-group'] ?? config.securityGroups,
    only: flags.only ?? config.only,
    skip: flags.skip ?? config.skip,
    strict: flags.strict ?? config.strict ?? false,
    format: flags.format ?? (stdoutTaken(flags) ? undefined : config.format),
  };
}
