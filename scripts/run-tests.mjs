#!/usr/bin/env node
// Runs the test suite with Node's own test runner (TypeScript through tsx).
// Tiers: unit (test/ except test/e2e), e2e (test/e2e, needs moto_server).
// In CI (CI=true) a missing emulator is a failure; on a developer machine the e2e tier is
// skipped with a visible message.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findMotoCommand } from '../test/helpers/find-moto.mjs';

const args = process.argv.slice(2);
const tierIdx = args.indexOf('--tier');
const tier = tierIdx >= 0 ? args[tierIdx + 1] : 'all';
const filters = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--tier');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

const root = new URL('..', import.meta.url).pathname;
let files = walk(join(root, 'test')).map((f) => relative(root, f)).sort();
const isE2e = (f) => f.startsWith('test/e2e/');
if (tier === 'unit') files = files.filter((f) => !isE2e(f));
if (tier === 'e2e') files = files.filter(isE2e);
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));

if (files.some(isE2e) && !findMotoCommand()) {
  if (process.env.CI) {
    console.error('moto_server (AWS API emulator) not found: the end-to-end tier cannot run in CI. Install it with `pip install "moto[server]"`.');
    process.exit(1);
  }
  console.warn('\n*** moto_server not found: SKIPPING the end-to-end tier (test/e2e). Install moto[server] to run it. ***\n');
  files = files.filter((f) => !isE2e(f));
}

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } },
);
process.exit(result.status ?? 1);
