// `npm run iam-policy`: writes iam-policy.json and the copy shown in README.md, both generated
// from the collector's operations table (a test fails when either is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { leastPrivilegePolicy } from '../src/aws/iam-policy';

const root = join(__dirname, '..');
const text = `${JSON.stringify(leastPrivilegePolicy(), null, 2)}\n`;
writeFileSync(join(root, 'iam-policy.json'), text);
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const block = /(<!-- iam -->\s*```json\n)[\s\S]*?(```\s*<!-- iamstop -->)/;
if (!block.test(readme)) throw new Error('README.md has no <!-- iam --> block');
writeFileSync(readmePath, readme.replace(block, (_m, open: string, close: string) => `${open}${text}${close}`));
console.log(`iam-policy.json and README.md: ${leastPrivilegePolicy().Statement[0].Action.length} actions`);
