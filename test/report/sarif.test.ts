import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from '../../src/checks/index';
import { buildSarif, fingerprint, FINGERPRINT_KEY, renderSarif } from '../../src/report/sarif';
import { assertValidSarif } from '../helpers/formats';
import { anInventory } from '../helpers/inventory-builder';
import { FORMAT_CASES, hostileInventory, reportWith } from './format-fixtures';

const opts = { checks: CHECKS, artifactUri: '.ecr-vpce.json' };

describe('SARIF: valid against the SARIF 2.1.0 schema and GitHub code scanning rules', () => {
  for (const [name, inv] of Object.entries(FORMAT_CASES)) {
    it(`${name}`, () => {
      const report = reportWith(inv());
      const log = assertValidSarif(renderSarif(report, opts));
      const expected = report.checks.filter((c) => ['warn', 'fail', 'error'].includes(c.status)).map((c) => c.id);
      assert.deepEqual([...new Set(log.runs[0].results!.map((r) => r.ruleId))], expected, 'a result for each warn/fail/error check, in report order');
    });
  }

  it('a hostile VPC still validates; brackets cannot form SARIF embedded links', () => {
    const log = assertValidSarif(renderSarif(reportWith(hostileInventory()), opts));
    const text = JSON.stringify(log);
    assert.doesNotMatch(text, /\\u001b|\u001b/);
    for (const r of log.runs[0].results!) assert.doesNotMatch(r.message.text!, /(?<!\\)\[[^\]]*(?<!\\)\]\(/);
  });
});

describe('SARIF rules', () => {
  it('one rule per registry check, in registry order, with help and tags', () => {
    const rules = buildSarif(reportWith(anInventory().build()), opts).runs[0].tool.driver.rules!;
    assert.deepEqual(rules.map((r) => r.id), CHECKS.map((c) => c.id));
    for (const r of rules) {
      assert.ok(r.shortDescription?.text && r.fullDescription?.text && r.help?.text && r.help.markdown, r.id);
      assert.match(r.help!.text, /Fix: /);
      assert.ok((r.properties?.tags as string[]).includes(CHECKS.find((c) => c.id === r.id)!.stage));
    }
  });
});

describe('SARIF results', () => {
  it('one result per (check, evidence resource), pointing at the artifact and the resource', () => {
    const log = buildSarif(reportWith(anInventory().classicS3Leak().build()), { ...opts, artifactUri: '.github/workflows/ecr-vpce.yml' });
    const s3 = log.runs[0].results!.filter((r) => r.ruleId === 's3-route-association');
    assert.equal(s3.length, 1);
    const [r] = s3;
    assert.equal(r.level, 'error');
    assert.equal(r.locations![0].physicalLocation!.artifactLocation!.uri, '.github/workflows/ecr-vpce.yml');
    assert.equal(r.locations![0].logicalLocations![0].name, 'rtb-app');
    assert.equal(r.locations![0].logicalLocations![0].fullyQualifiedName, 'aws:us-east-1:111122223333:vpc-healthy/rtb-app');
    assert.equal(r.partialFingerprints![FINGERPRINT_KEY], fingerprint('s3-route-association', 'rtb-app'));
    assert.deepEqual((r.properties!.evidence as { resource: string }[]).map((e) => e.resource), ['rtb-app']);
    assert.match(r.message.text!, /Fix: Associate vpce-s3 with rtb-app/);
  });

  it('fingerprints are stable and differ per check and per resource', () => {
    assert.equal(fingerprint('a', 'subnet-1'), fingerprint('a', 'subnet-1'));
    assert.match(fingerprint('a', 'subnet-1'), /^[0-9a-f]{32}$/);
    assert.notEqual(fingerprint('a', 'subnet-1'), fingerprint('a', 'subnet-2'));
    assert.notEqual(fingerprint('a', 'subnet-1'), fingerprint('b', 'subnet-1'));
    // Not a naive concatenation: ("a-b", "c") and ("a", "b-c") stay apart.
    assert.notEqual(fingerprint('ab', 'c'), fingerprint('a', 'bc'));
  });

  it('warnings are level warning, or error with --strict', () => {
    const inv = FORMAT_CASES['az-warning']();
    const level = (strict: boolean) =>
      buildSarif(reportWith(inv, { strict }), opts).runs[0].results!.find((r) => r.ruleId === 'endpoint-az-coverage')!.level;
    assert.equal(level(false), 'warning');
    assert.equal(level(true), 'error');
  });

  it('an error is one result on the VPC, and the failed call is a tool notification', () => {
    const log = buildSarif(reportWith(FORMAT_CASES['denied-route-tables']()), opts);
    const errors = log.runs[0].results!.filter((r) => r.properties!.status === 'error');
    assert.ok(errors.length > 0);
    for (const r of errors) assert.equal(r.locations![0].logicalLocations![0].name, 'vpc-healthy');
    assert.match(log.runs[0].invocations![0].toolExecutionNotifications![0].message.text!, /ec2:DescribeRouteTables failed \(UnauthorizedOperation\)/);
    assert.equal(log.runs[0].invocations![0].exitCode, 2);
  });

  it('a suppressed finding stays, as a note with an accepted external suppression', () => {
    const report = reportWith(anInventory().classicS3Leak().build(), {
      suppress: [{ check: 's3-route-association', resource: 'rtb-app', reason: 'migrating to the new VPC', expires: '2027-01-31' }],
    });
    const r = buildSarif(report, opts).runs[0].results!.find((x) => x.ruleId === 's3-route-association')!;
    assert.equal(r.level, 'note');
    assert.deepEqual(r.suppressions, [{ kind: 'external', status: 'accepted', justification: 'migrating to the new VPC' }]);
  });

  it('a passing VPC has rules and no results', () => {
    const log = assertValidSarif(renderSarif(reportWith(anInventory().build(), { options: { securityGroupIds: ['sg-app'] } }), opts));
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(log.runs[0].tool.driver.rules!.length, CHECKS.length);
  });
});
