/**
 * Validators for the report formats, shared by the unit and end-to-end tiers:
 *   SARIF  against the SARIF 2.1.0 JSON schema (rtm.5, shipped in @microsoft/jest-sarif), plus
 *          the rules GitHub code scanning adds (a physical location and a start line per result);
 *   JUnit  parsed strictly (fast-xml-parser's validator), then checked against the shape of the
 *          usual JUnit XSD (Ant/Jenkins): testsuites > testsuite > properties, testcase > one of
 *          failure | error | skipped, system-out, system-err; counts that add up.
 */
import assert from 'node:assert/strict';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Log } from 'sarif';

// The schema predates the final release and has one regex that is invalid with the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validateSarifSchema = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));

export function assertValidSarif(text: string): Log {
  const log = JSON.parse(text) as Log;
  assert.ok(validateSarifSchema(log), `SARIF schema: ${ajv.errorsText(validateSarifSchema.errors)}`);
  for (const run of log.runs) {
    const rules = run.tool.driver.rules ?? [];
    for (const [i, result] of (run.results ?? []).entries()) {
      const where = `runs[].results[${i}] (${result.ruleId})`;
      // What GitHub code scanning requires beyond the schema (its GH100x validation rules).
      const loc = result.locations?.[0]?.physicalLocation;
      assert.ok(loc?.artifactLocation?.uri, `${where}: GitHub needs a physical location with a uri`);
      assert.ok(!/^[a-z]+:/i.test(loc.artifactLocation.uri) && !loc.artifactLocation.uri.startsWith('/'), `${where}: the uri must be repository-relative`);
      assert.ok((loc.region?.startLine ?? 0) >= 1, `${where}: GitHub needs region.startLine`);
      assert.ok(result.message.text && result.message.text.length > 0, `${where}: message.text`);
      assert.equal(rules[result.ruleIndex!]?.id, result.ruleId, `${where}: ruleIndex points at its rule`);
      assert.ok(Object.keys(result.partialFingerprints ?? {}).length > 0, `${where}: a partial fingerprint`);
    }
  }
  return log;
}

export interface JunitCase {
  name: string;
  classname: string;
  outcome: 'pass' | 'failure' | 'error' | 'skipped';
  message?: string;
  body?: string;
  systemOut?: string;
}

export interface JunitSuite {
  name: string;
  counts: { tests: number; failures: number; errors: number; skipped: number };
  properties: Record<string, string>;
  cases: JunitCase[];
  systemErr?: string;
}

const ALLOWED = {
  testsuites: ['testsuite'],
  testsuite: ['properties', 'testcase', 'system-out', 'system-err'],
  properties: ['property'],
  testcase: ['failure', 'error', 'skipped', 'system-out', 'system-err'],
};

export function assertValidJunit(xml: string): JunitSuite {
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  assert.equal(valid, true, `not well-formed XML: ${JSON.stringify(valid)}`);
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'), 'XML declaration');
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, parseTagValue: false, trimValues: false });
  const doc = parser.parse(xml) as Node[];
  const roots = elements(doc).filter((e) => tag(e) !== '?xml');
  assert.deepEqual(roots.map(tag), ['testsuites'], 'one <testsuites> root');
  const suites = children(roots[0], 'testsuites');
  assert.equal(suites.length, 1, 'one <testsuite>');
  const suite = suites[0];
  const attrs = attributes(suite);
  for (const a of ['name', 'tests', 'failures', 'errors', 'skipped', 'time', 'timestamp']) assert.ok(a in attrs, `testsuite@${a}`);
  assert.match(attrs.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'testsuite@timestamp as the XSD wants it (no zone)');
  children(suite, 'testsuite');
  const props = Object.fromEntries(
    elements(suite.testsuite as Node[])
      .filter((e) => tag(e) === 'properties')
      .flatMap((p) => children(p, 'properties'))
      .map((p) => [attributes(p).name, attributes(p).value]),
  );
  const cases = elements(suite.testsuite as Node[])
    .filter((e) => tag(e) === 'testcase')
    .map((tc): JunitCase => {
      const a = attributes(tc);
      for (const k of ['name', 'classname', 'time']) assert.ok(k in a, `testcase@${k}`);
      const kids = children(tc, 'testcase');
      const outcomes = kids.filter((k) => ['failure', 'error', 'skipped'].includes(tag(k)));
      assert.ok(outcomes.length <= 1, `testcase ${a.name}: at most one of failure/error/skipped`);
      const o = outcomes[0];
      const out = kids.find((k) => tag(k) === 'system-out');
      return {
        name: a.name,
        classname: a.classname,
        outcome: o ? (tag(o) as JunitCase['outcome']) : 'pass',
        message: o ? attributes(o).message : undefined,
        body: o ? text(o) : undefined,
        systemOut: out ? text(out) : undefined,
      };
    });
  const counts = { tests: Number(attrs.tests), failures: Number(attrs.failures), errors: Number(attrs.errors), skipped: Number(attrs.skipped) };
  const n = (o: JunitCase['outcome']) => cases.filter((c) => c.outcome === o).length;
  assert.deepEqual(counts, { tests: cases.length, failures: n('failure'), errors: n('error'), skipped: n('skipped') }, 'testsuite counts add up');
  assert.deepEqual(
    { tests: Number(attributes(roots[0]).tests), failures: Number(attributes(roots[0]).failures) },
    { tests: counts.tests, failures: counts.failures },
    'testsuites counts match',
  );
  const err = elements(suite.testsuite as Node[]).find((e) => tag(e) === 'system-err');
  return { name: attrs.name, counts, properties: props, cases, systemErr: err ? text(err) : undefined };
}

type Node = Record<string, unknown>;

function elements(nodes: Node[]): Node[] {
  return nodes.filter((n) => !('#text' in n));
}

function tag(n: Node): string {
  return Object.keys(n).find((k) => k !== ':@')!;
}

function attributes(n: Node): Record<string, string> {
  return (n[':@'] as Record<string, string>) ?? {};
}

/** The element children of `n`, each checked against what its parent may contain. */
function children(n: Node, parent: keyof typeof ALLOWED): Node[] {
  const kids = n[parent] as Node[];
  const texts = kids.filter((k) => '#text' in k && String(k['#text']).trim() !== '');
  assert.equal(texts.length, 0, `<${parent}> holds no loose text`);
  const els = elements(kids);
  for (const e of els) assert.ok(ALLOWED[parent].includes(tag(e)), `<${tag(e)}> is not allowed in <${parent}>`);
  return els;
}

function text(n: Node): string {
  return ((n[tag(n)] as Node[]) ?? []).map((k) => String(k['#text'] ?? '')).join('');
}
