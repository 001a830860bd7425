// End to end: every report format from the real CLI against accounts built in the emulator.
// SARIF is validated against the SARIF 2.1.0 schema and GitHub's rules, JUnit parsed strictly and
// checked against the JUnit XSD shape, Markdown/Mermaid compared with golden files (AWS ids and
// times normalised: the emulator makes new ones on every run). One doctor run writes all four
// files (--output repeated), so they must agree with each other and with the exit code.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertValidJunit, assertValidSarif } from '../helpers/formats';
import { assertGolden } from '../helpers/golden';
import { SCENARIOS, type Account, type ScenarioName } from './accounts';
import { describeRun, emulatorEnv, parseJson, runCli } from './cli';
import { useEmulator } from './emulator';

interface ReportJson {
  checks: { id: string; status: string; suppression?: { suppressed: boolean; rules: { reason: string }[] } }[];
  summary: { exitCode: number; fail: number; warn: number; suppressed?: number; verdict: string };
  paths: { subnetId: string }[];
  suppressions?: { check: string; state: string }[];
}

const emu = useEmulator();

const cli = (args: string[]) => runCli(args, emulatorEnv(emu.url));

/** One run, four files. */
async function allFormats(acct: Account, name: string, ...extra: string[]) {
  const file = (ext: string) => join(emu.scratch, `${name}.${ext}`);
  const res = await cli(['doctor', '--vpc', acct.vpcId, ...['sarif', 'xml', 'md', 'json'].flatMap((e) => ['--output', file(e)]), ...extra]);
  const read = (ext: string) => readFileSync(file(ext), 'utf8');
  const report = JSON.parse(read('json')) as ReportJson;
  assert.equal(res.code, report.summary.exitCode, describeRun(res));
  assert.match(res.stdout, /^Verdict: /m, 'the human report still goes to the terminal');
  return { res, report, sarif: read('sarif'), junit: read('xml'), markdown: read('md') };
}

/** Emulator ids and times change on every run: number them by first appearance. */
function normalise(text: string): string {
  const seen = new Map<string, string>();
  return text
    .replace(/\b(vpc|subnet|rtb|vpce|sg|nat|igw|acl|dopt|eipalloc|pl)-[0-9a-f]{8,17}\b/g, (id, prefix: string) => {
      if (!seen.has(id)) seen.set(id, `${prefix}-${[...seen.keys()].filter((k) => k.startsWith(`${prefix}-`)).length + 1}`);
      return seen.get(id)!;
    })
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}\\?:\d{2}\\?:\d{2}(?:\.\d+)?Z/g, '<time>');
}

const SCENARIO_NAMES: ScenarioName[] = ['healthy', 'classic', 'implicitMain', 'privateDnsOff', 'dnsHostnamesOff', 'missingEcrApi', 'wrongCidr'];

describe('every format from the emulator accounts', { timeout: 600_000 }, () => {
  for (const name of SCENARIO_NAMES) {
    it(`${name}: SARIF valid, JUnit well-formed, all agree with the JSON report`, async () => {
      const acct = await SCENARIOS[name]().build(emu.ec2);
      const { report, sarif, junit, markdown } = await allFormats(acct, name);

      const log = assertValidSarif(sarif);
      const failing = report.checks.filter((c) => ['warn', 'fail', 'error'].includes(c.status)).map((c) => c.id);
      assert.deepEqual([...new Set(log.runs[0].results!.map((r) => r.ruleId))], failing);
      assert.equal(log.runs[0].invocations![0].exitCode, report.summary.exitCode);
      for (const r of log.runs[0].results!) {
        assert.equal(r.locations![0].physicalLocation!.artifactLocation!.uri, '.ecr-vpce.json');
        assert.ok(r.locations![0].logicalLocations![0].fullyQualifiedName!.includes(acct.vpcId));
      }

      const suite = assertValidJunit(junit);
      assert.deepEqual(suite.cases.map((c) => c.name), report.checks.map((c) => c.id));
      assert.equal(suite.counts.failures, report.summary.fail);
      assert.equal(suite.properties.vpcId, acct.vpcId);

      assert.match(markdown, new RegExp(`^## ecr-vpce doctor: .*${report.summary.verdict.toUpperCase()}`));
      assert.equal((markdown.match(/```mermaid/g) ?? []).length, report.paths.length, 'a diagram per workload subnet');
      for (const id of acct.appSubnetIds) assert.ok(markdown.includes(`#### \`${id}\``), id);
    });
  }

  it('Markdown/Mermaid golden: the classic leak and the implicit main route table', async () => {
    for (const [name, golden] of [['classic', 'e2e-markdown-classic.md'], ['implicitMain', 'e2e-markdown-implicit-main.md']] as const) {
      await emu.moto.reset();
      const acct = await SCENARIOS[name]().build(emu.ec2);
      const { markdown } = await allFormats(acct, `golden-${name}`);
      assertGolden(golden, normalise(markdown));
    }
  });

  it('--format sarif alone on stdout; --strict makes a warning an error in SARIF and a failure in JUnit', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    const plain = await cli(['doctor', '--vpc', acct.vpcId, '--format', 'sarif', '--sarif-artifact', '.github/workflows/ecr-vpce.yml']);
    const log = assertValidSarif(plain.stdout);
    assert.equal(plain.code, 1);
    assert.equal(log.runs[0].results!.find((r) => r.ruleId === 'egress-path')!.level, 'warning');
    assert.equal(log.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!.uri, '.github/workflows/ecr-vpce.yml');

    const strict = await cli(['doctor', '--vpc', acct.vpcId, '--format', 'sarif', '--strict']);
    assert.equal(assertValidSarif(strict.stdout).runs[0].results!.find((r) => r.ruleId === 'egress-path')!.level, 'error');
    const junit = await cli(['doctor', '--vpc', acct.vpcId, '--format', 'junit', '--strict']);
    assert.equal(assertValidJunit(junit.stdout).cases.find((c) => c.name === 'egress-path')!.outcome, 'failure');
  });

  it('a config file: defaults and a suppression that turns exit 1 into 0, still shown; an expired one is ignored', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    const tables = [acct.appRouteTableIds.a!, acct.appRouteTableIds.b!];
    const config = (expires: string) => {
      const path = join(emu.scratch, `config-${expires}.json`);
      writeFileSync(
        path,
        JSON.stringify({
          vpc: acct.vpcId,
          suppress: [
            ...tables.map((resource) => ({ check: 's3-route-association', resource, reason: 'layers via NAT until the migration', expires })),
            { check: 'egress-path', reason: 'same migration', expires },
          ],
        }),
      );
      return path;
    };

    const ok = await cli(['doctor', '--config', config('2999-12-31'), '--json']);
    const report = parseJson<ReportJson>(ok);
    assert.equal(ok.code, 0, describeRun(ok));
    assert.equal(report.summary.suppressed, 2);
    const s3 = report.checks.find((c) => c.id === 's3-route-association')!;
    assert.equal(s3.status, 'fail', 'the finding still appears');
    assert.deepEqual(s3.suppression?.suppressed, true);
    assert.deepEqual(report.suppressions?.map((s) => s.state), ['applied', 'applied', 'applied']);

    const human = await cli(['doctor', '--config', config('2999-12-31')]);
    assert.match(human.stdout, /suppressed \(does not count\): .*layers via NAT until the migration/);
    const sarif = assertValidSarif((await cli(['doctor', '--config', config('2999-12-31'), '--format', 'sarif'])).stdout);
    assert.ok(sarif.runs[0].results!.filter((r) => r.ruleId === 's3-route-association').every((r) => r.level === 'note' && r.suppressions?.length === 1));

    const expired = await cli(['doctor', '--config', config('2001-01-01'), '--json']);
    assert.equal(expired.code, 1, 'an expired suppression is ignored');
    assert.deepEqual(parseJson<ReportJson>(expired).suppressions?.map((s) => s.state), ['expired', 'expired', 'expired']);
    const expiredHuman = await cli(['doctor', '--config', config('2001-01-01')]);
    assert.match(expiredHuman.stdout, /expired on 2001-01-01, ignored: s3-route-association on /);
  });

  it('a bad config or a bad combination of flags: exit 2, one line naming the problem, before any AWS call', async () => {
    const bad = join(emu.scratch, 'bad.json');
    writeFileSync(bad, JSON.stringify({ suppress: [{ check: 'endpoint-az-coverage', reason: 'x', expires: 'soon' }] }));
    const res = await cli(['doctor', '--vpc', 'vpc-0123456789abcdef0', '--config', bad]);
    assert.equal(res.code, 2, describeRun(res));
    assert.equal(res.stderr, `ecr-vpce: ${bad}: suppress[0].expires must be a date YYYY-MM-DD\n`);

    const both = await cli(['doctor', '--vpc', 'vpc-0123456789abcdef0', '--json', '--format', 'junit']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--json prints JSON; use --format junit without --json/);
  });
});
