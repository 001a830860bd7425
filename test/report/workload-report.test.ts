/** The workload in the report: subnet basis "workload", what was derived, in JSON and on the terminal. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { renderHuman } from '../../src/report/human';
import { renderJson } from '../../src/report/json';
import { buildReport } from '../../src/report/model';
import { classicResults, classicVpc, OPTS } from './fixtures';

const schema = JSON.parse(readFileSync(resolve(__dirname, '../../schemas/report.v1.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

const workloadReport = () =>
  buildReport({
    results: classicResults(),
    inventory: classicVpc(),
    options: {
      ...OPTS,
      subnetIds: ['subnet-app'],
      subnetSource: 'workload',
      securityGroupIds: ['sg-app'],
      workload: { description: 'ECS service prod/web (FARGATE, platform version LATEST), task definition web:3', notes: ['Fargate platform version LATEST = 1.4.0 for Linux (since 2021-03; last checked 2026-11)'] },
    },
    toolVersion: '0.1.0',
    source: 'live',
  });

describe('a report about a workload', () => {
  it('says the subnets are the workload\'s and carries the derivation; the schema accepts it', () => {
    const r = workloadReport();
    assert.equal(r.options.workloadSubnetBasis, 'workload');
    const json = JSON.parse(renderJson(r));
    assert.deepEqual(json.options.workload, r.options.workload);
    assert.ok(validate(json), ajv.errorsText(validate.errors));
  });

  it('prints the workload and its notes in the header', () => {
    const out = renderHuman(workloadReport(), { color: false });
    assert.match(out, /Workload: ECS service prod\/web \(FARGATE, platform version LATEST\), task definition web:3\n\s+Fargate platform version LATEST = 1\.4\.0/);
    assert.match(out, /Workload subnets: subnet-app.* — the workload's own/);
  });

  it('without a workload: no workload key, basis unchanged', () => {
    const r = buildReport({ results: classicResults(), inventory: classicVpc(), options: OPTS, toolVersion: '0.1.0', source: 'live' });
    assert.equal(JSON.parse(renderJson(r)).options.workload, undefined);
    assert.equal(r.options.workloadSubnetBasis, 'private-subnets');
  });
});
