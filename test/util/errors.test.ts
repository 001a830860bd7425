/** DiagnoseError must be recognised across bundles: dist/aws.js carries its own copy of the class. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnoseError } from '../../src/util/errors';

function anotherCopyOfTheClass(): typeof DiagnoseError {
  const path = require.resolve('../../src/util/errors');
  const cached = require.cache[path];
  delete require.cache[path];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require(path) as typeof import('../../src/util/errors')).DiagnoseError;
  } finally {
    if (cached) require.cache[path] = cached;
  }
}

describe('DiagnoseError', () => {
  it('is recognised by instanceof when thrown by another copy of the class', () => {
    const Other = anotherCopyOfTheClass();
    assert.notEqual(Other, DiagnoseError, 'a distinct class object, as in a second bundle');
    const err = new Other('VPC vpc-1 not found in us-east-1', 'vpc-not-found');
    assert.ok(err instanceof DiagnoseError);
    assert.ok(err instanceof Error);
    assert.equal(err.reason, 'vpc-not-found');
  });

  it('is not fooled by other errors', () => {
    assert.equal(new Error('x') instanceof DiagnoseError, false);
    assert.equal(Object.assign(new Error('x'), { name: 'DiagnoseError' }) instanceof DiagnoseError, false);
    assert.equal((null as unknown as object) instanceof DiagnoseError, false);
  });
});
