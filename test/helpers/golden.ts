/**
 * Golden files: the expected output lives next to the tests so a reviewer reads the real thing.
 * `UPDATE_GOLDEN=1` rewrites them; otherwise a difference fails with the usual diff.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const GOLDEN_DIR = join(__dirname, '..', 'report', 'golden');

export function assertGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `missing golden file ${file}: run with UPDATE_GOLDEN=1 to create it, then review it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from ${name} (UPDATE_GOLDEN=1 rewrites it)`);
}
