/** Region precedence and the partition it implies. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { partitionOf, resolveRegion } from '../../src/aws/region';
import { DiagnoseError } from '../../src/util/errors';
import { isolateAwsEnv } from './fake-aws';

before(() => {
  isolateAwsEnv();
  const dir = mkdtempSync(join(tmpdir(), 'ecr-vpce-region-'));
  const config = join(dir, 'config');
  writeFileSync(config, '[default]\nregion = ap-south-1\n\n[profile eu]\nregion = eu-west-3\n');
  process.env.AWS_CONFIG_FILE = config;
});

describe('resolveRegion', () => {
  it('takes the flag first, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile', async () => {
    const env = { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'ca-central-1' };
    assert.equal(await resolveRegion('sa-east-1', 'eu', env), 'sa-east-1');
    assert.equal(await resolveRegion(undefined, 'eu', env), 'us-west-2');
    assert.equal(await resolveRegion(undefined, 'eu', { AWS_DEFAULT_REGION: 'ca-central-1' }), 'ca-central-1');
    assert.equal(await resolveRegion(undefined, 'eu', {}), 'eu-west-3');
    assert.equal(await resolveRegion(undefined, undefined, {}), 'ap-south-1');
  });

  it('without any region: DiagnoseError no-region, telling what to do', async () => {
    const saved = process.env.AWS_CONFIG_FILE;
    process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
    try {
      await assert.rejects(resolveRegion(undefined, undefined, {}), (e: unknown) => {
        assert.ok(e instanceof DiagnoseError);
        assert.equal(e.reason, 'no-region');
        assert.equal(e.message, 'No AWS region: pass --region or set AWS_REGION');
        return true;
      });
    } finally {
      process.env.AWS_CONFIG_FILE = saved;
    }
  });

  it('rejects a malformed region early', async () => {
    await assert.rejects(resolveRegion('us east 1', undefined, {}), (e: unknown) => e instanceof DiagnoseError && e.reason === 'invalid-region');
    assert.equal(await resolveRegion('eusc-de-east-1', undefined, {}), 'eusc-de-east-1');
  });
});

describe('partitionOf', () => {
  it('maps region prefixes to partitions', () => {
    assert.equal(partitionOf('us-east-1'), 'aws');
    assert.equal(partitionOf('cn-north-1'), 'aws-cn');
    assert.equal(partitionOf('us-gov-west-1'), 'aws-us-gov');
    assert.equal(partitionOf('us-iso-east-1'), 'aws-iso');
    assert.equal(partitionOf('us-isob-east-1'), 'aws-iso-b');
    assert.equal(partitionOf('eusc-de-east-1'), 'aws-eusc');
  });
});
