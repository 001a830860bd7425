import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { PLATFORMS, STAGES, type RemediationAction, type Status } from '../../src/checks/types';
import type { Via } from '../../src/inventory/paths';
import type { InventoryPart } from '../../src/inventory/types';
import { renderJson } from '../../src/report/json';
import { buildReport, type Report } from '../../src/report/model';
import { classicResults, classicVpc, OPTS, result } from './fixtures';
import { buildFixPlan, type PlanAction } from '../../src/report/fix-plan';
import { everythingBroken, noEndpoints, reportOf } from './fix-plan-fixtures';

const schema = JSON.parse(readFileSync(resolve(__dirname, '../../schemas/report.v1.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(value: unknown): void {
  const ok = validate(value);
  assert.ok(ok, ajv.errorsText(validate.errors));
}

function assertInvalid(value: unknown, where: string): void {
  assert.equal(validate(value), false, 'schema accepted an invalid report');
  assert.ok(
    validate.errors?.some((e) => e.instancePath.startsWith(where)),
    `no error at ${where}: ${ajv.errorsText(validate.errors)}`,
  );
}

const classic = (): Report =>
  buildReport({ results: classicResults(), inventory: classicVpc(), options: OPTS, toolVersion: '0.1.0', source: 'live' });

/** A report as a --json consumer sees it. */
const parsed = (r: Report) => JSON.parse(renderJson(r));

describe('schemas/report.v1.json accepts real reports', () => {
  it('the classic leak: fail, evidence, remediation, paths', () => {
    assertValid(parsed(classic()));
  });

  it('a snapshot with gaps and error results, and no paths', () => {
    const inv = classicVpc();
    delete inv.target.accountId;
    inv.vpc!.tags = {};
    inv.gaps.push({
      part: 'routeTables',
      call: 'ec2:DescribeRouteTables',
      code: 'UnauthorizedOperation',
      message: 'denied',
      iamAction: 'ec2:DescribeRouteTables',
    });
    const results = [
      result('s3-route-association', 'routing', 'error', {
        evidence: [{ resource: 'ec2:DescribeRouteTables', field: 'error', observed: 'UnauthorizedOperation: denied', expected: 'permission ec2:DescribeRouteTables' }],
      }),
    ];
    const r = buildReport({ results, inventory: inv, options: OPTS, toolVersion: '0.1.0', source: 'snapshot', strict: true });
    assert.deepEqual(r.paths, []);
    assertValid(parsed(r));
  });

  it('an empty VPC with no checks', () => {
    const inv = { ...classicVpc(), subnets: [], vpcEndpoints: [] };
    assertValid(parsed(buildReport({ results: [], inventory: inv, options: OPTS, toolVersion: '0.1.0', source: 'live' })));
  });

  it('every remediation action kind (adding a kind breaks this test until the schema knows it)', () => {
    // The mapped type makes tsc fail here when RemediationAction gains a kind.
    const samples: { [K in RemediationAction['kind']]: Extract<RemediationAction, { kind: K }> } = {
      'modify-vpc-attribute': { kind: 'modify-vpc-attribute', vpcId: 'vpc-1', attribute: 'enableDnsHostnames' },
      'create-interface-endpoint': {
        kind: 'create-interface-endpoint',
        vpcId: 'vpc-1',
        serviceName: 'com.amazonaws.us-east-1.ecr.dkr',
        subnetIds: ['subnet-1'],
        securityGroupIds: ['sg-1'],
      },
      'create-gateway-endpoint': { kind: 'create-gateway-endpoint', vpcId: 'vpc-1', serviceName: 'com.amazonaws.us-east-1.s3', routeTableIds: ['rtb-1'] },
      'enable-private-dns': { kind: 'enable-private-dns', endpointId: 'vpce-1' },
      'associate-route-tables': { kind: 'associate-route-tables', endpointId: 'vpce-1', routeTableIds: ['rtb-1'] },
      'authorize-ingress-443': { kind: 'authorize-ingress-443', groupId: 'sg-1', cidrs: ['10.0.0.0/16'], sourceGroupIds: [] },
      manual: { kind: 'manual', detail: 'Ask the VPC owner.' },
    };
    const report = classic();
    report.checks = Object.values(samples).map((action, i) =>
      result(`fix-${i}`, 'routing', 'fail', { remediation: [{ id: `fix-${i}`, title: 't', why: 'w', action }] }),
    );
    assertValid(parsed(report));
  });
});

describe('schemas/report.v1.json rejects malformed reports', () => {
  it('a bad status', () => {
    const r = parsed(classic());
    r.checks[0].status = 'ok';
    assertInvalid(r, '/checks/0/status');
  });

  it('an unknown property at the top and inside evidence', () => {
    const r = parsed(classic());
    r.extra = true;
    assertInvalid(r, '');
    const r2 = parsed(classic());
    r2.checks[7].evidence[0].severity = 'high';
    assertInvalid(r2, '/checks/7/evidence/0');
  });

  it('evidence without its expected value', () => {
    const r = parsed(classic());
    delete r.checks[7].evidence[0].expected;
    assertInvalid(r, '/checks/7/evidence/0');
  });

  it('an action missing a field its kind needs, or of an unknown kind', () => {
    const r = parsed(classic());
    delete r.checks[7].remediation[0].action.routeTableIds;
    assertInvalid(r, '/checks/7/remediation/0/action');
    const r2 = parsed(classic());
    r2.checks[7].remediation[0].action.kind = 'delete-vpc';
    assertInvalid(r2, '/checks/7/remediation/0/action');
  });

  it('a bad via, a flow under the wrong key, a bad verdict, exit code 3', () => {
    const bad: Array<[(r: any) => void, string]> = [
      [(r) => (r.paths[0].flows.layers.via = 'internet'), '/paths/0/flows/layers/via'],
      [(r) => (r.paths[0].flows.api.flow = 'layers'), '/paths/0/flows/api/flow'],
      [(r) => (r.summary.verdict = 'ok'), '/summary/verdict'],
      [(r) => (r.summary.exitCode = 3), '/summary/exitCode'],
      [(r) => (r.generatedAt = 'yesterday'), '/generatedAt'],
      [(r) => (r.schemaVersion = 2), '/schemaVersion'],
    ];
    for (const [mutate, where] of bad) {
      const r = parsed(classic());
      mutate(r);
      assertInvalid(r, where);
    }
  });
});

describe('schema enums match the TypeScript unions', () => {
  // Record<Union, true> makes tsc list every member: a new member fails compilation here.
  const statuses: Record<Status, true> = { pass: true, warn: true, fail: true, skip: true, error: true };
  const vias: Record<Via, true> = { vpce: true, nat: true, igw: true, tgw: true, other: true, blocked: true, none: true };
  const parts: Record<InventoryPart, true> = {
    identity: true, vpc: true, vpcAttributes: true, dhcpOptions: true, subnets: true, routeTables: true,
    vpcEndpoints: true, securityGroups: true, networkAcls: true, natGateways: true, internetGateways: true,
    prefixLists: true, endpointServices: true, natMetrics: true, workload: true, pullThroughCache: true, ecrImages: true,
  };
  const sorted = (xs: readonly string[]) => [...xs].sort();

  it('status, stage, platform, via, gap part', () => {
    const defs = schema.$defs;
    assert.deepEqual(sorted(defs.check.properties.status.enum), sorted(Object.keys(statuses)));
    assert.deepEqual(defs.check.properties.stage.enum, [...STAGES]);
    assert.deepEqual(schema.properties.options.properties.platform.enum, [...PLATFORMS]);
    assert.deepEqual(sorted(defs.flowPath.properties.via.enum), sorted(Object.keys(vias)));
    assert.deepEqual(sorted(defs.gap.properties.part.enum), sorted(Object.keys(parts)));
  });
});

describe('renderJson', () => {
  it('is 2-space indented, ends with one newline and parses back to the report', () => {
    const r = classic();
    const out = renderJson(r);
    assert.ok(out.endsWith('}\n') && !out.endsWith('\n\n'));
    assert.ok(out.startsWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "ecr-vpce",'));
    assert.deepEqual(JSON.parse(out), JSON.parse(JSON.stringify(r)));
  });

  it('puts the top-level keys in contract order', () => {
    assert.deepEqual(Object.keys(parsed(classic())), [
      'schemaVersion', 'tool', 'generatedAt', 'source', 'target', 'options', 'checks', 'summary', 'paths', 'gaps',
    ]);
  });

  it('gives the same bytes whatever order a check built its objects in', () => {
    const a = classic();
    const b = classic();
    const ev = b.checks[7].evidence[0];
    b.checks[7].evidence[0] = { note: ev.note, expected: ev.expected, observed: ev.observed, field: ev.field, resource: ev.resource };
    const fix = b.checks[7].remediation[0];
    b.checks[7].remediation[0] = { action: { routeTableIds: ['rtb-123'], endpointId: 'vpce-s3', kind: 'associate-route-tables' }, why: fix.why, title: fix.title, id: fix.id };
    assert.notDeepEqual(Object.keys(a.checks[7].evidence[0]), Object.keys(b.checks[7].evidence[0]));
    assert.equal(renderJson(a), renderJson(b));
    assert.match(renderJson(a), /"action": \{\n\s+"kind": "associate-route-tables",\n\s+"endpointId"/);
  });

  it('drops properties outside the contract', () => {
    const r = classic();
    (r.checks[0] as unknown as Record<string, unknown>).debug = 'internal';
    assert.doesNotMatch(renderJson(r), /internal/);
  });

  it('escapes DEL and C1 controls (8-bit CSI) so the output is inert on a terminal, same value when parsed', () => {
    const r = classic();
    r.target.vpcName = 'evil\u009b2Jname\u007f';
    const out = renderJson(r);
    assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    assert.match(out, /"vpcName": "evil\\u009b2Jname\\u007f"/);
    assert.equal(JSON.parse(out).target.vpcName, 'evil\u009b2Jname\u007f');
  });
});

describe('fixPlan in the JSON report (doctor --json --fix-plan)', () => {
  const withPlan = (inv = everythingBroken()): Report => {
    const r = reportOf(inv);
    r.fixPlan = buildFixPlan(r, { vpcCidrs: inv.vpc?.cidrBlocks });
    return r;
  };

  it('is absent unless asked for, so the default report is unchanged', () => {
    assert.equal('fixPlan' in parsed(classic()), false);
  });

  it('validates, last key, steps in contract key order', () => {
    for (const inv of [everythingBroken(), noEndpoints()]) {
      const json = parsed(withPlan(inv));
      assertValid(json);
      assert.equal(Object.keys(json).at(-1), 'fixPlan');
      assert.deepEqual(Object.keys(json.fixPlan.steps[0]), ['number', 'id', 'title', 'why', 'fixes', 'action']);
    }
    const sg = parsed(withPlan(noEndpoints())).fixPlan.steps[0].action;
    assert.deepEqual(Object.keys(sg), ['kind', 'description', 'groupName', 'ingressCidrs', 'vpcId']);
  });

  it('every plan action kind validates (a new kind breaks this test until the schema knows it)', () => {
    const samples: { [K in PlanAction['kind']]: Extract<PlanAction, { kind: K }> } = {
      'modify-vpc-attribute': { kind: 'modify-vpc-attribute', vpcId: 'vpc-1', attribute: 'enableDnsSupport' },
      'create-security-group': { kind: 'create-security-group', vpcId: 'vpc-1', groupName: 'g', description: 'd', ingressCidrs: [] },
      'create-interface-endpoint': { kind: 'create-interface-endpoint', vpcId: 'vpc-1', serviceName: 's', subnetIds: [], securityGroupIds: [] },
      'create-gateway-endpoint': { kind: 'create-gateway-endpoint', vpcId: 'vpc-1', serviceName: 's', routeTableIds: ['rtb-1'] },
      'enable-private-dns': { kind: 'enable-private-dns', endpointId: 'vpce-1' },
      'associate-route-tables': { kind: 'associate-route-tables', endpointId: 'vpce-1', routeTableIds: ['rtb-1'] },
      'authorize-ingress-443': { kind: 'authorize-ingress-443', groupId: 'sg-1', cidrs: [], sourceGroupIds: ['sg-2'] },
      manual: { kind: 'manual', detail: 'ask' },
    };
    const r = classic();
    r.fixPlan = { steps: Object.values(samples).map((action, i) => ({ number: i + 1, id: `fix-${i}`, title: 't', why: 'w', fixes: ['a-check'], action })) };
    assertValid(parsed(r));
  });

  it('rejects a malformed plan', () => {
    const bad: Array<[(r: any) => void, string]> = [
      [(r) => (r.fixPlan.extra = 1), '/fixPlan'],
      [(r) => (r.fixPlan.steps[0].number = 0), '/fixPlan/steps/0/number'],
      [(r) => (r.fixPlan.steps[0].fixes = []), '/fixPlan/steps/0/fixes'],
      [(r) => (r.fixPlan.steps[0].fixes = ['Not An Id']), '/fixPlan/steps/0/fixes/0'],
      [(r) => delete r.fixPlan.steps[0].why, '/fixPlan/steps/0'],
      [(r) => delete r.fixPlan.steps[0].action.ingressCidrs, '/fixPlan/steps/0/action'],
      [(r) => (r.fixPlan.steps[0].action.kind = 'delete-security-group'), '/fixPlan/steps/0/action'],
    ];
    for (const [mutate, where] of bad) {
      const r = parsed(withPlan(noEndpoints()));
      mutate(r);
      assertInvalid(r, where);
    }
  });
});
