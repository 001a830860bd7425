/** How failures are named and printed. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorCode, errorMessage, requireVpc } from '../../src/aws/failures';
import { OPERATIONS } from '../../src/aws/operations';
import { DiagnoseError } from '../../src/util/errors';

const awsError = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

describe('errorCode', () => {
  it('prefers a socket code, then the AWS code the SDK puts in name', () => {
    assert.equal(errorCode(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })), 'ECONNREFUSED');
    assert.equal(errorCode(awsError('UnauthorizedOperation', 'no')), 'UnauthorizedOperation');
    assert.equal(errorCode(Object.assign(new Error('XML parse error'), { $response: {} })), 'MalformedResponse');
    assert.equal(errorCode('a string'), 'UnknownError');
  });
});

describe('errorMessage', () => {
  it('keeps one line and removes terminal escape sequences sent by the server', () => {
    assert.equal(errorMessage(new Error('bad \u001b[31mred\u001b[0m thing\nsecond line')), 'bad  [31mred [0m thing');
  });

  it('shortens very long messages', () => {
    const message = errorMessage(new Error('x'.repeat(1000)));
    assert.equal(message.length, 300);
    assert.ok(message.endsWith('...'));
  });
});

describe('requireVpc', () => {
  const failed = (error: unknown) => ({ op: OPERATIONS.describeVpcs, ok: false as const, error });

  it('a malformed id → invalid-vpc-id', () => {
    assert.throws(
      () => requireVpc(failed(awsError('InvalidVpcID.Malformed', 'Invalid id: "vpc-zz"')), 'vpc-zz', 'us-east-1', undefined),
      (e: unknown) => e instanceof DiagnoseError && e.reason === 'invalid-vpc-id',
    );
  });

  it('not found without a known account: no "(account …)" suffix', () => {
    assert.throws(
      () => requireVpc({ op: OPERATIONS.describeVpcs, ok: true, value: undefined }, 'vpc-1', 'eu-west-1', undefined),
      { name: 'DiagnoseError', message: 'VPC vpc-1 not found in eu-west-1' },
    );
  });

  it('a throttled DescribeVpcs is not fatal', () => {
    assert.doesNotThrow(() => requireVpc(failed(awsError('RequestLimitExceeded', 'slow down')), 'vpc-1', 'us-east-1', undefined));
  });
});
