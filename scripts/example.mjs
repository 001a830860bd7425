#!/usr/bin/env node
// `npm run example`: the doctor on the bundled classic-case snapshot (no AWS account needed).
// The example is meant to find a failure, so its exit code 1 is reported here, not as an npm error.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const snapshot = process.argv[2] ?? 'fixtures/snapshots/classic-s3-route-missing.json';
const { status } = spawnSync(process.execPath, [join(root, 'bin/run.js'), 'doctor', '--snapshot', snapshot], { cwd: root, stdio: 'inherit' });
console.log(`\n(exit code ${status}: 0 no failure · 1 a check failed · 2 could not diagnose. Try: npm run example -- fixtures/snapshots/healthy.json)`);
process.exit(status === 2 ? 2 : 0);
