/**
 * Throttling and flakiness on the wire: sequences of RequestLimitExceeded, 5xx and socket resets
 * are retried and the answer collected; what outlasts the retries is a gap with its code, and the
 * rest of the inventory is still collected. (Throttling that outlasts the retries, a persisting
 * 5xx: collect-failures.test.ts; the time budget: collect-timeout.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nock from 'nock';
import { collectInventory } from '../../src/aws/collect';
import { ACCOUNT, CALLS, ENDPOINT, FakeAws, REGION, VPC_ID, collect, ec2Error, happy, instantRetries, offlineAwsHooks } from './fake-aws';
import { resettingProxy } from './loopback';

offlineAwsHooks();

const throttled = ec2Error('RequestLimitExceeded', 'Request limit exceeded.');

describe('collectInventory: retried, then collected', () => {
  it('RequestLimitExceeded, 503 Unavailable, 500 InternalError, then the answer: four requests, no gap', async () => {
    const api = new FakeAws()
      .answer('DescribeVpcEndpoints', throttled, { status: 503 })
      .answer('DescribeVpcEndpoints', ec2Error('Unavailable', 'The service is unavailable.'), { status: 503 })
      .answer('DescribeVpcEndpoints', ec2Error('InternalError', 'An internal error has occurred'), { status: 500 })
      .answer('DescribeVpcEndpoints', happy('DescribeVpcEndpoints'))
      .answerTheRest();
    const inv = await collect(5);
    api.assertAllUsed();

    assert.equal(api.requestsFor('DescribeVpcEndpoints').length, 4);
    assert.deepEqual(inv.gaps, []);
    assert.equal(inv.vpcEndpoints?.length, 3);
  });

  it('every EC2 call of wave 1 throttled once (a throttled account): all retried, all collected', async () => {
    const wave1 = CALLS.filter((c) => c !== 'GetCallerIdentity' && c !== 'DescribeDhcpOptions');
    const api = new FakeAws();
    for (const call of wave1) api.answer(call, throttled, { status: 503 }).answer(call, happy(call));
    api.answerTheRest();
    const inv = await collect(3);
    api.assertAllUsed();

    for (const call of wave1) assert.equal(api.requestsFor(call).length, 2, call);
    assert.deepEqual(inv.gaps, []);
    assert.equal(inv.subnets?.length, 2);
    assert.equal(inv.prefixLists?.length, 2);
  });

  it('STS Throttling on GetCallerIdentity: retried, the account id arrives', async () => {
    const stsThrottled = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>
  <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
</ErrorResponse>`;
    const api = new FakeAws()
      .answer('GetCallerIdentity', stsThrottled, { status: 400 })
      .answer('GetCallerIdentity', happy('GetCallerIdentity'))
      .answerTheRest();
    const inv = await collect(3);
    api.assertAllUsed();

    assert.equal(api.requestsFor('GetCallerIdentity').length, 2);
    assert.equal(inv.target.accountId, ACCOUNT);
    assert.deepEqual(inv.gaps, []);
  });
});

describe('collectInventory: socket resets (a real loopback server)', () => {
  /** Resets the first `n` requests of one action; forwards everything else to the fake API. */
  async function resetting(action: string, n: number) {
    let seen = 0;
    const proxy = await resettingProxy(ENDPOINT, (p) => p.get('Action') === action && seen++ < n);
    nock.enableNetConnect('127.0.0.1');
    return proxy;
  }

  it('two resets of DescribeSubnets, then the answer: collected, no gap', async () => {
    const api = new FakeAws().answerTheRest();
    const proxy = await resetting('DescribeSubnets', 2);
    try {
      const inv = await collectInventory({ vpcId: VPC_ID, region: REGION, endpointUrl: proxy.url }, { retryStrategy: instantRetries(3) });
      api.assertAllUsed();
      assert.equal(proxy.resets, 2);
      assert.deepEqual(inv.gaps, []);
      assert.deepEqual(inv.subnets?.map((s) => s.id), ['subnet-0app1111aaaa2222b', 'subnet-0pub3333cccc4444d']);
    } finally {
      await proxy.close();
    }
  });

  it('resets that outlast the retries: a gap on route tables with the socket code, the rest collected', async () => {
    const api = new FakeAws().answerTheRest({ except: ['DescribeRouteTables'] });
    const proxy = await resetting('DescribeRouteTables', Infinity);
    try {
      const inv = await collectInventory({ vpcId: VPC_ID, region: REGION, endpointUrl: proxy.url }, { retryStrategy: instantRetries(3) });
      api.assertAllUsed();
      assert.equal(proxy.resets, 3, 'three attempts');
      assert.deepEqual(inv.gaps.map((g) => [g.part, g.call, g.code, g.iamAction]), [
        ['routeTables', 'ec2:DescribeRouteTables', 'ECONNRESET', 'ec2:DescribeRouteTables'],
      ]);
      assert.equal(inv.subnets?.length, 2);
      assert.equal(inv.vpcEndpoints?.length, 3);
    } finally {
      await proxy.close();
    }
  });
});
