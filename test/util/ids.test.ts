import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertEndpointUrl, assertId, assertRegion } from '../../src/util/ids';
import { DiagnoseError } from '../../src/util/errors';

describe('id validation (before any AWS call)', () => {
  it('accepts short and long ids', () => {
    assert.equal(assertId('vpc', 'vpc-1234abcd', '--vpc'), 'vpc-1234abcd');
    assert.equal(assertId('subnet', ' subnet-0123456789abcdef0 ', '--subnet'), 'subnet-0123456789abcdef0');
    assert.equal(assertId('sg', 'sg-0123456789abcdef0', '--security-group'), 'sg-0123456789abcdef0');
  });

  for (const [kind, bad] of [
    ['vpc', 'vpc-123'],
    ['vpc', 'subnet-0123456789abcdef0'],
    ['vpc', 'VPC-0123456789ABCDEF0'],
    ['vpc', 'vpc-0123456789abcdef0; rm -rf ~'],
    ['subnet', 'subnet-xyz'],
    ['sg', 'default'],
  ] as const) {
    it(`refuses ${JSON.stringify(bad)} as a ${kind} id with a one-line DiagnoseError`, () => {
      assert.throws(
        () => assertId(kind, bad, `--${kind}`),
        (err: unknown) => err instanceof DiagnoseError && err.reason === 'bad-input' && /not a valid/.test(err.message) && !err.message.includes('\n'),
      );
    });
  }

  it('validates region names', () => {
    assert.equal(assertRegion('eu-west-1'), 'eu-west-1');
    assert.equal(assertRegion('cn-north-1'), 'cn-north-1');
    assert.equal(assertRegion('us-gov-west-1'), 'us-gov-west-1');
    assert.throws(() => assertRegion('us-east'), DiagnoseError);
    assert.throws(() => assertRegion('US-EAST-1'), DiagnoseError);
  });

  it('takes an http(s) URL as --endpoint-url, refuses anything else before any call', () => {
    assert.equal(assertEndpointUrl('http://127.0.0.1:4566'), 'http://127.0.0.1:4566');
    assert.equal(assertEndpointUrl('https://ec2.us-east-1.amazonaws.com'), 'https://ec2.us-east-1.amazonaws.com');
    for (const bad of ['not a url', 'localhost:4566', 'ftp://example.com', 'file:///etc/passwd', 'http://', '']) {
      assert.throws(
        () => assertEndpointUrl(bad),
        (err: unknown) => err instanceof DiagnoseError && err.reason === 'bad-input' && !err.message.includes('\n'),
        bad,
      );
    }
  });
});
