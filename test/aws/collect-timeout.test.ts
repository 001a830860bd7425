/**
 * --timeout: the collection gives up when its budget runs out, at once and whatever the SDK is
 * doing (waiting for an answer, backing off after throttling), naming what was still pending.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import nock from 'nock';
import { collectInventory, type CollectOptions } from '../../src/aws/collect';
import { DiagnoseError } from '../../src/util/errors';
import { ENDPOINT, FakeAws, REGION, VPC_ID, ec2Error, happy, instantRetries, isolateAwsEnv } from './fake-aws';
import { blackHole } from './loopback';

before(async () => {
  isolateAwsEnv();
  nock.disableNetConnect();
  // Warm up: the SDK loads parts of itself on the first call (credential chain), which is not
  // what these tests time.
  new FakeAws().answerTheRest();
  await collectInventory({ vpcId: VPC_ID, region: REGION, endpointUrl: ENDPOINT }, { retryStrategy: instantRetries() });
  nock.cleanAll();
});
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
  nock.disableNetConnect();
});
after(() => nock.enableNetConnect());

/** How late after the budget the collector may return: the event loop's slack, not a request timeout. */
const SLACK_MS = 250;

async function timeoutOf(
  timeoutMs: number,
  endpointUrl = ENDPOINT,
  options: CollectOptions = { retryStrategy: instantRetries() },
): Promise<{ message: string; elapsedMs: number }> {
  const started = performance.now();
  const err = await collectInventory({ vpcId: VPC_ID, region: REGION, endpointUrl, timeoutMs }, options).then(
    () => assert.fail('expected the budget to run out'),
    (e: unknown) => e,
  );
  const elapsedMs = performance.now() - started;
  assert.ok(err instanceof DiagnoseError, `a DiagnoseError, not ${String(err)}`);
  assert.equal(err.reason, 'timeout');
  assert.doesNotMatch(err.message, /\n/, 'one line');
  return { message: err.message, elapsedMs };
}

describe('collectInventory: the time budget (--timeout)', () => {
  it('a call that answers after 10 s: gives up at the budget (300 ms), naming that call', async () => {
    new FakeAws().answer('DescribeSubnets', happy('DescribeSubnets'), { delayMs: 10_000 }).answerTheRest();
    const { message, elapsedMs } = await timeoutOf(300);

    assert.ok(elapsedMs >= 290 && elapsedMs < 300 + SLACK_MS, `returned after ${elapsedMs.toFixed(0)} ms`);
    assert.equal(
      message,
      'Gave up after the 0.3s time budget (--timeout): still waiting for ec2:DescribeSubnets. ' +
        'The API is slow or not answering: check the network or --endpoint-url, or raise --timeout.',
    );
  });

  it('endless throttling with the real adaptive back-off: gives up at the budget and says it is throttling', async () => {
    const throttled = ec2Error('RequestLimitExceeded', 'Request limit exceeded.');
    new FakeAws().answer('DescribeNetworkAcls', throttled, { status: 503, times: 100 }).answerTheRest();
    const timersBefore = activeTimers();
    // No injected strategy: the production one (adaptive, 5 attempts, exponential back-off).
    const { message, elapsedMs } = await timeoutOf(1_000, ENDPOINT, {});

    assert.ok(elapsedMs < 1_000 + SLACK_MS, `returned after ${elapsedMs.toFixed(0)} ms`);
    assert.match(message, /still waiting for ec2:DescribeNetworkAcls \(retrying after RequestLimitExceeded\)/);
    assert.match(message, /AWS is throttling these calls: try again later, or raise --timeout\.$/);
    // No back-off or rate-limiter timer outlives the budget (it would hold the CLI open after the message).
    await waitFor(() => activeTimers() <= timersBefore, 100);
    assert.ok(activeTimers() <= timersBefore, `timers left: ${activeTimers()} (before: ${timersBefore})`);
  });

  it('an API that accepts connections and never answers: every in-flight request is aborted at the budget', async () => {
    const hole = await blackHole();
    nock.enableNetConnect('127.0.0.1');
    try {
      const { message, elapsedMs } = await timeoutOf(500, hole.url);

      assert.ok(elapsedMs < 500 + SLACK_MS, `returned after ${elapsedMs.toFixed(0)} ms`);
      // Wave 1: thirteen calls, twelve names (DescribeVpcAttribute twice), all pending; six named, six counted.
      assert.match(message, /^Gave up after the 0\.5s time budget \(--timeout\): still waiting for sts:GetCallerIdentity, ec2:DescribeVpcs, /);
      assert.match(message, /ec2:DescribeVpcAttribute ×2/);
      assert.match(message, / and 6 more\. The API is slow or not answering/);
      assert.ok(hole.accepted >= 13, `the requests were sent (${hole.accepted} connections)`);
      await waitFor(() => hole.openSockets() === 0, 200);
      assert.equal(hole.openSockets(), 0, 'the aborted requests closed their sockets');
    } finally {
      await hole.close();
    }
  });

  it('a budget that is not spent changes nothing and leaves no timer behind', async () => {
    const api = new FakeAws().answerTheRest();
    const timersBefore = activeTimers();
    const inv = await collectInventory({ vpcId: VPC_ID, region: REGION, endpointUrl: ENDPOINT, timeoutMs: 5_000 }, { retryStrategy: instantRetries() });
    api.assertAllUsed();
    assert.deepEqual(inv.gaps, []);
    assert.ok(activeTimers() <= timersBefore, 'the budget timer is cleared');
  });
});

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
}
