/** A scan's report in every format: the schema, the order, one section/suite/invocation per target. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CHECKS } from '../../src/checks/index';
import { renderScanFormat } from '../../src/report/scan-render';
import { renderScanJson } from '../../src/report/scan-json';
import { buildScanReport } from '../../src/scan/summary';
import type { ScanEntry, ScanReport } from '../../src/scan/types';
import { assertValidSarif } from '../helpers/formats';
import { assertValidScan, scanSchemaErrors } from '../helpers/scan-schema';
import { diagnose, inventoryOf, vpcId, type Health } from '../scan/scan-fixtures';

const EVIL = 'prod\u001b]0;pwned\u0007 [x](http://evil) @team';
const OPTS = { checks: CHECKS, sarifArtifact: '.ecr-vpce.json', color: false };

const report = (region: string, n: number, health: Health, name?: string): ScanEntry => diagnose()(inventoryOf(region, { vpcId: vpcId(n), health, name }));

function aScan(): ScanReport {
  const entries: ScanEntry[] = [
    report('eu-west-1', 1, 'healthy', 'default'),
    { target: { region: 'eu-west-1', vpcId: vpcId(2), vpcName: 'gone' }, error: { reason: 'vpc-not-found', message: `VPC ${vpcId(2)} not found in eu-west-1` } },
    { target: { region: 'sa-east-1' }, error: { reason: 'denied', message: 'Not allowed to call ec2:DescribeVpcs in sa-east-1 (UnauthorizedOperation): denied' } },
    report('us-east-1', 3, 'leak', EVIL),
    report('us-east-1', 4, 'warn'),
    report('us-east-1', 5, 'gap'),
  ];
  return buildScanReport({ regions: ['eu-west-1', 'sa-east-1', 'us-east-1'], entries }, { toolVersion: '1.2.3', generatedAt: '2026-01-02T03:04:05.000Z' });
}

describe('scan --json', () => {
  it('validates against schemas/scan-report.v1.json, keys in contract order', () => {
    const json = JSON.parse(renderScanJson(aScan()));
    assertValidScan(json);
    assert.deepEqual(Object.keys(json), ['schemaVersion', 'tool', 'generatedAt', 'regions', 'targets', 'summary']);
    assert.deepEqual(json.summary, { targets: 6, pass: 1, warn: 1, fail: 1, error: 3, exitCode: 2 });
    assert.equal(json.targets[3].target.vpcName.includes('\u001b'), true, 'JSON keeps the raw name (escaped by JSON)');
  });

  it('the schema refuses what the contract does not allow', () => {
    const json = JSON.parse(renderScanJson(aScan()));
    assert.ok(scanSchemaErrors({ ...json, extra: 1 }).length > 0, 'unknown top-level key');
    assert.ok(scanSchemaErrors({ ...json, targets: [{ target: { region: 'x' } }] }).length > 0, 'a failed target without its error');
    assert.ok(scanSchemaErrors({ ...json, targets: [{ ...json.targets[0], error: { reason: 'x', message: 'y' } }] }).length > 0, 'a report with an error key');
    assert.ok(scanSchemaErrors({ ...json, summary: { ...json.summary, exitCode: 3 } }).length > 0, 'exit code 3');
  });

  it('an empty scan (no VPC anywhere) is valid and exits 0', () => {
    const empty = buildScanReport({ regions: ['eu-west-1'], entries: [] }, { toolVersion: '1', generatedAt: '2026-01-02T03:04:05.000Z' });
    assertValidScan(JSON.parse(renderScanJson(empty)));
    assert.equal(empty.summary.exitCode, 0);
    assert.match(renderScanFormat(empty, 'human', OPTS), /No VPCs found in eu-west-1/);
  });
});

describe('scan: human', () => {
  const text = renderScanFormat(aScan(), 'human', OPTS);

  it('each target under its own rule, in the report order, then the summary', () => {
    const rules = text.split('\n').filter((l) => l.startsWith('━━ '));
    assert.deepEqual(
      rules.map((l) => l.replace(/ ━+$/, '')),
      [
        `━━ 1/6 · eu-west-1 · ${vpcId(1)} (default)`,
        `━━ 2/6 · eu-west-1 · ${vpcId(2)} (gone)`,
        '━━ 3/6 · sa-east-1 · VPCs not listed',
        `━━ 4/6 · us-east-1 · ${vpcId(3)} (prod [x](http://evil) @team)`,
        `━━ 5/6 · us-east-1 · ${vpcId(4)}`,
        `━━ 6/6 · us-east-1 · ${vpcId(5)}`,
        '━━ Scan summary',
      ],
    );
    assert.equal(text.match(/^ecr-vpce doctor · /gm)?.length, 4, 'the single report of each diagnosed target');
    assert.match(text, /Could not diagnose \(vpc-not-found\): VPC vpc-0+2 not found in eu-west-1/);
    assert.ok(!text.includes('\u001b'), 'no escape sequence from a Name tag reaches the terminal');
  });

  it('a summary table: one line per target, then the counts and the exit code', () => {
    const summary = text.slice(text.indexOf('━━ Scan summary')).split('\n').slice(1);
    assert.match(summary[0], /^ {2}REGION +VPC +NAME +VERDICT +PASS +WARN +FAIL +ERROR$/);
    assert.match(summary[1], new RegExp(`^  eu-west-1 +${vpcId(1)} +default +PASS +\\d+ +0 +0 +0$`));
    assert.match(summary[2], /^ {2}eu-west-1 +vpc-0+2 +gone +ERROR +VPC vpc-0+2 not found/);
    assert.match(summary[3], /^ {2}sa-east-1 +\(not listed\) +ERROR +Not allowed to call ec2:DescribeVpcs/);
    assert.match(summary[4], /^ {2}us-east-1 +vpc-0+3 +prod \[x\]\(http:\/\/evil\) @… +FAIL /, 'long names clipped');
    assert.match(summary[5], /^ {2}us-east-1 +vpc-0+4 +WARN +\d+ +[1-9]\d* +0 +0$/);
    assert.match(summary[6], /^ {2}us-east-1 +vpc-0+5 +ERROR +\d+ +\d+ +\d+ +[1-9]\d*$/);
    assert.match(text, /6 targets in 3 regions: 1 passed, 1 warned, 1 failed, 3 not fully diagnosed\nExit code 2: at least one VPC could not be diagnosed/);
  });
});

describe('scan: markdown', () => {
  const text = renderScanFormat(aScan(), 'markdown', OPTS);

  it('the verdict and a table first, then one section per target', () => {
    assert.match(text, /^# ecr-vpce scan: ❓ ERROR\n/);
    assert.equal(text.match(/^## /gm)?.length, 6);
    assert.equal(text.match(/^\| (eu-west-1|sa-east-1|us-east-1) \|/gm)?.length, 6);
    assert.match(text, /^## ❓ ERROR: the VPCs of sa-east-1 could not be diagnosed$/m);
  });

  it('escapes the AWS-sourced name (no link, no mention)', () => {
    assert.ok(!text.includes('[x](http://evil)'));
    assert.ok(!/@team/.test(text.replace(/@\u200b/g, '')) || text.includes('@\u200bteam'));
  });
});

describe('scan: JUnit', () => {
  const xml = renderScanFormat(aScan(), 'junit', OPTS);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) });

  it('well-formed, one testsuite per target, root counts the sums', () => {
    assert.equal(XMLValidator.validate(xml), true);
    const doc = parser.parse(xml);
    const suites = doc.testsuites.testsuite as Array<Record<string, string> & { testcase: unknown[] }>;
    assert.equal(suites.length, 6);
    assert.deepEqual(suites.map((s) => s.id), ['0', '1', '2', '3', '4', '5']);
    const sum = (k: string) => suites.reduce((t, s) => t + Number(s[k]), 0);
    for (const k of ['tests', 'failures', 'errors', 'skipped']) assert.equal(Number(doc.testsuites[k]), sum(k), k);
    for (const s of suites) assert.equal(s.testcase.length, Number(s.tests), s.name);
  });

  it('a target that could not be diagnosed is a suite with one errored testcase', () => {
    const suites = parser.parse(xml).testsuites.testsuite;
    assert.equal(suites[2].name, 'ecr-vpce doctor VPCs (sa-east-1)');
    assert.deepEqual([suites[2].errors, suites[2].testcase[0].name, suites[2].testcase[0].error.type], ['1', 'diagnose', 'denied']);
  });
});

describe('scan: SARIF', () => {
  const log = assertValidSarif(renderScanFormat(aScan(), 'sarif', OPTS));
  const run = log.runs[0];

  it('one run, the registry as rules, an invocation per target', () => {
    assert.equal(log.runs.length, 1);
    assert.deepEqual(run.tool.driver.rules?.map((r) => r.id), CHECKS.map((c) => c.id));
    assert.equal(run.invocations?.length, 6);
    assert.deepEqual(run.invocations?.map((i) => i.executionSuccessful), [true, false, false, true, true, true]);
    assert.equal(run.invocations?.[2].properties?.region, 'sa-east-1');
  });

  it('every result names its target', () => {
    const results = run.results ?? [];
    assert.ok(results.length > 0);
    for (const r of results) assert.match(String(r.properties?.vpcId), /^vpc-0+[345]$/);
    assert.ok(results.some((r) => r.properties?.vpcId === vpcId(3) && r.level === 'error'));
  });
});
