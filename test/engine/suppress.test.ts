import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult, Evidence } from '../../src/checks/types';
import type { SuppressionRule } from '../../src/config/types';
import { applySuppressions } from '../../src/engine/suppress';
import { summarize } from '../../src/report/model';
import { result } from '../report/fixtures';

const ev = (resource: string, note?: string): Evidence => ({ resource, field: 'f', observed: 'o', expected: 'e', ...(note ? { note } : {}) });
const TODAY = '2026-11-24T12:00:00.000Z';

/** endpoint-az-coverage style: one evidence line per endpoint, the subnets in the note. */
const az = (): CheckResult =>
  result('endpoint-az-coverage', 'endpoints', 'warn', {
    resources: ['vpce-dkr', 'vpce-api'],
    evidence: [ev('vpce-dkr', 'ecr.dkr: workload subnets subnet-b (app-b), subnet-c have no endpoint interface in their zone'), ev('vpce-api', 'ecr.api: workload subnets subnet-b (app-b) have no endpoint interface in their zone')],
  });
const s3 = (): CheckResult =>
  result('s3-route-association', 'routing', 'fail', { resources: ['vpce-s3', 'rtb-1', 'rtb-2'], evidence: [ev('rtb-1', 'used by subnet-a'), ev('rtb-2', 'used by subnet-b')] });

const rule = (check: string, resource?: string, expires?: string): SuppressionRule => ({ check, reason: `because ${resource ?? 'all'}`, ...(resource ? { resource } : {}), ...(expires ? { expires } : {}) });

describe('applySuppressions', () => {
  it('a rule without a resource suppresses the whole finding, which stops counting', () => {
    const { checks, suppressions } = applySuppressions([s3()], [rule('s3-route-association')], TODAY);
    assert.deepEqual(checks[0].suppression, { suppressed: true, rules: [{ reason: 'because all' }], uncovered: [] });
    assert.equal(checks[0].status, 'fail', 'the status is kept: the finding still appears');
    assert.deepEqual(suppressions.map((s) => s.state), ['applied']);
    const s = summarize(checks, false);
    assert.deepEqual({ fail: s.fail, suppressed: s.suppressed, verdict: s.verdict, exitCode: s.exitCode }, { fail: 0, suppressed: 1, verdict: 'pass', exitCode: 0 });
  });

  it('rules naming every evidence resource suppress it; one of two is partial and still counts', () => {
    const both = applySuppressions([s3()], [rule('s3-route-association', 'rtb-1'), rule('s3-route-association', 'rtb-2')], TODAY).checks[0];
    assert.equal(both.suppression?.suppressed, true);
    const one = applySuppressions([s3()], [rule('s3-route-association', 'rtb-1')], TODAY).checks[0];
    assert.deepEqual(one.suppression, { suppressed: false, rules: [{ resource: 'rtb-1', reason: 'because rtb-1' }], uncovered: ['rtb-2'] });
    assert.equal(summarize([one], false).exitCode, 1);
  });

  it('a resource named in a note: covered when every id in the note is (a new subnet counts again)', () => {
    const b = applySuppressions([az()], [rule('endpoint-az-coverage', 'subnet-b')], TODAY).checks[0];
    assert.deepEqual(b.suppression?.uncovered, ['vpce-dkr'], 'vpce-dkr also misses subnet-c');
    const bc = applySuppressions([az()], [rule('endpoint-az-coverage', 'subnet-b'), rule('endpoint-az-coverage', 'subnet-c')], TODAY).checks[0];
    assert.equal(bc.suppression?.suppressed, true);
  });

  it('expires is inclusive and compared with "today" (the inventory time), never the clock', () => {
    const on = applySuppressions([s3()], [rule('s3-route-association', undefined, '2026-11-24')], TODAY);
    assert.equal(on.checks[0].suppression?.suppressed, true);
    assert.equal(on.suppressions[0].state, 'applied');
    const after = applySuppressions([s3()], [rule('s3-route-association', undefined, '2026-11-23')], TODAY);
    assert.equal(after.checks[0].suppression, undefined, 'an expired rule is ignored');
    assert.equal(after.suppressions[0].state, 'expired');
    // The same rule in a replay of an older snapshot still applies.
    assert.equal(applySuppressions([s3()], [rule('s3-route-association', undefined, '2026-11-23')], '2026-01-01').checks[0].suppression?.suppressed, true);
  });

  it('only warn and fail can be suppressed: error, pass and skip are untouched', () => {
    const results = [result('s3-route-association', 'routing', 'error'), result('s3-route-association', 'routing', 'pass'), result('s3-route-association', 'routing', 'skip')];
    const out = applySuppressions(results, [rule('s3-route-association')], TODAY);
    assert.deepEqual(out.checks, results);
    assert.equal(out.suppressions[0].state, 'unmatched');
    assert.equal(summarize(out.checks, false).exitCode, 2);
  });

  it('rules of other checks, and resources not in the finding, do nothing', () => {
    const out = applySuppressions([s3()], [rule('endpoint-az-coverage'), rule('s3-route-association', 'rtb-9')], TODAY);
    assert.equal(out.checks[0].suppression, undefined);
    assert.deepEqual(out.suppressions.map((s) => s.state), ['unmatched', 'unmatched']);
  });

  it('a finding without evidence: any of its resources', () => {
    const bare = result('endpoint-s3-gateway', 'routing', 'fail', { resources: ['vpc-1'] });
    assert.equal(applySuppressions([bare], [rule('endpoint-s3-gateway', 'vpc-1')], TODAY).checks[0].suppression?.suppressed, true);
    assert.equal(applySuppressions([bare], [rule('endpoint-s3-gateway', 'vpc-2')], TODAY).checks[0].suppression, undefined);
  });

  it('is pure: the inputs are not modified', () => {
    const input = [s3()];
    const copy = structuredClone(input);
    applySuppressions(input, [rule('s3-route-association')], TODAY);
    assert.deepEqual(input, copy);
  });

  it('a warning suppressed: no longer fails --strict', () => {
    const { checks } = applySuppressions([az()], [rule('endpoint-az-coverage')], TODAY);
    assert.equal(summarize(checks, true).exitCode, 0);
    assert.equal(summarize([az()], true).exitCode, 1);
  });
});
