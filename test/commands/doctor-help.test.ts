import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Doctor from '../../src/commands/doctor';
import { CHECKS } from '../../src/checks/index';
import { CHECK_HELP } from '../../src/report/check-help';

describe('doctor --help', () => {
  it('every flag of doctor is shown in at least one example', () => {
    const commands = (Doctor.examples as Array<{ command: string }>).map((e) => e.command).join('\n');
    const missing = Object.keys(Doctor.flags).filter((flag) => !new RegExp(`--${flag}(?![\\w-])`).test(commands));
    assert.deepEqual(missing, [], 'add an example for these flags (src/commands/doctor-examples.ts)');
  });

  it('every example runs doctor', () => {
    for (const e of Doctor.examples as Array<{ command: string; description: string }>) {
      assert.match(e.command, /^<%= config\.bin %> doctor( |$)/, e.description);
      assert.ok(e.description.length > 0);
    }
  });
});

describe('check help (SARIF rules, Markdown)', () => {
  it('every check in the registry has help, and no help is orphaned', () => {
    const ids = CHECKS.map((c) => c.id);
    assert.deepEqual(ids.filter((id) => !CHECK_HELP[id]), [], 'add help in src/report/check-help.ts');
    assert.deepEqual(Object.keys(CHECK_HELP).filter((id) => !ids.includes(id)), []);
    for (const [id, h] of Object.entries(CHECK_HELP)) assert.ok(h.what && h.why && h.fix, id);
  });
});
