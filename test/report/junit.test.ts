import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderJunit } from '../../src/report/junit';
import { xmlAttr, xmlText } from '../../src/report/xml';
import { assertValidJunit } from '../helpers/formats';
import { anInventory } from '../helpers/inventory-builder';
import { FORMAT_CASES, hostileInventory, reportWith } from './format-fixtures';

describe('JUnit: strict XML in the usual JUnit XSD shape', () => {
  for (const [name, inv] of Object.entries(FORMAT_CASES)) {
    it(name, () => {
      const report = reportWith(inv());
      const suite = assertValidJunit(renderJunit(report));
      assert.deepEqual(suite.cases.map((c) => c.name), report.checks.map((c) => c.id), 'one testcase per check, by id, in order');
      for (const c of report.checks) {
        const tc = suite.cases.find((x) => x.name === c.id)!;
        const expected = { pass: 'pass', warn: 'pass', fail: 'failure', error: 'error', skip: 'skipped' }[c.status];
        assert.equal(tc.outcome, expected, `${c.id} (${c.status})`);
        assert.equal(tc.classname, `ecr-vpce.${c.stage}`);
      }
      assert.equal(suite.properties.vpcId, 'vpc-healthy');
      assert.equal(suite.properties.exitCode, String(report.summary.exitCode));
    });
  }

  it('a failure carries the summary as message, evidence and fixes as text', () => {
    const suite = assertValidJunit(renderJunit(reportWith(anInventory().classicS3Leak().build())));
    const tc = suite.cases.find((c) => c.name === 's3-route-association')!;
    assert.equal(tc.outcome, 'failure');
    assert.match(tc.message!, /rtb-app .* is not associated with the S3 gateway endpoint vpce-s3/);
    assert.match(tc.body!, /rtb-app \(app\): Routes observed/);
    assert.match(tc.body!, /fix: Associate vpce-s3 with rtb-app/);
  });

  it('a warning passes with system-out, and fails with --strict', () => {
    const inv = FORMAT_CASES['az-warning']();
    const lenient = assertValidJunit(renderJunit(reportWith(inv))).cases.find((c) => c.name === 'endpoint-az-coverage')!;
    assert.equal(lenient.outcome, 'pass');
    assert.match(lenient.systemOut!, /^warning \(passes without --strict\)/);
    const strict = assertValidJunit(renderJunit(reportWith(inv, { strict: true })));
    assert.equal(strict.cases.find((c) => c.name === 'endpoint-az-coverage')!.outcome, 'failure');
    assert.equal(strict.counts.failures, 1);
  });

  it('an error testcase and the failed call in system-err', () => {
    const suite = assertValidJunit(renderJunit(reportWith(FORMAT_CASES['denied-route-tables']())));
    assert.ok(suite.counts.errors > 0);
    assert.match(suite.systemErr!, /ec2:DescribeRouteTables failed \(UnauthorizedOperation\): grant ec2:DescribeRouteTables/);
  });

  it('a suppressed failure passes and says why', () => {
    const report = reportWith(anInventory().classicS3Leak().build(), {
      suppress: [{ check: 's3-route-association', reason: 'accepted until the migration' }],
    });
    const tc = assertValidJunit(renderJunit(report)).cases.find((c) => c.name === 's3-route-association')!;
    assert.equal(tc.outcome, 'pass');
    assert.match(tc.systemOut!, /^fail suppressed by the config file:\nwhole check: accepted until the migration/);
  });

  it('hostile names stay text: still well-formed, the payload comes back verbatim (minus controls)', () => {
    const xml = renderJunit(reportWith(hostileInventory()));
    const suite = assertValidJunit(xml);
    assert.doesNotMatch(xml, /<script>|<img /);
    assert.ok(suite.cases.some((c) => c.body?.includes('<img src=x onerror=alert(1)>')), 'escaped, then decoded by the parser');
  });
});

describe('xml escaping', () => {
  it('escapes markup, quotes and line breaks; replaces characters XML 1.0 forbids', () => {
    assert.equal(xmlText('a<b>&c'), 'a&lt;b&gt;&amp;c');
    assert.equal(xmlAttr(`"x'\ny\t`), '&quot;x&apos;&#10;y&#9;');
    assert.equal(xmlText('a\u0000b\u0008c\ud800d'), 'a\ufffdb\ufffdc\ufffdd');
    assert.equal(xmlText('emoji 😀 ok'), 'emoji 😀 ok');
  });
});
