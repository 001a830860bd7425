/** The scan's listings (DescribeVpcs, DescribeRegions) and shared rate limiters, at the HTTP level. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import nock from 'nock';
import { Budget } from '../../src/aws/budget';
import { createClients } from '../../src/aws/clients';
import { openScan, rateLimiterPool } from '../../src/aws/scan';
import { ALL_LISTING_OPERATIONS } from '../../src/aws/operations';
import { leastPrivilegePolicy } from '../../src/aws/iam-policy';
import { DiagnoseError } from '../../src/util/errors';
import { CALLS, ENDPOINT, FakeAws, type Call, REGION, VPC_ID, ec2Error, ec2Response, happy, offlineAwsHooks } from './fake-aws';
import { answerGetMetricData, happyMetrics } from './fake-cloudwatch';

offlineAwsHooks();

// nock hands a form body to a matcher parsed (a null-prototype object), or as text.
const form = (body: unknown) => new URLSearchParams(typeof body === 'string' ? body : { ...(body as Record<string, string>) });
const vpcItem = (id: string, extra = '') => `<item><vpcId>${id}</vpcId><ownerId>111122223333</ownerId><state>available</state><cidrBlock>10.0.0.0/16</cidrBlock>${extra}</item>`;

describe('openScan().listVpcs', () => {
  it('reads every page, unfiltered, and keeps id, Name tag and default flag', async () => {
    const bodies: URLSearchParams[] = [];
    nock(ENDPOINT)
      .post('/', (b) => form(b).get('Action') === 'DescribeVpcs' && !form(b).get('NextToken') && !!bodies.push(form(b)))
      .reply(200, ec2Response('DescribeVpcs', `<vpcSet>${vpcItem('vpc-0aaaaaaaaaaaaaaa1', '<isDefault>true</isDefault>')}</vpcSet><nextToken>page-2</nextToken>`))
      .post('/', (b) => form(b).get('Action') === 'DescribeVpcs' && form(b).get('NextToken') === 'page-2' && !!bodies.push(form(b)))
      .reply(200, ec2Response('DescribeVpcs', `<vpcSet>${vpcItem('vpc-0bbbbbbbbbbbbbbb2', '<tagSet><item><key>Name</key><value>prod</value></item></tagSet>')}</vpcSet>`));
    const vpcs = await openScan({ endpointUrl: ENDPOINT }).listVpcs('eu-west-1');
    assert.deepEqual(vpcs, [
      { vpcId: 'vpc-0aaaaaaaaaaaaaaa1', isDefault: true },
      { vpcId: 'vpc-0bbbbbbbbbbbbbbb2', name: 'prod', isDefault: false },
    ]);
    assert.equal(bodies.length, 2);
    for (const b of bodies) assert.deepEqual([...b.keys()].filter((k) => /^(Filter|VpcId)/.test(k)), [], 'no filter, no VPC id: every VPC');
  });

  it('a denied listing names the call and the region (reason denied)', async () => {
    nock(ENDPOINT).post('/').reply(403, ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    await assert.rejects(openScan({ endpointUrl: ENDPOINT }).listVpcs('eu-west-1'), (err: unknown) => {
      assert.ok(err instanceof DiagnoseError);
      assert.equal(err.reason, 'denied');
      assert.match(err.message, /^Not allowed to call ec2:DescribeVpcs in eu-west-1 \(UnauthorizedOperation\)/);
      return true;
    });
  });

  it('rejected credentials keep their own reason', async () => {
    nock(ENDPOINT).post('/').reply(401, ec2Error('AuthFailure', 'AWS was not able to validate the provided access credentials'));
    await assert.rejects(openScan({ endpointUrl: ENDPOINT }).listVpcs('eu-west-1'), { reason: 'credentials' });
  });
});

describe('openScan().enabledRegions', () => {
  const regions = ec2Response(
    'DescribeRegions',
    `<regionInfo>${['us-east-1', 'eu-west-1', 'af-south-1']
      .map((r, i) => `<item><regionName>${r}</regionName><regionEndpoint>ec2.${r}.amazonaws.com</regionEndpoint><optInStatus>${i === 2 ? 'not-opted-in' : 'opt-in-not-required'}</optInStatus></item>`)
      .join('')}</regionInfo>`,
  );

  it('the enabled regions, sorted, asked in the configured region', async () => {
    let scope = '';
    nock(ENDPOINT)
      .post('/', (b) => form(b).get('Action') === 'DescribeRegions' && !form(b).has('AllRegions'))
      .reply(function () {
        scope = String(this.req.headers.authorization);
        return [200, regions];
      });
    assert.deepEqual(await openScan({ endpointUrl: ENDPOINT, region: 'eu-central-1' }).enabledRegions(), ['eu-west-1', 'us-east-1']);
    assert.match(scope, /\/eu-central-1\/ec2\/aws4_request/);
  });

  it('with no region configured anywhere: asked in us-east-1', async () => {
    let scope = '';
    nock(ENDPOINT)
      .post('/')
      .reply(function () {
        scope = String(this.req.headers.authorization);
        return [200, regions];
      });
    await openScan({ endpointUrl: ENDPOINT }).enabledRegions();
    assert.match(scope, /\/us-east-1\/ec2\/aws4_request/);
  });
});

describe('shared rate limiters', () => {
  it('one limiter per client class within a pool; another pool (region) has its own', () => {
    const pool = rateLimiterPool();
    assert.equal(pool(EC2Client), pool(EC2Client));
    assert.notEqual(pool(EC2Client), pool(STSClient));
    assert.notEqual(rateLimiterPool()(EC2Client), pool(EC2Client));
  });

  it('the clients (EC2 and its probe) take their limiter from the pool by class', () => {
    const asked: unknown[] = [];
    const pool = rateLimiterPool();
    const clients = createClients({ region: 'us-east-1', endpointUrl: ENDPOINT, rateLimiterFor: (c) => (asked.push(c), pool(c)) });
    try {
      void clients.ec2;
      void clients.ec2Probe;
      void clients.sts;
      assert.deepEqual(asked, [EC2Client, EC2Client, STSClient]);
    } finally {
      clients.destroy();
    }
  });

  it('a throttled call in one collection turns on the limiter every collection of the region shares', async () => {
    const pool = rateLimiterPool();
    nock(ENDPOINT)
      .post('/')
      .reply(503, ec2Error('RequestLimitExceeded', 'Request limit exceeded.'))
      .post('/')
      .reply(200, ec2Response('DescribeVpcs', `<vpcSet>${vpcItem('vpc-0aaaaaaaaaaaaaaa1')}</vpcSet>`));
    const budget = new Budget(30_000);
    const clients = createClients({ region: 'us-east-1', endpointUrl: ENDPOINT, rateLimiterFor: pool, budget });
    const { DescribeVpcsCommand } = await import('@aws-sdk/client-ec2');
    try {
      assert.equal((pool(EC2Client) as unknown as { enabled: boolean }).enabled, false);
      await clients.ec2.send(new DescribeVpcsCommand({}));
      assert.equal((pool(EC2Client) as unknown as { enabled: boolean }).enabled, true, 'the shared limiter saw the throttling');
      assert.equal((pool(STSClient) as unknown as { enabled: boolean }).enabled, false, 'another service is not slowed down');
    } finally {
      budget.dispose();
      clients.destroy();
    }
  });
});

describe('openScan().collect: what the targets share', () => {
  const SHARED = ['GetCallerIdentity', 'DescribePrefixLists', 'DescribeVpcEndpointServices'] as const;

  /** Two targets' worth of the per-VPC answers and one of each shared call, except the calls in `skip`. */
  function answerTwoTargets(fake: FakeAws, skip: readonly Call[] = []): FakeAws {
    for (const call of CALLS) {
      if (!skip.includes(call)) fake.answer(call, happy(call), { times: (SHARED as readonly Call[]).includes(call) ? 1 : 2 });
    }
    answerGetMetricData(nock(ENDPOINT), happyMetrics(), { optional: true });
    return fake.answerTheRest();
  }

  it('the account, prefix lists and endpoint services are read once for all targets of a region', async () => {
    const fake = answerTwoTargets(new FakeAws());
    const scan = openScan({ endpointUrl: ENDPOINT });
    const [a, b] = await Promise.all([scan.collect({ region: REGION, vpcId: VPC_ID, endpointUrl: ENDPOINT }), scan.collect({ region: REGION, vpcId: VPC_ID, endpointUrl: ENDPOINT })]);
    for (const call of SHARED) assert.equal(fake.requestsFor(call).length, 1, call);
    assert.equal(fake.requestsFor('DescribeSubnets').length, 2, 'per-VPC calls are still per VPC');
    for (const inv of [a, b]) {
      assert.deepEqual(inv.gaps, []);
      assert.equal(inv.target.accountId, '111122223333');
      assert.ok(inv.prefixLists && inv.prefixLists.length > 0);
      assert.ok(inv.endpointServices && inv.endpointServices.length > 0);
    }
    assert.notEqual(a.prefixLists, b.prefixLists, 'each inventory has its own copy');
    assert.deepEqual(a.prefixLists, b.prefixLists);
    fake.assertAllUsed();
  });

  it('a shared call that failed for one target is made again by the other, not reported twice', async () => {
    const denied = ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.');
    const fake = new FakeAws()
      .answer('DescribePrefixLists', denied, { status: 403 })
      .answer('DescribePrefixLists', happy('DescribePrefixLists'));
    answerTwoTargets(fake, ['DescribePrefixLists']);
    const scan = openScan({ endpointUrl: ENDPOINT });
    const invs = await Promise.all([scan.collect({ region: REGION, vpcId: VPC_ID, endpointUrl: ENDPOINT }), scan.collect({ region: REGION, vpcId: VPC_ID, endpointUrl: ENDPOINT })]);
    assert.equal(fake.requestsFor('DescribePrefixLists').length, 2);
    const gapped = invs.filter((inv) => inv.gaps.some((g) => g.call === 'ec2:DescribePrefixLists'));
    assert.equal(gapped.length, 1, 'only the target whose call was denied has the gap');
    assert.ok(invs.some((inv) => (inv.prefixLists ?? []).length > 0));
    fake.assertAllUsed();
  });
});

describe('listing operations', () => {
  it('are read-only and in the generated IAM policy', () => {
    const granted = new Set(leastPrivilegePolicy().Statement[0].Action);
    for (const op of ALL_LISTING_OPERATIONS) {
      assert.match(op.iamAction, /^ec2:Describe[A-Za-z]+$/);
      assert.ok(granted.has(op.iamAction), op.iamAction);
    }
  });
});
