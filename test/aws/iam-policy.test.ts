import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { leastPrivilegePolicy } from '../../src/aws/iam-policy';
import { ALL_OPERATIONS } from '../../src/aws/operations';

const shipped = JSON.parse(readFileSync(join(__dirname, '../../iam-policy.json'), 'utf8'));

describe('iam-policy.json', () => {
  it('is exactly the policy generated from the operations table (run `npm run iam-policy` after adding a call)', () => {
    assert.deepEqual(shipped, leastPrivilegePolicy());
  });

  it('grants an action for every call the collector makes', () => {
    const granted = new Set<string>(shipped.Statement.flatMap((s: { Action: string[] }) => s.Action));
    for (const op of ALL_OPERATIONS) assert.ok(granted.has(op.iamAction), `${op.call} needs ${op.iamAction}`);
  });

  it('grants only read actions, never a wildcard', () => {
    for (const action of shipped.Statement.flatMap((s: { Action: string[] }) => s.Action) as string[]) {
      assert.match(action, /^[a-z0-9-]+:(Describe|Get|List|BatchGet)[A-Za-z]+$/, action);
    }
  });

  it('is the policy shown in README.md', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const shown = /<!-- iam -->\s*```json\n([\s\S]*?)```\s*<!-- iamstop -->/.exec(readme);
    assert.ok(shown, 'README has the iam block');
    assert.deepEqual(JSON.parse(shown[1]), shipped);
  });
});
