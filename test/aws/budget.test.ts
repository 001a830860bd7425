/** The time budget's parts: the message, the retry strategies bounded by it, the client binding. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeVpcsCommand, EC2Client, paginateDescribeSubnets } from '@aws-sdk/client-ec2';
import { bindToBudget, callName } from '../../src/aws/bounded-client';
import { Budget } from '../../src/aws/budget';
import { throttlingOnly, withinBudget, type RetryStrategy } from '../../src/aws/retry-strategies';
import { DiagnoseError } from '../../src/util/errors';
import { formatBudget, parseTimeout } from '../../src/util/timeout';

const never = new Promise<never>(() => {});

async function expiry(budget: Budget): Promise<DiagnoseError> {
  const err = await budget.race(never).catch((e: unknown) => e);
  budget.dispose();
  assert.ok(err instanceof DiagnoseError);
  assert.equal(err.reason, 'timeout');
  return err;
}

describe('Budget', () => {
  it('names what is in flight, how many, and what each last failed with', async () => {
    const budget = new Budget(30);
    const doneVpcs = budget.enter('ec2:DescribeVpcs');
    budget.enter('ec2:DescribeVpcAttribute');
    budget.enter('ec2:DescribeVpcAttribute');
    budget.enter('ec2:DescribeSubnets');
    budget.attemptFailed('ec2:DescribeSubnets', 'RequestLimitExceeded');
    doneVpcs();
    const err = await expiry(budget);
    assert.equal(
      err.message,
      'Gave up after the 0.03s time budget (--timeout): still waiting for ec2:DescribeVpcAttribute ×2, ' +
        'ec2:DescribeSubnets (retrying after RequestLimitExceeded). AWS is throttling these calls: try again later, or raise --timeout.',
    );
  });

  it('with nothing in flight (still resolving credentials), says so', async () => {
    const err = await expiry(new Budget(10));
    assert.match(err.message, /: no AWS call had answered yet\. The API is slow or not answering/);
  });

  it('aborts its signal when it runs out, not before; dispose stops the clock', async () => {
    const budget = new Budget(20);
    assert.equal(budget.signal.aborted, false);
    assert.ok(budget.remainingMs() > 0 && budget.remainingMs() <= 20);
    await expiry(budget);
    assert.equal(budget.signal.aborted, true);
    assert.equal(budget.remainingMs(), 0);

    const unspent = new Budget(10);
    unspent.dispose();
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(unspent.signal.aborted, false);
  });

  it('race gives the work when it wins', async () => {
    const budget = new Budget(1_000);
    assert.equal(await budget.race(Promise.resolve(42)), 42);
    budget.dispose();
  });
});

describe('retry strategies', () => {
  const recorded: string[] = [];
  const token = (count: number, delay: number) => ({ getRetryCount: () => count, getRetryDelay: () => delay });
  const inner: RetryStrategy = {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (t, info) => {
      recorded.push(info.errorType);
      return token(t.getRetryCount() + 1, 60_000);
    },
    recordSuccess: (t) => void recorded.push(`success ${t.getRetryCount()}`),
  };

  it('withinBudget: no delay longer than what is left, no retry once spent, inner tokens passed back', async () => {
    recorded.length = 0;
    const budget = new Budget(200);
    const bounded = withinBudget(inner, budget);
    const first = await bounded.acquireInitialRetryToken('');
    const second = await bounded.refreshRetryTokenForRetry(first, { errorType: 'THROTTLING' });
    assert.equal(second.getRetryCount(), 1);
    assert.ok(second.getRetryDelay() <= 200, `delay ${second.getRetryDelay()} clamped to the budget`);
    bounded.recordSuccess(second);
    assert.deepEqual(recorded, ['THROTTLING', 'success 1']);
    await expiry(budget);
    await assert.rejects(bounded.refreshRetryTokenForRetry(second, { errorType: 'THROTTLING' }), /time budget spent/);
  });

  it('throttlingOnly: retries throttling, refuses server errors and resets (the caller falls back)', async () => {
    recorded.length = 0;
    const probe = throttlingOnly(inner);
    const t = await probe.acquireInitialRetryToken('');
    assert.equal((await probe.refreshRetryTokenForRetry(t, { errorType: 'THROTTLING' })).getRetryCount(), 1);
    for (const errorType of ['SERVER_ERROR', 'TRANSIENT', 'CLIENT_ERROR'] as const) {
      await assert.rejects(probe.refreshRetryTokenForRetry(t, { errorType }), /not retried/);
    }
    assert.deepEqual(recorded, ['THROTTLING']);
  });
});

describe('bindToBudget', () => {
  it('names calls as IAM does', () => {
    assert.equal(callName({ clientName: 'EC2Client', commandName: 'DescribeSubnetsCommand' }), 'ec2:DescribeSubnets');
    assert.equal(callName({ clientName: 'CloudWatchClient', commandName: 'GetMetricDataCommand' }), 'cloudwatch:GetMetricData');
    assert.equal(callName({ clientName: 'STSClient', commandName: 'GetCallerIdentityCommand' }), 'sts:GetCallerIdentity');
  });

  it('every send, paginators included, carries the signal: once spent, nothing is sent', async () => {
    const budget = new Budget(1);
    await expiry(budget);
    // Port 9 (discard) on loopback: were anything sent, the error would be a socket error instead.
    const ec2 = bindToBudget(
      new EC2Client({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
      budget,
    );
    try {
      await assert.rejects(ec2.send(new DescribeVpcsCommand({})), { name: 'AbortError' });
      await assert.rejects(async () => {
        for await (const _ of paginateDescribeSubnets({ client: ec2 }, {})) assert.fail('no page');
      }, { name: 'AbortError' });
    } finally {
      ec2.destroy();
    }
  });
});

describe('--timeout values', () => {
  it('takes seconds or minutes, 1s to 60m', () => {
    assert.equal(parseTimeout('60s'), 60_000);
    assert.equal(parseTimeout('2m'), 120_000);
    assert.equal(parseTimeout(' 90 '), 90_000);
    assert.equal(parseTimeout('1.5m'), 90_000);
    assert.equal(parseTimeout('60M'), 3_600_000);
  });

  for (const bad of ['', 'abc', '-5s', '0s', '0.5s', '61m', '2h', '1e3', '5 minutes', '10ms']) {
    it(`refuses ${JSON.stringify(bad)} with a one-line bad-input error`, () => {
      assert.throws(() => parseTimeout(bad), (e: unknown) => e instanceof DiagnoseError && e.reason === 'bad-input' && !e.message.includes('\n'));
    });
  }

  it('names budgets the way a user writes them', () => {
    assert.equal(formatBudget(120_000), '2m');
    assert.equal(formatBudget(90_000), '90s');
    assert.equal(formatBudget(300), '0.3s');
  });
});
