// Suppressions in the --json report (schema, key order) and in the terminal report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { renderHuman } from '../../src/report/human';
import { renderJson } from '../../src/report/json';
import type { Report } from '../../src/report/model';
import { anInventory } from '../helpers/inventory-builder';
import { reportWith } from './format-fixtures';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(resolve(__dirname, '../../schemas/report.v1.json'), 'utf8')));
/** Not ajv's type guard: asserting it would narrow the parsed report to unknown. */
const isValid = (v: unknown): boolean => validate(v) === true;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const parsed = (r: Report): any => JSON.parse(renderJson(r));

const suppressed = () =>
  reportWith(anInventory().classicS3Leak().build(), {
    suppress: [
      { check: 's3-route-association', resource: 'rtb-app', reason: 'moving to the new VPC', expires: '2027-01-31' },
      { check: 'egress-path', resource: 'subnet-app-a', reason: 'half of it' },
      { check: 'vpc-dns-support', reason: 'old rule' },
      { check: 'endpoint-az-coverage', reason: 'expired', expires: '2020-01-01' },
    ],
  });

describe('suppressions in --json', () => {
  it('validate against schemas/report.v1.json, in a fixed key order', () => {
    const json = parsed(suppressed());
    assert.ok(isValid(json), ajv.errorsText(validate.errors));
    const s3 = json.checks.find((c: { id: string }) => c.id === 's3-route-association');
    assert.deepEqual(Object.keys(s3).at(-1), 'suppression');
    assert.deepEqual(s3.suppression, { suppressed: true, rules: [{ resource: 'rtb-app', reason: 'moving to the new VPC', expires: '2027-01-31' }], uncovered: [] });
    const egress = json.checks.find((c: { id: string }) => c.id === 'egress-path');
    assert.deepEqual(egress.suppression, { suppressed: false, rules: [{ resource: 'subnet-app-a', reason: 'half of it' }], uncovered: ['subnet-app-b'] });
    assert.deepEqual(json.suppressions.map((s: { state: string }) => s.state), ['applied', 'applied', 'unmatched', 'expired']);
    assert.deepEqual(Object.keys(json.summary), ['total', 'pass', 'warn', 'fail', 'skip', 'error', 'suppressed', 'verdict', 'exitCode']);
    assert.deepEqual([json.summary.fail, json.summary.warn, json.summary.suppressed, json.summary.exitCode], [0, 1, 1, 0]);
  });

  it('the schema rejects a malformed suppression', () => {
    const json = parsed(suppressed());
    json.suppressions[0].state = 'active';
    assert.equal(isValid(json), false);
    const json2 = parsed(suppressed());
    json2.checks.find((c: { suppression?: unknown }) => c.suppression).suppression.rules = [];
    assert.equal(isValid(json2), false);
  });

  it('no config, no change: no suppression keys at all', () => {
    const json = parsed(reportWith(anInventory().classicS3Leak().build()));
    assert.equal('suppressions' in json, false);
    assert.equal('suppressed' in json.summary, false);
    assert.ok(json.checks.every((c: object) => !('suppression' in c)));
  });
});

describe('suppressions in the terminal report', () => {
  it('a line under each covered finding, the rules that did not apply, and the count', () => {
    const out = renderHuman(suppressed(), { color: false });
    assert.match(out, /✗ s3-route-association {2}.*\n {6}suppressed \(does not count\): rtb-app: moving to the new VPC \(until 2027-01-31\)\n/);
    assert.match(out, /! egress-path .*\n {6}partly suppressed \(subnet-app-a: half of it\); still counts for subnet-app-b\n/);
    assert.match(out, /\nSuppressions\n {2}matched nothing in this report: vpc-dns-support \(old rule\)\n {2}expired on 2020-01-01, ignored: endpoint-az-coverage \(expired\)\n/);
    assert.match(out, /Summary: .*, 1 suppressed\n/);
    assert.match(out, /Verdict: WARN/);
  });
});
