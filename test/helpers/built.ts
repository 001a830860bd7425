/**
 * Tests of the built CLI (bin/run.js + dist/) need a fresh build: `npm test` builds first. Without
 * one, or with one older than the sources, they are skipped outside CI; in CI they always run.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
const MANIFEST = join(ROOT, 'oclif.manifest.json');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export function skipUnlessBuilt(): false | string {
  if (process.env.CI) return false;
  if (!existsSync(MANIFEST) || !existsSync(join(ROOT, 'dist', 'commands.js'))) return 'not built: run npm run build';
  const built = statSync(MANIFEST).mtimeMs;
  const sources = [join(ROOT, 'package.json'), join(ROOT, 'scripts', 'build.mjs'), ...filesUnder(join(ROOT, 'src'))];
  return sources.some((f) => statSync(f).mtimeMs > built) ? 'the build is older than the sources: run npm run build' : false;
}
