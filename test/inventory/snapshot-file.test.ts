import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseSnapshot, readSnapshot, writeSnapshot } from '../../src/inventory/snapshot-file';
import { DiagnoseError } from '../../src/util/errors';
import { CHECKS } from '../../src/checks/index';
import { runChecks } from '../../src/engine/run';
import { anInventory, defaultOptions } from '../helpers/inventory-builder';

const fixture = (name: string) => join(__dirname, '../../fixtures/snapshots', name);

function rejects(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof DiagnoseError, `expected DiagnoseError, got ${String(err)}`);
    assert.equal(err.reason, 'bad-snapshot');
    assert.match(err.message, pattern);
    assert.ok(!err.message.includes('\n'), 'one line');
    return true;
  });
}

describe('snapshot files', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'ecr-vpce-snap-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips an inventory byte for byte', () => {
    const inv = anInventory().build();
    const path = join(dir, 'a.json');
    writeSnapshot(path, inv);
    assert.deepEqual(readSnapshot(path), inv);
  });

  it('loads every bundled fixture', () => {
    for (const name of ['healthy.json', 'classic-s3-route-missing.json']) {
      const inv = readSnapshot(fixture(name));
      assert.equal(inv.schemaVersion, 1);
      assert.match(inv.target.vpcId, /^vpc-/);
    }
  });

  it('refuses a missing file, a directory, an empty file', () => {
    rejects(() => readSnapshot(join(dir, 'nope.json')), /no such file/);
    mkdirSync(join(dir, 'd'));
    rejects(() => readSnapshot(join(dir, 'd')), /directory/);
    writeFileSync(join(dir, 'empty.json'), '');
    rejects(() => readSnapshot(join(dir, 'empty.json')), /empty/);
  });

  it('refuses text that is not JSON, and a truncated file', () => {
    rejects(() => parseSnapshot('hello'), /not valid JSON/);
    const text = readFileSync(fixture('healthy.json'), 'utf8');
    rejects(() => parseSnapshot(text.slice(0, text.length / 2)), /truncated/);
  });

  it('refuses another schemaVersion, naming both', () => {
    rejects(() => parseSnapshot(JSON.stringify({ ...anInventory().build(), schemaVersion: 2 })), /schemaVersion 2; this ecr-vpce reads version 1/);
    rejects(() => parseSnapshot('{}'), /schemaVersion missing/);
  });

  it('refuses a structurally broken inventory, naming the path', () => {
    const inv = anInventory().build() as unknown as Record<string, any>;
    inv.securityGroups[0].ingress[0].ipv4Ranges = 'not-a-list';
    rejects(() => parseSnapshot(JSON.stringify(inv)), /securityGroups\[0\]\.ingress\[0\]\.ipv4Ranges must be string\[\]/);
    rejects(() => parseSnapshot('[1,2]'), /top level must be a JSON object/);
    rejects(() => parseSnapshot('null'), /not a valid ecr-vpce inventory/);
  });

  it('never crashes on arbitrary JSON: it loads, or refuses with a DiagnoseError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          parseSnapshot(JSON.stringify(value));
        } catch (err) {
          if (!(err instanceof DiagnoseError)) throw err;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('whatever it accepts, every check can evaluate without throwing', () => {
    const base = anInventory().build() as unknown as Record<string, unknown>;
    const keys = Object.keys(base).filter((k) => k !== 'schemaVersion');
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
        let inv;
        try {
          inv = parseSnapshot(JSON.stringify({ ...base, [key]: value }));
        } catch (err) {
          if (err instanceof DiagnoseError) return;
          throw err;
        }
        for (const r of runChecks(CHECKS, inv, defaultOptions())) {
          assert.ok(!r.summary.startsWith('Internal error'), `${r.id} crashed on ${key}=${JSON.stringify(value)}: ${r.summary}`);
        }
      }),
      { numRuns: 400 },
    );
  });
});
