import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SharedCalls } from '../../src/aws/shared-calls';

/** A call that counts its invocations and resolves (or rejects) when told. */
function deferredCall<T>() {
  let calls = 0;
  const pending: Array<{ resolve: (v: T) => void; reject: (e: Error) => void }> = [];
  const call = () => {
    calls++;
    return new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { call, calls: () => calls, pending };
}

describe('SharedCalls', () => {
  it('callers of one key share one call while it is in flight, and after it succeeded', async () => {
    const shared = new SharedCalls();
    const d = deferredCall<string[]>();
    const a = shared.get('prefix-lists us-east-1', d.call);
    const b = shared.get('prefix-lists us-east-1', d.call);
    d.pending[0].resolve(['pl-63a5400a']);
    assert.deepEqual(await Promise.all([a, b]), [['pl-63a5400a'], ['pl-63a5400a']]);
    assert.deepEqual(await shared.get('prefix-lists us-east-1', d.call), ['pl-63a5400a']);
    assert.equal(d.calls(), 1);
  });

  it('keys are separate: another region makes its own call', async () => {
    const shared = new SharedCalls();
    let calls = 0;
    const call = async () => ++calls;
    assert.equal(await shared.get('prefix-lists us-east-1', call), 1);
    assert.equal(await shared.get('prefix-lists eu-west-1', call), 2);
  });

  it('every caller gets its own copy of the value', async () => {
    const shared = new SharedCalls();
    const call = async () => ({ ids: ['pl-1'] });
    const first = await shared.get('k', call);
    first.ids.push('changed by one target');
    assert.deepEqual(await shared.get('k', call), { ids: ['pl-1'] });
  });

  it('a failure is not shared: a waiting caller makes its own call, and the next caller tries afresh', async () => {
    const shared = new SharedCalls();
    const d = deferredCall<string>();
    const owner = shared.get('account', d.call);
    const waiter = shared.get('account', d.call);
    d.pending[0].reject(new Error('the owner ran out of time'));
    await assert.rejects(owner, /ran out of time/);
    await new Promise((r) => setImmediate(r));
    assert.equal(d.calls(), 2, 'the waiter called for itself');
    d.pending[1].resolve('111122223333');
    assert.equal(await waiter, '111122223333');

    const later = shared.get('account', d.call);
    assert.equal(d.calls(), 3, 'no failed call stays shared');
    d.pending[2].resolve('111122223333');
    assert.equal(await later, '111122223333');
  });
});
