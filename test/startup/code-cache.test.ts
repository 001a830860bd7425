// The code-cache loader (src/startup/code-cache.ts), in child processes: it replaces Node's .js
// loader for one directory, so each case gets a fresh process and a scratch "dist" directory.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';

const LOADER = resolve(__dirname, '..', '..', 'src', 'startup', 'code-cache.ts');

let dist: string;
let outside: string;

beforeEach(() => {
  const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'ecr-vpce-code-cache-')));
  dist = join(scratch, 'dist');
  outside = join(scratch, 'other.js');
  mkdirSync(dist);
  writeFileSync(join(dist, 'main.js'), "const { twice } = require('./helper.js'); exports.answer = () => twice(21); exports.where = __filename; exports.self = () => require('./main.js') === module.exports;");
  writeFileSync(join(dist, 'helper.js'), 'module.exports = { twice: (n) => n * 2 };');
  writeFileSync(join(dist, 'broken.js'), "exports.fail = () => { throw new Error('from the bundle'); };");
  writeFileSync(outside, 'module.exports = 7;');
});

afterEach(() => rmSync(resolve(dist, '..'), { recursive: true, force: true }));

/** Runs `body` after installing the loader for `dist`; prints the loaded list as JSON last. */
function run(mode: string, body: string): { out: string[]; loaded: Array<{ file: string; cache: string }> } {
  const script = `
    const { installCodeCache } = require(${JSON.stringify(LOADER)});
    const loaded = installCodeCache(${JSON.stringify(dist)}, ${JSON.stringify(mode)});
    ${body}
    console.log(JSON.stringify(loaded));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  return { out: lines.slice(0, -1), loaded: JSON.parse(lines.at(-1) ?? '[]') };
}

/** Requires the scratch main.js and prints its answer, its module identity check and __filename. */
function body(): string {
  const main = JSON.stringify(join(dist, 'main.js'));
  return `const m = require(${main}); console.log(m.answer()); console.log(m.self()); console.log(m.where);`;
}

describe('code cache loader', () => {
  it('loads bundles with working require, module.exports, __filename and one module instance', () => {
    const { out, loaded } = run('read', body());
    assert.deepEqual(out, ['42', 'true', join(dist, 'main.js')]);
    assert.deepEqual(loaded, [
      { file: join(dist, 'main.js'), cache: 'none' },
      { file: join(dist, 'helper.js'), cache: 'none' },
    ]);
  });

  it('write mode saves a cache per bundle at exit, which the next run accepts', () => {
    run('write', body());
    assert.ok(existsSync(join(dist, 'main.js.cache')) && existsSync(join(dist, 'helper.js.cache')));
    const { out, loaded } = run('read', body());
    assert.equal(out[0], '42');
    assert.deepEqual(loaded.map((b) => b.cache), ['accepted', 'accepted']);
  });

  it('does not use the cache of a bundle whose source changed, even to one of the same length', () => {
    // V8 itself compares only the source length: it would run the old code.
    run('write', body());
    writeFileSync(join(dist, 'helper.js'), 'module.exports = { twice: (n) => n * 3 };');
    const { out, loaded } = run('read', body());
    assert.equal(out[0], '63');
    assert.deepEqual(loaded.map((b) => b.cache), ['accepted', 'stale']);
  });

  it('reports a cache V8 refuses (made by another V8 or with other flags) as rejected', () => {
    run('write', body());
    const saved = readFileSync(join(dist, 'main.js.cache'));
    const v8Start = 4 + readFileSync(join(dist, 'main.js')).length; // after our length + source copy
    saved.fill(0x5a, v8Start + 8, v8Start + 16); // damage V8's header (its source and flags hashes)
    writeFileSync(join(dist, 'main.js.cache'), saved);
    const { out, loaded } = run('read', body());
    assert.equal(out[0], '42');
    assert.deepEqual(loaded.map((b) => b.cache), ['rejected', 'accepted']);
  });

  it('ignores a corrupt cache file and still loads', () => {
    writeFileSync(join(dist, 'main.js.cache'), Buffer.from('not a V8 code cache at all'));
    const { out, loaded } = run('read', body());
    assert.equal(out[0], '42');
    assert.equal(loaded[0].cache, 'stale');
  });

  it('leaves files outside the directory to Node', () => {
    const { out, loaded } = run('read', `console.log(require(${JSON.stringify(outside)}));`);
    assert.deepEqual(out, ['7']);
    assert.deepEqual(loaded, []);
  });

  it('keeps the bundle file in stack traces', () => {
    const { out } = run('read', `try { require(${JSON.stringify(join(dist, 'broken.js'))}).fail(); } catch (e) { console.log(e.stack.split('\\n')[1].includes(${JSON.stringify(join(dist, 'broken.js'))})); }`);
    assert.deepEqual(out, ['true']);
  });

  it('report mode names each bundle and how it loaded on stderr', () => {
    run('write', body());
    const script = `require(${JSON.stringify(LOADER)}).installCodeCache(${JSON.stringify(dist)}, 'report'); require(${JSON.stringify(join(dist, 'main.js'))});`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    assert.equal(r.stderr, 'code cache main.js: accepted\ncode cache helper.js: accepted\n');
    assert.ok(readFileSync(join(dist, 'main.js.cache')).length > 0);
  });
});
