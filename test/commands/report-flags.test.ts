import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withConfig } from '../../src/commands/config-defaults';
import { destination, sarifArtifact } from '../../src/commands/report-flags';
import { EMPTY_CONFIG, type Config } from '../../src/config/types';
import { DiagnoseError } from '../../src/util/errors';

describe('destination: what goes to stdout and to --output', () => {
  it('human on stdout by default; a format alone on stdout', () => {
    assert.deepEqual(destination({}, false, undefined), { files: [], stdout: 'human' });
    assert.deepEqual(destination({ format: 'sarif' }, false, undefined), { files: [], stdout: 'sarif' });
  });

  it('one --output: the file gets the format (or the extension\'s), the terminal the human report', () => {
    assert.deepEqual(destination({ format: 'junit', output: ['r.txt'] }, false, undefined), { files: [{ path: 'r.txt', format: 'junit' }], stdout: 'human' });
    const byExt = (output: string) => destination({ output: [output] }, false, undefined).files[0].format;
    assert.deepEqual(['a.sarif', 'a.xml', 'a.md', 'a.MD', 'a.json', 'a.txt', 'noext'].map(byExt), ['sarif', 'junit', 'markdown', 'markdown', 'json', 'human', 'human']);
  });

  it('several --output: one read, each file in the format of its extension', () => {
    const d = destination({ output: ['x.sarif', 'x.xml', 'x.md', 'x.log'], format: 'json' }, false, undefined);
    assert.deepEqual(d.files.map((f) => f.format), ['sarif', 'junit', 'markdown', 'json']);
    assert.equal(d.stdout, 'human');
  });

  it('--json keeps stdout for JSON (oclif); with --output the file takes the format', () => {
    assert.deepEqual(destination({}, true, undefined), { files: [] });
    assert.deepEqual(destination({ format: 'json' }, true, undefined), { files: [] });
    assert.deepEqual(destination({ output: ['x'] }, true, undefined), { files: [{ path: 'x', format: 'json' }], stdout: undefined });
    assert.deepEqual(destination({ output: ['x.sarif'], format: 'sarif' }, true, undefined), { files: [{ path: 'x.sarif', format: 'sarif' }], stdout: undefined });
    assert.throws(() => destination({ format: 'sarif' }, true, undefined), /--json prints JSON; use --format sarif without --json, or add --output FILE/);
  });

  it('a fix plan on stdout leaves no room for another format there', () => {
    assert.deepEqual(destination({}, false, 'cli'), { files: [], stdout: undefined });
    assert.deepEqual(destination({ format: 'sarif', output: ['x.sarif'] }, false, 'terraform'), { files: [{ path: 'x.sarif', format: 'sarif' }], stdout: undefined });
    assert.deepEqual(destination({ output: ['x.xml'] }, false, 'human'), { files: [{ path: 'x.xml', format: 'junit' }], stdout: 'human' });
    assert.throws(() => destination({ format: 'sarif' }, false, 'cli'), /--fix-plan prints on stdout too: write the sarif report with --output FILE/);
    assert.throws(() => destination({ format: 'markdown' }, false, 'human'), DiagnoseError);
  });

  it('an unknown format from the config file is refused', () => {
    assert.throws(() => destination({ format: 'html' }, false, undefined), /--format must be one of/);
  });
});

describe('sarifArtifact: a repository-relative URI', () => {
  it('the flag, else the config file read, else .ecr-vpce.json', () => {
    assert.equal(sarifArtifact('.github/workflows/ecr vpce.yml', EMPTY_CONFIG), '.github/workflows/ecr%20vpce.yml');
    assert.equal(sarifArtifact('./infra/x.json', EMPTY_CONFIG), 'infra/x.json');
    assert.equal(sarifArtifact('/repo/infra/x.json', EMPTY_CONFIG, '/repo'), 'infra/x.json');
    assert.equal(sarifArtifact(undefined, { suppress: [], source: 'package.json#ecr-vpce' }), 'package.json');
    assert.equal(sarifArtifact(undefined, { suppress: [], source: 'ci/ecr-vpce.json' }), 'ci/ecr-vpce.json');
    assert.equal(sarifArtifact(undefined, EMPTY_CONFIG), '.ecr-vpce.json');
  });
});

describe('withConfig: flags win, the config fills the gaps', () => {
  const config: Config = {
    suppress: [],
    vpc: 'vpc-0123456789abcdef0',
    region: 'eu-west-1',
    platform: 'eks',
    subnets: ['subnet-0123456789abcdef0'],
    securityGroups: ['sg-0123456789abcdef0'],
    only: ['dns'],
    skip: ['egress-path'],
    strict: true,
    format: 'junit',
  };

  it('fills every absent flag', () => {
    assert.deepEqual(withConfig({}, config), {
      vpc: config.vpc, region: 'eu-west-1', platform: 'eks', subnet: config.subnets, 'security-group': config.securityGroups,
      only: ['dns'], skip: ['egress-path'], strict: true, format: 'junit',
    });
  });

  it('a given flag wins, --no-strict included; no config means the built-in defaults', () => {
    const out = withConfig({ platform: 'fargate', strict: false, subnet: ['subnet-0000000000000000a'], format: 'human' }, config);
    assert.deepEqual([out.platform, out.strict, out.subnet, out.format], ['fargate', false, ['subnet-0000000000000000a'], 'human']);
    assert.equal(withConfig({}, EMPTY_CONFIG).strict, false);
    assert.equal(withConfig({}, EMPTY_CONFIG).format, undefined);
  });

  it('the config VPC only when nothing else names the target', () => {
    assert.equal(withConfig({ snapshot: 's.json' }, config).vpc, undefined);
    assert.equal(withConfig({ snapshot: 's.json' }, config).region, undefined);
    assert.equal(withConfig({ 'ecs-service': 'c/s' }, config).vpc, undefined);
    assert.equal(withConfig({ 'eks-cluster': 'c' }, config).vpc, undefined);
    assert.equal(withConfig({ vpc: 'vpc-0000000000000000a' }, config).vpc, 'vpc-0000000000000000a');
  });
});

describe('withConfig: a config format never fights --json or --fix-plan for stdout', () => {
  const config: Config = { suppress: [], format: 'sarif' };
  it('ignored when stdout is taken, applied to --output files', () => {
    assert.equal(withConfig({ json: true }, config).format, undefined);
    assert.equal(withConfig({ 'fix-plan': 'cli' }, config).format, undefined);
    assert.equal(withConfig({ json: true, output: ['r.sarif'] }, config).format, 'sarif');
    assert.equal(withConfig({}, config).format, 'sarif');
  });
});
