// End to end: the real CLI process (bin/run.js → dist/) against accounts built in the moto
// emulator through the EC2 API. Each test builds one scenario, runs `doctor`, and checks the
// verdict, the statuses of the checks that matter, the evidence ids and the traffic paths.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ECR_API_SERVICE, SCENARIOS, type Account } from './accounts';
import { describeRun, emulatorEnv, parseJson, runCli, type CliResult } from './cli';
import { useEmulator } from './emulator';

// ---------------------------------------------------------------------------------------------
// The --json contract, as documented (kept here, not imported from src: this tier tests the output).

type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'error';
type Via = 'vpce' | 'nat' | 'igw' | 'tgw' | 'other' | 'blocked' | 'none';

interface EvidenceJson {
  resource: string;
  name?: string;
  field: string;
  observed: string;
  expected: string;
  note?: string;
}
interface CheckJson {
  id: string;
  title: string;
  stage: string;
  status: Status;
  summary: string;
  resources: string[];
  evidence: EvidenceJson[];
  remediation: { id: string; title: string; why: string; action: { kind: string; [k: string]: unknown } }[];
}
interface FlowJson {
  flow: 'api' | 'registry' | 'layers';
  via: Via;
  target?: string;
  detail: string;
}
interface PathJson {
  subnetId: string;
  subnetName?: string;
  routeTableId?: string;
  routeTableImplicit: boolean;
  flows: Record<'api' | 'registry' | 'layers', FlowJson>;
}
interface ReportJson {
  schemaVersion: number;
  tool: { name: string; version: string };
  generatedAt: string;
  source: 'live' | 'snapshot';
  target: { accountId?: string; region: string; partition: string; vpcId: string; vpcName?: string };
  options: { platform: string; subnets: string[]; workloadSubnetBasis: string; securityGroups: string[] };
  checks: CheckJson[];
  summary: { total: number; pass: number; warn: number; fail: number; skip: number; error: number; verdict: string; exitCode: number };
  paths: PathJson[];
  gaps: unknown[];
}

/** The catalogue order (CHECKS.md): the report lists checks in this relative order. */
const CATALOGUE_ORDER = [
  'vpc-dns-support',
  'vpc-dns-hostnames',
  'endpoint-ecr-dkr',
  'endpoint-ecr-api',
  'endpoint-private-dns',
  'endpoint-sg-ingress-443',
  'endpoint-s3-gateway',
  's3-route-association',
  'egress-path',
];

// ---------------------------------------------------------------------------------------------
// Fixture: one emulator for this file, reset before each test.

const emu = useEmulator();

const cli = (args: string[]) => runCli(args, emulatorEnv(emu.url));

async function doctor(acct: Account, ...extra: string[]): Promise<{ res: CliResult; report: ReportJson }> {
  const res = await cli(['doctor', '--vpc', acct.vpcId, '--json', ...extra]);
  const report = parseJson<ReportJson>(res);
  assert.equal(res.code, report.summary?.exitCode, `the exit code is the report's exitCode\n${describeRun(res)}`);
  return { res, report };
}

function check(report: ReportJson, id: string): CheckJson {
  const found = report.checks.find((c) => c.id === id);
  assert.ok(found, `check ${id} is in the report (got ${report.checks.map((c) => c.id).join(', ')})`);
  return found;
}

function assertStatus(report: ReportJson, id: string, status: Status): CheckJson {
  const c = check(report, id);
  assert.equal(c.status, status, `${id}: expected ${status}, got ${c.status}: ${c.summary}\n${JSON.stringify(c.evidence, null, 2)}`);
  return c;
}

/** Only `ids` fail (or, with `alsoNot`, some are allowed to warn); everything else passes or skips. */
function assertOnlyFailing(report: ReportJson, failing: string[], mayWarn: string[] = []): void {
  const unexpected = report.checks.filter(
    (c) => !failing.includes(c.id) && !mayWarn.includes(c.id) && c.status !== 'pass' && c.status !== 'skip',
  );
  assert.deepEqual(
    unexpected.map((c) => `${c.id}: ${c.status} (${c.summary})`),
    [],
    'no other check should fail, warn or error',
  );
  for (const id of failing) assertStatus(report, id, 'fail');
}

function path(report: ReportJson, subnetId: string): PathJson {
  const found = report.paths.find((p) => p.subnetId === subnetId);
  assert.ok(found, `a path for ${subnetId} (paths: ${report.paths.map((p) => p.subnetId).join(', ')})`);
  return found;
}

function assertFlow(report: ReportJson, subnetId: string, flow: 'api' | 'registry' | 'layers', via: Via, target?: string): void {
  const f = path(report, subnetId).flows[flow];
  assert.deepEqual({ via: f.via, target: f.target }, { via, target }, `${subnetId} ${flow}: ${f.detail}`);
}

const sorted = (xs: Iterable<string>) => [...xs].sort();
const evidenceResources = (c: CheckJson) => sorted(new Set(c.evidence.map((e) => e.resource)));
const actionsOf = (c: CheckJson, kind: string) => c.remediation.map((r) => r.action).filter((a) => a.kind === kind);
/** Everything the check says (summary, evidence, remediation), to look for an id anywhere in it. */
const textOf = (c: CheckJson) => JSON.stringify([c.summary, c.evidence, c.remediation]);

// ---------------------------------------------------------------------------------------------

describe('doctor against the emulator', { timeout: 300_000 }, () => {
  it('healthy: exit 0, every check passes or skips, all three flows stay on VPC endpoints', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    const { res, report } = await doctor(acct);

    assert.equal(res.code, 0, describeRun(res));
    assertOnlyFailing(report, []);
    assert.equal(report.summary.fail, 0);
    assert.equal(report.summary.error, 0);
    assert.equal(report.summary.verdict, 'pass');
    for (const id of CATALOGUE_ORDER) assertStatus(report, id, 'pass');
    const order = report.checks.map((c) => c.id).filter((id) => CATALOGUE_ORDER.includes(id));
    assert.deepEqual(order, CATALOGUE_ORDER, 'registry (troubleshooting) order');
    assert.deepEqual(report.gaps, [], 'every call the collector makes is answered by the emulator');

    assert.equal(report.source, 'live');
    assert.equal(report.target.vpcId, acct.vpcId);
    assert.equal(report.target.vpcName, 'prod');
    assert.equal(report.target.region, 'us-east-1');
    assert.equal(report.target.partition, 'aws');
    assert.equal(report.options.platform, 'fargate');
    assert.equal(report.options.workloadSubnetBasis, 'private-subnets');
    assert.deepEqual(sorted(report.options.subnets), sorted(acct.appSubnetIds), 'the private (app) subnets are the workload');

    assert.deepEqual(sorted(report.paths.map((p) => p.subnetId)), sorted(acct.appSubnetIds));
    for (const subnetId of acct.appSubnetIds) {
      const p = path(report, subnetId);
      assert.equal(p.routeTableId, acct.effectiveRouteTable[subnetId]);
      assert.equal(p.routeTableImplicit, false);
      assertFlow(report, subnetId, 'api', 'vpce', acct.endpoints.ecrApi);
      assertFlow(report, subnetId, 'registry', 'vpce', acct.endpoints.ecrDkr);
      assertFlow(report, subnetId, 'layers', 'vpce', acct.endpoints.s3);
    }
    assert.equal(res.stderr.includes('    at '), false, res.stderr);
  });

  it('classic: S3 gateway on the data table only → s3-route-association fails on the app tables, layers via NAT, exit 1', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    const { res, report } = await doctor(acct);

    assert.equal(res.code, 1, describeRun(res));
    assert.equal(report.summary.verdict, 'fail');
    assertOnlyFailing(report, ['s3-route-association'], ['egress-path']);
    assertStatus(report, 'endpoint-s3-gateway', 'pass');

    const appTables = sorted([acct.appRouteTableIds.a!, acct.appRouteTableIds.b!]);
    const s3 = check(report, 's3-route-association');
    assert.deepEqual(evidenceResources(s3), appTables, 'names each app route table, not the (associated) data table');
    assert.equal(textOf(s3).includes(acct.dataRouteTableId!), false);
    for (const subnetId of acct.appSubnetIds) assert.ok(textOf(s3).includes(subnetId), `names ${subnetId}, behind its table`);
    const [assoc] = actionsOf(s3, 'associate-route-tables');
    assert.equal(assoc?.endpointId, acct.endpoints.s3);
    assert.deepEqual(sorted(assoc?.routeTableIds as string[]), appTables);

    // The layers leak through the NAT; egress-path says so (a working but non-private path: warn).
    const egress = assertStatus(report, 'egress-path', 'warn');
    assert.deepEqual(evidenceResources(egress), sorted(acct.appSubnetIds));
    for (const subnetId of acct.appSubnetIds) {
      assertFlow(report, subnetId, 'layers', 'nat', acct.natId);
      assertFlow(report, subnetId, 'api', 'vpce', acct.endpoints.ecrApi);
      assertFlow(report, subnetId, 'registry', 'vpce', acct.endpoints.ecrDkr);
    }
    // The data tier (private, with the S3 route) is a workload subnet too, and its layers stay private.
    for (const subnetId of [acct.subnets.data!.a, acct.subnets.data!.b]) {
      assertFlow(report, subnetId, 'layers', 'vpce', acct.endpoints.s3);
      assert.equal(path(report, subnetId).routeTableId, acct.dataRouteTableId);
    }
  });

  it('classic, human output: a line per app subnet saying "image layers → NAT nat-…", no colour, exit 1', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    const res = await cli(['doctor', '--vpc', acct.vpcId]);

    assert.equal(res.code, 1, describeRun(res));
    assert.equal(/\x1b\[/.test(res.stdout), false, 'NO_COLOR=1: no ANSI escapes');
    const lines = res.stdout.split('\n');
    for (const subnetId of acct.appSubnetIds) {
      const pattern = new RegExp(`^\\s*${subnetId}\\b.*image layers → NAT ${acct.natId}\\b`);
      assert.ok(
        lines.some((l) => pattern.test(l)),
        `a line for ${subnetId} saying "image layers → NAT ${acct.natId}"\n${res.stdout}`,
      );
    }
    assert.match(res.stdout, /s3-route-association/);
    assert.ok(res.stdout.includes(acct.appRouteTableIds.a!));
    assert.equal(res.stderr.includes('    at '), false, res.stderr);
  });

  it('classic, S3 gateway associated with no table at all → the same failure on both app tables', async () => {
    const acct = await SCENARIOS.classicUnassociated().build(emu.ec2);
    const { res, report } = await doctor(acct);

    assert.equal(res.code, 1, describeRun(res));
    assertOnlyFailing(report, ['s3-route-association'], ['egress-path']);
    const s3 = check(report, 's3-route-association');
    const appTables = sorted([acct.appRouteTableIds.a!, acct.appRouteTableIds.b!]);
    assert.deepEqual(evidenceResources(s3), appTables);
    assert.deepEqual(sorted(actionsOf(s3, 'associate-route-tables')[0]?.routeTableIds as string[]), appTables);
    for (const subnetId of acct.appSubnetIds) assertFlow(report, subnetId, 'layers', 'nat', acct.natId);
  });

  it('implicit-main: app-b uses the main table implicitly → s3-route-association names the main table', async () => {
    const acct = await SCENARIOS.implicitMain().build(emu.ec2);
    const { res, report } = await doctor(acct);

    assert.equal(res.code, 1, describeRun(res));
    assertOnlyFailing(report, ['s3-route-association'], ['egress-path']);
    assert.deepEqual(sorted(report.options.subnets), sorted(acct.appSubnetIds), 'app-b is found through the main table');

    const s3 = check(report, 's3-route-association');
    assert.deepEqual(evidenceResources(s3), [acct.mainRouteTableId], 'the main table, not the (associated) app-a table');
    assert.ok(textOf(s3).includes(acct.subnets.app.b), 'names app-b, the subnet behind the main table');
    assert.deepEqual(actionsOf(s3, 'associate-route-tables')[0]?.routeTableIds, [acct.mainRouteTableId]);

    const b = path(report, acct.subnets.app.b);
    assert.equal(b.routeTableId, acct.mainRouteTableId);
    assert.equal(b.routeTableImplicit, true);
    assertFlow(report, acct.subnets.app.b, 'layers', 'nat', acct.natId);

    const a = path(report, acct.subnets.app.a);
    assert.equal(a.routeTableId, acct.appRouteTableIds.a);
    assert.equal(a.routeTableImplicit, false);
    assertFlow(report, acct.subnets.app.a, 'layers', 'vpce', acct.endpoints.s3);
  });

  it('private-dns-off: ecr.dkr without private DNS → endpoint-private-dns fails on that endpoint, registry via NAT', async () => {
    const acct = await SCENARIOS.privateDnsOff().build(emu.ec2);
    const { res, report } = await doctor(acct);

    assert.equal(res.code, 1, describeRun(res));
    assertOnlyFailing(report, ['endpoint-private-dns'], ['egress-path']);
    const dns = check(report, 'endpoint-private-dns');
    assert.deepEqual(evidenceResources(dns), [acct.endpoints.ecrDkr]);
    const ev = dns.evidence[0];
    assert.deepEqual([ev.field, ev.observed, ev.expected], ['PrivateDnsEnabled', 'false', 'true']);
    assert.equal(actionsOf(dns, 'enable-private-dns')[0]?.endpointId, acct.endpoints.ecrDkr);
    for (const subnetId of acct.appSubnetIds) {
      assertFlow(report, subnetId, 'registry', 'nat', acct.natId);
      assertFlow(report, subnetId, 'api', 'vpce', acct.endpoints.ecrApi);
      assertFlow(report, subnetId, 'layers', 'vpce', acct.endpoints.s3);
    }
  });

  it('dns-hostnames-off: enableDnsHostnames false → vpc-dns-hostnames fails, API and registry via NAT', async () => {
    const acct = await SCENARIOS.dnsHostnamesOff().build(emu.ec2);
    const { res, report } = await doctor(acct);

    assert.equal(res.code, 1, describeRun(res));
    assertOnlyFailing(report, ['vpc-dns-hostnames'], ['egress-path', 'endpoint-private-dns']);
    assertStatus(report, 'vpc-dns-support', 'pass');
    const c = check(report, 'vpc-dns-hostnames');
    assert.deepEqual(evidenceResources(c), [acct.vpcId]);
    assert.deepEqual([c.evidence[0].field, c.evidence[0].observed, c.evidence[0].expected], ['enableDnsHostnames', 'false', 'true']);
    assert.deepEqual(actionsOf(c, 'modify-vpc-attribute')[0], {
      kind: 'modify-vpc-attribute',
      vpcId: acct.vpcId,
      attribute: 'enableDnsHostnames',
    });
    for (const subnetId of acct.appSubnetIds) {
      assertFlow(report, subnetId, 'api', 'nat', acct.natId);
      assertFlow(report, subnetId, 'registry', 'nat', acct.natId);
      assertFlow(report, subnetId, 'layers', 'vpce', acct.endpoints.s3); // routes, not DNS
    }
  });

  it('missing-ecr-api: endpoint-ecr-api fails on the default platform (fargate), ECR API via NAT', async () => {
    const acct = await SCENARIOS.missingEcrApi().build(emu.ec2);
    const { res, report } = await doctor(acct);

    assert.equal(res.code, 1, describeRun(res));
    assert.equal(report.options.platform, 'fargate');
    assertOnlyFailing(report, ['endpoint-ecr-api'], ['egress-path']);
    assertStatus(report, 'endpoint-ecr-dkr', 'pass');
    const c = check(report, 'endpoint-ecr-api');
    assert.deepEqual(evidenceResources(c), [acct.vpcId]);
    const [create] = actionsOf(c, 'create-interface-endpoint');
    assert.equal(create?.serviceName, ECR_API_SERVICE);
    assert.equal(create?.vpcId, acct.vpcId);
    for (const subnetId of acct.appSubnetIds) {
      assertFlow(report, subnetId, 'api', 'nat', acct.natId);
      assertFlow(report, subnetId, 'registry', 'vpce', acct.endpoints.ecrDkr);
    }
  });

  it('missing-ecr-api with --platform fargate-1.3: endpoint-ecr-api is skip, exit 0', async () => {
    const acct = await SCENARIOS.missingEcrApi().build(emu.ec2);
    const { res, report } = await doctor(acct, '--platform', 'fargate-1.3');

    assert.equal(res.code, 0, describeRun(res));
    assert.equal(report.options.platform, 'fargate-1.3');
    assertStatus(report, 'endpoint-ecr-api', 'skip');
    assertOnlyFailing(report, [], ['egress-path']);
    assert.equal(report.summary.fail, 0);
  });

  it('wrong-cidr: endpoint SG admits 443 only from 192.168.0.0/16 → fails naming the SG and both app subnets', async () => {
    const acct = await SCENARIOS.wrongCidr().build(emu.ec2);
    const { res, report } = await doctor(acct);

    assert.equal(res.code, 1, describeRun(res));
    // Pulls cannot work at all: private DNS sends them to endpoints that drop them.
    assertOnlyFailing(report, ['endpoint-sg-ingress-443', 'egress-path']);
    const c = check(report, 'endpoint-sg-ingress-443');
    assert.deepEqual(evidenceResources(c), [acct.sg.endpoint], 'the evidence is about the endpoint SG');
    assert.ok(c.resources.includes(acct.sg.endpoint));
    for (const subnetId of acct.appSubnetIds) assert.ok(textOf(c).includes(subnetId), `names uncovered ${subnetId}`);
    assert.ok(c.evidence.some((e) => e.observed.includes('192.168.0.0/16')), 'shows what the SG admits');
    const [authorize] = actionsOf(c, 'authorize-ingress-443');
    assert.equal(authorize?.groupId, acct.sg.endpoint);
    for (const subnetId of acct.appSubnetIds) {
      assertFlow(report, subnetId, 'api', 'blocked', acct.endpoints.ecrApi);
      assertFlow(report, subnetId, 'registry', 'blocked', acct.endpoints.ecrDkr);
      assertFlow(report, subnetId, 'layers', 'vpce', acct.endpoints.s3);
    }
  });

  it('wrong-cidr variant: 443 from 10.0.0.0/8 covers the app subnets (containment) → pass, exit 0', async () => {
    const acct = await SCENARIOS.supernetCidr().build(emu.ec2);
    const { res, report } = await doctor(acct);

    assert.equal(res.code, 0, describeRun(res));
    assertStatus(report, 'endpoint-sg-ingress-443', 'pass');
    assertOnlyFailing(report, []);
    for (const subnetId of acct.appSubnetIds) assertFlow(report, subnetId, 'api', 'vpce', acct.endpoints.ecrApi);
  });

  it('wrong-cidr variant: 443 only from the workload SG → pass with --security-group, exit 0', async () => {
    const acct = await SCENARIOS.workloadSgOnly().build(emu.ec2);
    const { res, report } = await doctor(acct, '--security-group', acct.sg.workload);

    assert.equal(res.code, 0, describeRun(res));
    assert.deepEqual(report.options.securityGroups, [acct.sg.workload]);
    assertStatus(report, 'endpoint-sg-ingress-443', 'pass');
    assertOnlyFailing(report, []);
    for (const subnetId of acct.appSubnetIds) {
      assertFlow(report, subnetId, 'api', 'vpce', acct.endpoints.ecrApi);
      assertFlow(report, subnetId, 'registry', 'vpce', acct.endpoints.ecrDkr);
    }
  });

  it('wrong-cidr variant: 443 only from the workload SG, without --security-group → fail, exit 1', async () => {
    const acct = await SCENARIOS.workloadSgOnly().build(emu.ec2);
    const { res, report } = await doctor(acct);

    assert.equal(res.code, 1, describeRun(res));
    const c = assertStatus(report, 'endpoint-sg-ingress-443', 'fail');
    assert.deepEqual(evidenceResources(c), [acct.sg.endpoint]);
    for (const subnetId of acct.appSubnetIds) assert.ok(textOf(c).includes(subnetId), `names uncovered ${subnetId}`);
  });

  it('an unknown (well-formed) VPC id → exit 2, one line on stderr, no stack trace', async () => {
    const res = await cli(['doctor', '--vpc', 'vpc-0123456789abcdef0']);

    assert.equal(res.code, 2, describeRun(res));
    const lines = res.stderr.trim().split('\n');
    assert.equal(lines.length, 1, `one line on stderr:\n${res.stderr}`);
    assert.match(lines[0], /vpc-0123456789abcdef0/);
    assert.equal(res.stderr.includes('    at '), false, res.stderr);
    assert.equal(res.stdout.includes('    at '), false, res.stdout);
  });

  it('an unknown VPC id with --json → exit 2, still one clean line on stderr and no stack trace', async () => {
    const res = await cli(['doctor', '--vpc', 'vpc-0123456789abcdef0', '--json']);

    assert.equal(res.code, 2, describeRun(res));
    assert.match(res.stderr, /^ecr-vpce: .*vpc-0123456789abcdef0.*\n$/, `exactly one line on stderr:\n${res.stderr}`);
    const doc = parseJson<{ error: { reason: string; message: string } }>(res);
    assert.equal(doc.error.reason, 'vpc-not-found');
    assert.equal(`${res.stdout}${res.stderr}`.includes('    at '), false, describeRun(res));
  });

  it('snapshot then doctor --snapshot (offline) gives the same checks, summary and paths as the live run', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    const file = join(emu.scratch, 'classic.json');

    const snap = await cli(['snapshot', '--vpc', acct.vpcId, '-o', file]);
    assert.equal(snap.code, 0, describeRun(snap));
    assert.ok(existsSync(file), 'the snapshot file is written');
    assert.equal(readFileSync(file, 'utf8').includes('testing'), false, 'no credentials in the snapshot');

    const live = await doctor(acct);
    // Replay with the API unreachable: the snapshot must be all it reads.
    const replayRes = await runCli(
      ['doctor', '--snapshot', file, '--json'],
      emulatorEnv('http://127.0.0.1:9', { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined }),
    );
    const replay = parseJson<ReportJson>(replayRes);

    assert.equal(replayRes.code, 1, describeRun(replayRes));
    assert.equal(replay.source, 'snapshot');
    assert.equal(live.report.source, 'live');
    assert.deepEqual(replay.checks, live.report.checks);
    assert.deepEqual(replay.summary, live.report.summary);
    assert.deepEqual(replay.paths, live.report.paths);
    assert.deepEqual(replay.target, live.report.target);
    assertFlow(replay, acct.subnets.app.a, 'layers', 'nat', acct.natId);
  });
});
