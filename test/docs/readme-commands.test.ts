// The README's command reference is the real `--help` of each command (scripts/readme-commands.mjs).
// --help is answered from the built manifest (see test/helpers/built.ts for when it is skipped).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, skipUnlessBuilt } from '../helpers/built';

const skip = skipUnlessBuilt();

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
