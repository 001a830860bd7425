import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CHECKS } from '../../src/checks/index';
import { STAGES } from '../../src/checks/types';
import { loadConfig } from '../../src/config/load';
import { validateConfig } from '../../src/config/validate';
import { DiagnoseError } from '../../src/util/errors';

const ctx = { source: '.ecr-vpce.json', checkIds: CHECKS.map((c) => c.id), stages: STAGES };
const SUBNET = 'subnet-0123456789abcdef0';

function rejects(data: unknown, message: RegExp): void {
  assert.throws(
    () => validateConfig(data, ctx),
    (err: unknown) => err instanceof DiagnoseError && err.reason === 'bad-config' && err.exitCode === 2 && message.test(err.message),
  );
}

describe('validateConfig', () => {
  it('accepts every setting', () => {
    const config = validateConfig(
      {
        $schema: './node_modules/ecr-vpce/schemas/config.v1.json',
        vpc: 'vpc-0123456789abcdef0',
        region: 'eu-west-1',
        platform: 'eks',
        subnets: [SUBNET],
        securityGroups: ['sg-0123456789abcdef0'],
        only: ['endpoints', 's3-route-association'],
        skip: ['endpoint-az-coverage'],
        strict: true,
        format: 'sarif',
        suppress: [{ check: 'endpoint-az-coverage', resource: SUBNET, reason: ' one AZ by design ', expires: '2027-01-31' }],
      },
      ctx,
    );
    assert.deepEqual(config.suppress, [{ check: 'endpoint-az-coverage', resource: SUBNET, reason: 'one AZ by design', expires: '2027-01-31' }]);
    assert.equal(config.platform, 'eks');
    assert.equal(config.strict, true);
    assert.equal(config.source, '.ecr-vpce.json');
  });

  it('an empty object is an empty config', () => {
    assert.deepEqual(validateConfig({}, ctx), { source: '.ecr-vpce.json', suppress: [] });
  });

  it('names the bad field', () => {
    rejects([], /\.ecr-vpce\.json: \(top level\) must be a JSON object/);
    rejects({ subnet: [SUBNET] }, /: "subnet" is not a known setting/);
    rejects({ platform: 'lambda' }, /: platform must be one of fargate, fargate-1\.3, ecs-ec2, eks/);
    rejects({ format: 'html' }, /: format must be one of human, json, sarif, junit, markdown/);
    rejects({ strict: 'yes' }, /: strict must be true or false/);
    rejects({ subnets: 'subnet-1' }, /: subnets must be an array of strings/);
    rejects({ subnets: [SUBNET, 'subnet-xyz'] }, /: subnets\[1\] "subnet-xyz" is not a valid subnet id/);
    rejects({ securityGroups: [SUBNET] }, /: securityGroups\[0\] .* is not a valid security group id/);
    rejects({ vpc: 'vpc-1' }, /: vpc "vpc-1" is not a valid VPC id/);
    rejects({ region: 'mars-1' }, /: region: "mars-1" is not an AWS region name/);
    rejects({ only: ['dns', 'nope'] }, /: only\[1\] "nope" is not a check id or a stage/);
    rejects({ suppress: {} }, /: suppress must be an array/);
    rejects({ suppress: [{ check: 'nope', reason: 'x' }] }, /: suppress\[0\]\.check "nope" is not a check id/);
    rejects({ suppress: [{ reason: 'x' }] }, /: suppress\[0\]\.check is required/);
    rejects({ suppress: [{ check: 'egress-path' }] }, /: suppress\[0\]\.reason is required/);
    rejects({ suppress: [{ check: 'egress-path', reason: '  ' }] }, /: suppress\[0\]\.reason is required/);
    rejects({ suppress: [{ check: 'egress-path', reason: 'r', expires: '2027-02-30' }] }, /: suppress\[0\]\.expires must be a date YYYY-MM-DD/);
    rejects({ suppress: [{ check: 'egress-path', reason: 'r', expires: '31/01/2027' }] }, /: suppress\[0\]\.expires must be a date/);
    rejects({ suppress: [{ check: 'egress-path', reason: 'r', resource: 'subnet 1' }] }, /: suppress\[0\]\.resource must be a resource id/);
    rejects({ suppress: [{ check: 'egress-path', reason: 'r', until: '2027-01-01' }] }, /: suppress\[0\]\."until" is not a known field/);
  });
});

describe('loadConfig', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const dir = (files: Record<string, string>) => {
    const d = mkdtempSync(join(tmpdir(), 'ecr-vpce-config-'));
    dirs.push(d);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
    return d;
  };
  const load = (cwd: string, path?: string) => loadConfig({ cwd, path, checkIds: ctx.checkIds, stages: STAGES });

  it('no config: empty', () => {
    assert.deepEqual(load(dir({ 'package.json': '{"name":"x"}' })), { suppress: [] });
  });

  it('.ecr-vpce.json, or the ecr-vpce key of package.json', () => {
    assert.equal(load(dir({ '.ecr-vpce.json': '{"strict":true}' })).strict, true);
    const fromPkg = load(dir({ 'package.json': '{"name":"x","ecr-vpce":{"platform":"eks"}}' }));
    assert.deepEqual([fromPkg.platform, fromPkg.source], ['eks', 'package.json#ecr-vpce']);
  });

  it('both is an error rather than a silent choice', () => {
    assert.throws(() => load(dir({ '.ecr-vpce.json': '{}', 'package.json': '{"ecr-vpce":{}}' })), /Both \.ecr-vpce\.json and the "ecr-vpce" key of package\.json/);
  });

  it('--config FILE must exist and be JSON', () => {
    const d = dir({ 'ci.json': '{"format":"junit"}', 'bad.json': '{"format":' });
    assert.equal(load(d, join(d, 'ci.json')).format, 'junit');
    assert.throws(() => load(d, join(d, 'missing.json')), /Cannot read config .*missing\.json: no such file/);
    assert.throws(() => load(d, join(d, 'bad.json')), /Config .*bad\.json is not valid JSON/);
    assert.throws(() => load(dir({ '.ecr-vpce.json': '[1' })), /Config \.ecr-vpce\.json is not valid JSON/);
  });
});

describe('schemas/config.v1.json (for editors) agrees with the validator', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv2020 = require('ajv/dist/2020').default;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const addFormats = require('ajv-formats').default;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const schema = ajv.compile(require('../../schemas/config.v1.json'));
  const good = { vpc: 'vpc-0123456789abcdef0', platform: 'eks', subnets: [SUBNET], strict: false, format: 'markdown', suppress: [{ check: 'egress-path', resource: SUBNET, reason: 'r', expires: '2027-01-31' }] };
  const bad: unknown[] = [{ subnet: [SUBNET] }, { platform: 'lambda' }, { format: 'html' }, { subnets: ['subnet-xyz'] }, { suppress: [{ check: 'egress-path' }] }, { suppress: [{ check: 'egress-path', reason: 'r', expires: '31/01/2027' }] }, { suppress: [{ check: 'egress-path', reason: 'r', until: 'x' }] }];

  it('both accept a valid config and reject the same invalid ones', () => {
    assert.equal(schema(good), true, ajv.errorsText(schema.errors));
    assert.doesNotThrow(() => validateConfig(good, ctx));
    for (const b of bad) {
      assert.equal(schema(b), false, JSON.stringify(b));
      assert.throws(() => validateConfig(b, ctx), DiagnoseError, JSON.stringify(b));
    }
  });
});

describe('examples/ecr-vpce.json', () => {
  it('is a valid config', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const example = require('../../examples/ecr-vpce.json');
    const config = validateConfig(example, { ...ctx, source: 'examples/ecr-vpce.json' });
    assert.equal(config.suppress.length, 1);
  });
});
