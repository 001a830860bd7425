/**
 * Finds and reads the config file: `--config FILE`, else `.ecr-vpce.json` in the working
 * directory, else the `ecr-vpce` key of its package.json. Both of the last two present is an
 * error: silently preferring one would hide the other's suppressions.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnoseError } from '../util/errors';
import { EMPTY_CONFIG, type Config } from './types';
import { validateConfig, type ConfigContext } from './validate';

export const CONFIG_FILE = '.ecr-vpce.json';
export const PACKAGE_KEY = 'ecr-vpce';

export interface LoadOptions {
  cwd: string;
  /** --config FILE: must exist. */
  path?: string;
  checkIds: readonly string[];
  stages: readonly string[];
}

export function loadConfig(opts: LoadOptions): Config {
  const registry = { checkIds: opts.checkIds, stages: opts.stages };
  if (opts.path) return validateConfig(readJson(opts.path, opts.path), { source: opts.path, ...registry });

  const file = join(opts.cwd, CONFIG_FILE);
  const pkgFile = join(opts.cwd, 'package.json');
  const fromPackage = existsSync(pkgFile) ? packageSection(pkgFile) : undefined;
  if (existsSync(file)) {
    if (fromPackage !== undefined) {
      throw new DiagnoseError(`Both ${CONFIG_FILE} and the "${PACKAGE_KEY}" key of package.json hold a config: keep one`, 'bad-config');
    }
    return validateConfig(readJson(file, CONFIG_FILE), { source: CONFIG_FILE, ...registry });
  }
  if (fromPackage !== undefined) return validateConfig(fromPackage, { source: `package.json#${PACKAGE_KEY}`, ...registry } satisfies ConfigContext);
  return EMPTY_CONFIG;
}

/** The package.json key, or undefined. An unreadable package.json is not ours to judge. */
function packageSection(pkgFile: string): unknown {
  try {
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as Record<string, unknown> | null;
    return pkg && typeof pkg === 'object' ? pkg[PACKAGE_KEY] : undefined;
  } catch {
    return undefined;
  }
}

function readJson(path: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DiagnoseError(`Cannot read config ${label}: ${code === 'ENOENT' ? 'no such file' : code ?? String(err)}`, 'bad-config');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DiagnoseError(`Config ${label} is not valid JSON: ${(err as Error).message}`, 'bad-config');
  }
}
