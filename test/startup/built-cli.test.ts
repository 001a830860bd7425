// What the built CLI loads at start-up (bin/run.js + dist/), seen through the code-cache report
// mode: --help needs oclif only, doctor --snapshot adds our commands but never the SDK, and the
// caches the build made are the ones used. Speed itself is measured by `npm run bench`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, skipUnlessBuilt } from '../helpers/built';

const skip = skipUnlessBuilt();

function cli(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'run.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ECR_VPCE_CODE_CACHE: 'report', ...env },
  });
}

const loadedBundles = (stderr: string) => [...stderr.matchAll(/^code cache (\S+): (\w+)$/gm)].map((m) => `${m[1]} ${m[2]}`);

describe('built CLI start-up', { skip }, () => {
  it('--help loads only the oclif bundle, from its code cache', () => {
    const r = cli(['--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^USAGE/m);
    // oclif's command sort is patched at build time (no localeCompare): the order stays the same.
    const listed = [...r.stdout.slice(r.stdout.indexOf('COMMANDS')).matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]);
    assert.deepEqual(listed, ['autocomplete', 'doctor', 'snapshot']);
    assert.deepEqual(loadedBundles(r.stderr), ['oclif.js accepted']);
  });

  it('doctor --snapshot loads oclif and the commands, never the SDK bundle', () => {
    const r = cli(['doctor', '--snapshot', 'fixtures/snapshots/healthy.json']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Verdict: PASS/);
    assert.deepEqual(loadedBundles(r.stderr), ['oclif.js accepted', 'commands.js accepted']);
  });

  it('ECR_VPCE_CODE_CACHE=off loads the bundles the plain Node way, with the same result', () => {
    const cached = cli(['doctor', '--snapshot', 'fixtures/snapshots/classic-s3-route-missing.json', '--json']);
    const plain = cli(['doctor', '--snapshot', 'fixtures/snapshots/classic-s3-route-missing.json', '--json'], { ECR_VPCE_CODE_CACHE: 'off' });
    assert.equal(plain.status, 1, plain.stderr);
    assert.equal(plain.stdout, cached.stdout);
    assert.deepEqual(loadedBundles(plain.stderr), []);
  });

  it('the bundles need nothing from node_modules: the published package has no dependencies', () => {
    // Optional modules their callers load inside try/catch: TypeScript (oclif, for .ts plugins)
    // and the CRT signer (the SDK, for SigV4a only).
    const optional = new Set(['typescript', '@aws-sdk/signature-v4-crt']);
    const builtin = new Set(builtinModules);
    const bundles = readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.js'));
    const outside = bundles.flatMap((file) =>
      [...readFileSync(join(ROOT, 'dist', file), 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)]
        .map((m) => m[1])
        .filter((id) => !id.startsWith('node:') && !builtin.has(id) && !id.startsWith('./') && !optional.has(id))
        .map((id) => `${file}: ${id}`),
    );
    assert.deepEqual(outside, []);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object };
    assert.equal(pkg.dependencies, undefined, 'everything is bundled: dependencies belong in devDependencies');
  });

  it('--version is answered without loading any bundle', () => {
    const r = cli(['--version']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ecr-vpce\/\d+\.\d+\.\d+ /);
    assert.deepEqual(loadedBundles(r.stderr), []);
  });

  it('autocomplete, built in rather than a plugin, still writes completion scripts', () => {
    const cache = mkdtempSync(join(tmpdir(), 'ecr-vpce-ac-'));
    try {
      const r = cli(['autocomplete', 'zsh'], { XDG_CACHE_HOME: cache });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /ecr-vpce autocomplete script zsh/);
      const script = cli(['autocomplete', 'script', 'bash'], { XDG_CACHE_HOME: cache });
      assert.match(script.stdout, /ECR_VPCE_AC_BASH_SETUP_PATH=/);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
