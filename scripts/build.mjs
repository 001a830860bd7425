#!/usr/bin/env node
// Builds the CommonJS bundles, the oclif manifest and the V8 code caches:
//   dist/oclif.js       @oclif/core and its dependencies: all that --help loads
//   dist/commands.js    commands, checks, report (no SDK): added for doctor --snapshot
//   dist/aws.js         the collector and the AWS SDK, required lazily for live reads
//   dist/startup.js     what bin/run.js runs: Node version check, code-cache loader (dist/*.js.cache)
// esbuild with --main-fields=module,main: bundling beats ESM import() of the SDK on Node 20, and
// one file per part beats Node resolving and compiling hundreds of small files at start-up.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
  // import() becomes require(): code compiled with a V8 code cache (src/startup/code-cache.ts) has
  // no dynamic-import loader on Node 20, and everything the CLI loads is CommonJS once bundled.
  supported: { 'dynamic-import': false },
};

// src/collector.ts requires './aws/index'; in the bundle that becomes the sibling dist/aws.js.
// Every import of @oclif/core becomes the sibling dist/oclif.js: one copy of the framework.
const siblings = {
  name: 'siblings',
  setup(b) {
    b.onResolve({ filter: /^\.\/aws\/index$/ }, () => ({ path: './aws.js', external: true }));
    b.onResolve({ filter: /^@oclif\/core$/ }, () => ({ path: './oclif.js', external: true }));
    // The autocomplete plugin's commands are built in (src/commands/autocomplete.ts); its package
    // exports no subpaths, so they are found by file.
    b.onResolve({ filter: /^@oclif\/plugin-autocomplete\/lib\// }, (args) => ({
      path: join(dirname(require.resolve('@oclif/plugin-autocomplete')), '..', args.path.slice('@oclif/plugin-autocomplete/'.length)),
    }));
  },
};

// One edit to oclif: it sorts each plugin's command ids with localeCompare, and the first
// localeCompare of a process initialises ICU collation (~8 ms of every start, --help included).
// Command ids are ASCII, where code-unit order is the same order. Fails the build if oclif changes.
const LOCALE_SORT = '.sort((a, b) => a.id.localeCompare(b.id));';
const oclifPatches = {
  name: 'oclif-patches',
  setup(b) {
    b.onLoad({ filter: /@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (source.split(LOCALE_SORT).length !== 2) throw new Error(`${args.path} changed: review the oclif patch in scripts/build.mjs`);
      return { contents: source.replace(LOCALE_SORT, '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));'), loader: 'js' };
    });
  },
};

await Promise.all([
  build({
    ...common,
    stdin: { contents: "module.exports = require('@oclif/core');", resolveDir: root, sourcefile: 'oclif-entry.js' },
    plugins: [oclifPatches],
    outfile: join(root, 'dist/oclif.js'),
    // oclif loads TypeScript only to run plugins from .ts source, which a built CLI never does.
    external: ['typescript', 'ts-node'],
    // Half the bytes to read and compare on every start; our own bundles stay readable.
    minify: true,
  }),
  build({ ...common, entryPoints: [join(root, 'src/commands/index.ts')], outfile: join(root, 'dist/commands.js'), plugins: [siblings] }),
  build({ ...common, entryPoints: [join(root, 'src/aws/index.ts')], outfile: join(root, 'dist/aws.js'), plugins: [siblings] }),
  build({ ...common, entryPoints: [join(root, 'src/startup/start.ts')], outfile: join(root, 'dist/startup.js'), external: ['@oclif/core'] }),
]);

// The manifest lets oclif answer --help and --version without loading dist/commands.js.
const { Plugin } = require('@oclif/core');
const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true });
await plugin.load();
writeFileSync(join(root, 'oclif.manifest.json'), `${JSON.stringify(plugin.manifest, null, 2)}\n`);

// V8 code caches: run the built CLI the ways users start it, each run adding what it compiled.
// A live run against a closed local port loads and exercises the SDK bundle without any network.
const TRAINING = [
  ['--help'],
  ['doctor', '--help'],
  ['doctor', '--snapshot', 'fixtures/snapshots/classic-s3-route-missing.json', '--fix-plan'],
  ['doctor', '--snapshot', 'fixtures/snapshots/healthy.json', '--json'],
  ['doctor', '--vpc', 'vpc-0123456789abcdef0', '--region', 'us-east-1', '--timeout', '1s'],
];
const trainingEnv = {
  PATH: process.env.PATH,
  ECR_VPCE_CODE_CACHE: 'write',
  NO_COLOR: '1',
  AWS_ACCESS_KEY_ID: 'AKIDTRAINING',
  AWS_SECRET_ACCESS_KEY: 'training',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_MAX_ATTEMPTS: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
for (const args of TRAINING) {
  const r = spawnSync(process.execPath, [join(root, 'bin/run.js'), ...args], { cwd: root, env: trainingEnv, encoding: 'utf8' });
  if (r.status === null || r.status > 2) throw new Error(`code-cache training run ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
}
const caches = ['oclif', 'commands', 'aws'].filter((b) => existsSync(join(root, `dist/${b}.js.cache`)));
console.log(`built dist/{oclif,commands,aws,startup}.js, code caches for ${caches.join(', ')}, oclif.manifest.json (${Object.keys(plugin.manifest.commands).length} commands)`);
