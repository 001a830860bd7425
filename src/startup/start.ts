/**
 * What bin/run.js does for everything but --version: check the Node version, install the code
 * cache for dist/, hand over to oclif (dist/oclif.js). Bundled alone as dist/startup.js.
 */
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_CACHE_ENV, codeCacheMode, installCodeCache } from './code-cache';
import { engineWarning } from './node-engine';

export function start(binDir: string): Promise<unknown> {
  const root = join(binDir, '..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { engines } = require(join(root, 'package.json')) as { engines?: { node?: string } };
  const warning = engineWarning(process.versions.node, engines?.node);
  if (warning !== undefined) {
    if (warning) process.emitWarning(warning);
    process.env.OCLIF_DISABLE_ENGINE_WARNING = 'true'; // checked here already
  }
  const mode = codeCacheMode(process.env[CODE_CACHE_ENV]);
  if (mode !== 'off') installCodeCache(realpathSync(join(root, 'dist')), mode);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const oclif = require(join(root, 'dist', 'oclif.js')) as typeof import('@oclif/core');
  return oclif.execute({ dir: binDir });
}
