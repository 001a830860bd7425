/** diagnoseTarget: the one pipeline a single run and every scanned VPC share. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECKS } from '../../src/checks/index';
import { checkOptionsFromFlags, diagnoseTarget, type DiagnoseSettings } from '../../src/commands/diagnose';
import { runChecks } from '../../src/engine/run';
import { buildReport } from '../../src/report/model';
import { anInventory, defaultOptions } from '../helpers/inventory-builder';

const SETTINGS: DiagnoseSettings = { options: defaultOptions(), platformGiven: false, suppress: [], strict: false, toolVersion: '9.9.9', source: 'snapshot', fixPlan: false };

describe('diagnoseTarget', () => {
  it('is runChecks + buildReport when nothing else applies', () => {
    const inv = anInventory().classicS3Leak().build();
    const expected = buildReport({ results: runChecks(CHECKS, inv, SETTINGS.options), suppressions: [], inventory: inv, options: SETTINGS.options, toolVersion: '9.9.9', source: 'snapshot', strict: false });
    assert.deepEqual(diagnoseTarget(SETTINGS, inv), expected);
  });

  it('--only/--skip, --strict, suppressions and the fix plan reach the report', () => {
    const inv = anInventory().classicS3Leak().build();
    const r = diagnoseTarget(
      { ...SETTINGS, only: ['routing'], strict: true, fixPlan: true, suppress: [{ check: 's3-route-association', reason: 'known' }] },
      inv,
    );
    assert.ok(r.checks.filter((c) => c.stage !== 'routing').every((c) => c.status === 'skip'));
    assert.equal(r.options.strict, true);
    assert.equal(r.summary.suppressed, 1);
    assert.ok(r.fixPlan, 'a fix plan when asked');
    assert.equal(diagnoseTarget(SETTINGS, inv).fixPlan, undefined);
  });

  it('refuses --subnet ids that are not in the VPC', () => {
    assert.throws(
      () => diagnoseTarget({ ...SETTINGS, options: defaultOptions({ subnetIds: ['subnet-0123456789abcdef0'] }) }, anInventory().build()),
      { reason: 'subnet-not-in-vpc', message: 'subnet-0123456789abcdef0 is not in vpc-healthy' },
    );
  });
});

describe('checkOptionsFromFlags', () => {
  it('validates ids and service names, defaults to fargate', () => {
    assert.deepEqual(checkOptionsFromFlags({ needs: [' Logs '] }), { platform: 'fargate', subnetIds: [], securityGroupIds: [], extraServices: ['logs'] });
    assert.throws(() => checkOptionsFromFlags({ subnet: ['subnet-x'] }), { reason: 'bad-input' });
    assert.throws(() => checkOptionsFromFlags({ needs: ['$(id)'] }), /is not an endpoint service name/);
  });
});
