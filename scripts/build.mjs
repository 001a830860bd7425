#!/usr/bin/env node
// Builds two CommonJS bundles and the oclif manifest:
//   dist/commands.js  commands, checks, report (no SDK): what --help/--version/--snapshot load
//   dist/aws.js       the collector and the AWS SDK, required lazily for live reads
// esbuild with --main-fields=module,main: bundling beats ESM import() of the SDK on Node 20.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
rmSync(join(root, 'dist'), { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

// src/collector.ts requires './aws/index'; in the bundle that becomes the sibling dist/aws.js.
const lazyCollector = {
  name: 'lazy-collector',
  setup(b) {
    b.onResolve({ filter: /^\.\/aws\/index$/ }, () => ({ path: './aws.js', external: true }));
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: [join(root, 'src/commands/index.ts')],
    outfile: join(root, 'dist/commands.js'),
    external: ['@oclif/core'],
    plugins: [lazyCollector],
  }),
  build({
    ...common,
    entryPoints: [join(root, 'src/aws/index.ts')],
    outfile: join(root, 'dist/aws.js'),
  }),
]);

// The manifest lets oclif answer --help and --version without loading dist/commands.js.
const { Plugin } = require('@oclif/core');
const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true });
await plugin.load();
writeFileSync(join(root, 'oclif.manifest.json'), `${JSON.stringify(plugin.manifest, null, 2)}\n`);
console.log(`built dist/commands.js, dist/aws.js and oclif.manifest.json (${Object.keys(plugin.manifest.commands).length} commands)`);
