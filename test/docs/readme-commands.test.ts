// The README's command reference is the real `--help` of each command (scripts/readme-commands.mjs).
// --help is answered from the built manifest: `npm test` builds first; without a build, or with
// one older than the command sources, this test is skipped outside CI (in CI it always runs).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = resolve(__dirname, '..', '..');
const MANIFEST = join(ROOT, 'oclif.manifest.json');
const sources = [join(ROOT, 'package.json'), ...readdirSync(join(ROOT, 'src', 'commands')).map((f) => join(ROOT, 'src', 'commands', f))];
const skip = process.env.CI
  ? false
  : !existsSync(MANIFEST) || !existsSync(join(ROOT, 'dist', 'commands.js'))
    ? 'not built: run npm run build'
    : sources.some((f) => statSync(f).mtimeMs > statSync(MANIFEST).mtimeMs)
      ? 'the build is older than src/commands: run npm run build'
      : false;

describe('README command reference', () => {
  it('is up to date with the commands (npm run build && npm run readme)', { skip }, async () => {
    const script = (await import(join(ROOT, 'scripts', 'readme-commands.mjs'))) as {
      renderSection(): string;
      withSection(readme: string, section: string): string;
    };
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = script.renderSection();
    for (const id of ['doctor', 'snapshot', 'autocomplete']) assert.ok(section.includes(`### \`ecr-vpce ${id}\``), id);
    assert.match(section, /--format=<option>/);
    assert.equal(script.withSection(readme, section), readme, 'README.md is out of date: run `npm run build && npm run readme`');
  });
});
