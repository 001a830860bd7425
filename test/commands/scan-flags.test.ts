/** --all-vpcs, --regions, --concurrency: parsed and refused before any call. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNotScanOnly, assertScanFlags, parseConcurrency, parseRegions, scanRequested } from '../../src/commands/scan-flags';

const refused = (fn: () => unknown, message: RegExp) => assert.throws(fn, (err: { reason?: string; message: string }) => err.reason === 'bad-input' && message.test(err.message));

describe('scan mode', () => {
  it('is asked for by --all-vpcs or --regions', () => {
    assert.equal(scanRequested({}), false);
    assert.equal(scanRequested({ 'all-vpcs': false }), false);
    assert.equal(scanRequested({ 'all-vpcs': true }), true);
    assert.equal(scanRequested({ regions: 'all' }), true);
  });

  for (const flag of ['vpc', 'snapshot', 'subnet', 'security-group', 'ecs-service', 'ecs-task-definition', 'eks-cluster', 'fix-plan']) {
    it(`refuses --${flag}, naming both flags`, () => {
      refused(() => assertScanFlags({ 'all-vpcs': true, [flag]: flag === 'subnet' ? ['subnet-1'] : 'x' }), new RegExp(`^--${flag} cannot be combined with --all-vpcs \\(scan mode\\): `));
      refused(() => assertScanFlags({ regions: 'all', [flag]: 'x' }), new RegExp(`^--${flag} cannot be combined with --regions`));
    });
  }

  it('refuses --region with --regions, accepts it with --all-vpcs; keeps the flags that apply to every VPC', () => {
    refused(() => assertScanFlags({ regions: 'eu-west-1', region: 'us-east-1' }), /--region and --regions/);
    assertScanFlags({ 'all-vpcs': true, region: 'us-east-1', platform: 'eks', needs: ['logs'], image: ['nginx'], strict: true, only: ['dns'], format: 'sarif', timeout: '1m' });
  });

  it('--concurrency alone is refused (nothing to run concurrently)', () => {
    refused(() => assertNotScanOnly({ concurrency: '4' }), /--concurrency applies to a scan/);
    assertNotScanOnly({});
  });
});

describe('parseRegions', () => {
  it('all (any case), a list (trimmed, de-duplicated), or absent', () => {
    assert.equal(parseRegions('all'), 'all');
    assert.equal(parseRegions(' ALL '), 'all');
    assert.deepEqual(parseRegions('us-east-1, eu-west-1,us-east-1,'), ['us-east-1', 'eu-west-1']);
    assert.equal(parseRegions(undefined), undefined);
  });

  it('refuses junk, naming the bad value', () => {
    refused(() => parseRegions('us-east-1,Europe'), /^--regions: "Europe" is not an AWS region name/);
    refused(() => parseRegions(' , '), /--regions needs region names/);
    refused(() => parseRegions('us-east-1;rm -rf'), /is not an AWS region name/);
  });
});

describe('parseConcurrency', () => {
  it('defaults to 4; takes 1 to 32', () => {
    assert.equal(parseConcurrency(undefined), 4);
    assert.equal(parseConcurrency('1'), 1);
    assert.equal(parseConcurrency(' 32 '), 32);
  });
  for (const bad of ['0', '33', '2.5', '-1', 'four', '', '1e1']) {
    it(`refuses ${JSON.stringify(bad)}`, () => refused(() => parseConcurrency(bad), /^--concurrency .* must be a whole number from 1 to 32$/));
  }
});
