#!/usr/bin/env node
// Renders `ecr-vpce <command> --help` of every command into README.md, between the markers
// <!-- commands --> and <!-- commandsstop -->. Run after changing a flag (`npm run readme`);
// `--check` exits 1 when the README is out of date (a test does the same).
// It runs the real CLI, which answers --help from the built manifest: build first.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const README = join(root, 'README.md');
const START = '<!-- commands -->';
const STOP = '<!-- commandsstop -->';

/** The visible commands, in manifest order (autocomplete's helpers are hidden). */
export function commandIds() {
  const { commands } = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8'));
  return Object.keys(commands).filter((id) => !commands[id].hidden);
}

export function helpOf(id) {
  const out = execFileSync(process.execPath, [join(root, 'bin', 'run.js'), ...id.split(' '), '--help'], {
    cwd: root,
    // A fixed width and no colour: the same text on every machine.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, OCLIF_COLUMNS: '100', NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
  });
  // eslint-disable-next-line no-control-regex
  return out.replace(/\u001b\[[0-9;]*m/g, '').replace(/[ \t]+$/gm, '').trimEnd();
}

export function renderSection() {
  const parts = commandIds().map((id) => `### \`ecr-vpce ${id}\`\n\n\`\`\`\n${helpOf(id)}\n\`\`\``);
  return `${START}\n${parts.join('\n\n')}\n${STOP}`;
}

/** The README with its command section replaced; throws when the markers are missing. */
export function withSection(readme, section) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(STOP);
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${STOP} section`);
  return readme.slice(0, a) + section + readme.slice(b + STOP.length);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const current = readFileSync(README, 'utf8');
  const next = withSection(current, renderSection());
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('README.md command reference is out of date: run `npm run build && npm run readme`.');
      process.exit(1);
    }
  } else if (next !== current) {
    writeFileSync(README, next);
    console.log('README.md command reference updated.');
  }
}
