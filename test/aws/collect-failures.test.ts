/**
 * Failed calls: most become a gap on their part and the rest is still collected; the few that
 * make any diagnosis impossible become one DiagnoseError (exit 2).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import nock from 'nock';
import { collectInventory } from '../../src/aws/collect';
import { DiagnoseError } from '../../src/util/errors';
import {
  ACCOUNT,
  FakeAws,
  REGION,
  VPC_ID,
  collect,
  ec2Error,
  ec2Response,
  happy,
  instantRetries,
  offlineAwsHooks,
} from './fake-aws';

offlineAwsHooks();

/** A loopback port nobody listens on (bound, then released). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const DENIED_READABLE =
  'You are not authorized to perform this operation. User: arn:aws:sts::111122223333:assumed-role/doctor/s ' +
  'is not authorized to perform: ec2:DescribeVpcEndpoints because no identity-based policy allows the ' +
  'ec2:DescribeVpcEndpoints action.';
const DENIED_MESSAGE = `${DENIED_READABLE} Encoded authorization failure message: AbCdEf0123456789`;

/** Asserts the promise rejects with a DiagnoseError of that reason; returns its message. */
async function diagnoseErrorOf(promise: Promise<unknown>, reason: string): Promise<string> {
  const err = await promise.then(
    () => assert.fail(`expected a DiagnoseError (${reason})`),
    (e: unknown) => e,
  );
  assert.ok(err instanceof DiagnoseError, `not a DiagnoseError: ${String(err)}`);
  assert.equal(err.reason, reason);
  assert.equal(err.exitCode, 2);
  assert.doesNotMatch(err.message, /\n/, 'one line');
  return err.message;
}

describe('collectInventory: a denied call becomes a gap', () => {
  for (const [code, status] of [['UnauthorizedOperation', 403], ['AccessDenied', 403]] as const) {
    it(`${code} on DescribeVpcEndpoints: gap naming ec2:DescribeVpcEndpoints, the rest collected`, async () => {
      const api = new FakeAws()
        .answer('DescribeVpcEndpoints', ec2Error(code, DENIED_MESSAGE), { status })
        .answerTheRest();
      const inv = await collect();
      api.assertAllUsed();

      assert.equal(api.requestsFor('DescribeVpcEndpoints').length, 1, 'a denial is not retried');
      assert.deepEqual(inv.gaps, [
        {
          part: 'vpcEndpoints',
          call: 'ec2:DescribeVpcEndpoints',
          code,
          // EC2's encoded authorization message is kilobytes of base64: dropped from the gap.
          message: DENIED_READABLE,
          iamAction: 'ec2:DescribeVpcEndpoints',
        },
      ]);
      assert.equal(inv.vpcEndpoints, undefined);
      assert.equal(inv.subnets?.length, 2);
      assert.equal(inv.routeTables?.length, 3);
      assert.equal(inv.securityGroups?.length, 2);
      assert.equal(inv.dhcpOptions?.id, 'dopt-0aa11bb22cc33dd44');
    });
  }

  it('a failed GetCallerIdentity is a gap on identity; the account id is simply absent', async () => {
    const stsDenied = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>explicit deny in a service control policy</Message></Error>
  <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
</ErrorResponse>`;
    const api = new FakeAws().answer('GetCallerIdentity', stsDenied, { status: 403 }).answerTheRest();
    const inv = await collect();
    api.assertAllUsed();

    assert.equal(inv.target.accountId, undefined);
    assert.deepEqual(inv.gaps.map((g) => [g.part, g.call, g.code]), [['identity', 'sts:GetCallerIdentity', 'AccessDenied']]);
    assert.equal(inv.vpc?.id, VPC_ID);
  });
});

describe('collectInventory: throttling and server errors', () => {
  it('retries a throttled call (RequestLimitExceeded) and keeps its answer', async () => {
    const api = new FakeAws()
      .answer('DescribeSubnets', ec2Error('RequestLimitExceeded', 'Request limit exceeded.'), { status: 503 })
      .answer('DescribeSubnets', happy('DescribeSubnets'))
      .answerTheRest();
    const inv = await collect();
    api.assertAllUsed();

    assert.equal(api.requestsFor('DescribeSubnets').length, 2);
    assert.deepEqual(inv.gaps, []);
    assert.deepEqual(inv.subnets?.map((s) => s.id), ['subnet-0app1111aaaa2222b', 'subnet-0pub3333cccc4444d']);
  });

  it('throttling that outlasts the retries becomes a gap with the throttling code', async () => {
    const throttled = ec2Error('RequestLimitExceeded', 'Request limit exceeded.');
    const api = new FakeAws()
      .answer('DescribeNetworkAcls', throttled, { status: 503 })
      .answer('DescribeNetworkAcls', throttled, { status: 503 })
      .answerTheRest();
    const inv = await collect(2);
    api.assertAllUsed();

    assert.deepEqual(
      inv.gaps.map((g) => [g.part, g.code, g.iamAction]),
      [['networkAcls', 'RequestLimitExceeded', 'ec2:DescribeNetworkAcls']],
    );
    assert.equal(inv.subnets?.length, 2);
  });

  it('a 5xx that persists becomes a gap', async () => {
    const unavailable = ec2Error('Unavailable', 'The service is unavailable. Please try again shortly.');
    const api = new FakeAws()
      .answer('DescribeNatGateways', unavailable, { status: 503 })
      .answer('DescribeNatGateways', unavailable, { status: 503 })
      .answerTheRest();
    const inv = await collect(2);
    api.assertAllUsed();

    // Without the NAT gateway list their metrics cannot be asked for: a gap of its own, no call.
    assert.deepEqual(inv.gaps.map((g) => [g.part, g.code]), [['natGateways', 'Unavailable'], ['natMetrics', 'Skipped']]);
  });

  it('a garbled answer becomes a gap, not a crash', async () => {
    const api = new FakeAws()
      .answer('DescribeRouteTables', '<DescribeRouteTablesResponse><routeTableSet><item>')
      .answerTheRest();
    const inv = await collect();
    api.assertAllUsed();

    assert.equal(inv.routeTables, undefined);
    assert.deepEqual(
      inv.gaps.map((g) => [g.part, g.call, g.code]),
      [['routeTables', 'ec2:DescribeRouteTables', 'MalformedResponse']],
    );
    assert.ok(inv.gaps[0].message.length > 0);
    assert.equal(inv.subnets?.length, 2);
  });

  it('an endpoint that cannot filter endpoint services gets the full list, filtered locally', async () => {
    // moto 5.2 crashes on the service-name filter (HTTP 500 with an HTML page).
    const crash = '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n';
    const service = (name: string) =>
      `<item><serviceName>${name}</serviceName><serviceType><item><serviceType>Interface</serviceType></item></serviceType></item>`;
    const all = ec2Response(
      'DescribeVpcEndpointServices',
      `<serviceDetailSet>${service('com.amazonaws.us-east-1.ecr.api')}${service('com.amazonaws.us-east-1.athena')}</serviceDetailSet>`,
    );
    const filtered = (p: Record<string, string>) => p['Filter.1.Name'] === 'service-name';
    const api = new FakeAws()
      .answer('DescribeVpcEndpointServices', crash, { status: 500, when: filtered })
      .answer('DescribeVpcEndpointServices', all, { when: (p) => !filtered(p) })
      .answerTheRest();
    const inv = await collect(5);
    api.assertAllUsed();

    // The filtered probe is tried once: retrying a 500 there cost moto runs ~2 s of back-offs.
    assert.equal(api.requestsFor('DescribeVpcEndpointServices').filter(filtered).length, 1);
    assert.equal(api.requestsFor('DescribeVpcEndpointServices').length, 2);
    assert.deepEqual(inv.gaps, []);
    assert.deepEqual(inv.endpointServices, [
      { serviceName: 'com.amazonaws.us-east-1.ecr.api', serviceTypes: ['Interface'] },
    ]);
  });

  it('InvalidFilter on the filtered endpoint-services call: one try, then the unfiltered list', async () => {
    const filtered = (p: Record<string, string>) => p['Filter.1.Name'] === 'service-name';
    const all = ec2Response(
      'DescribeVpcEndpointServices',
      '<serviceDetailSet><item><serviceName>com.amazonaws.us-east-1.ecr.dkr</serviceName><serviceType><item><serviceType>Interface</serviceType></item></serviceType></item></serviceDetailSet>',
    );
    const api = new FakeAws()
      .answer('DescribeVpcEndpointServices', ec2Error('InvalidFilter', 'The filter service-name is invalid'), { status: 400, when: filtered })
      .answer('DescribeVpcEndpointServices', all, { when: (p) => !filtered(p) })
      .answerTheRest();
    const inv = await collect(5);
    api.assertAllUsed();

    assert.equal(api.requestsFor('DescribeVpcEndpointServices').filter(filtered).length, 1);
    assert.deepEqual(inv.endpointServices?.map((e) => e.serviceName), ['com.amazonaws.us-east-1.ecr.dkr']);
  });

  it('a throttled filtered endpoint-services call is retried, not answered by the unfiltered list', async () => {
    const filtered = (p: Record<string, string>) => p['Filter.1.Name'] === 'service-name';
    const api = new FakeAws()
      .answer('DescribeVpcEndpointServices', ec2Error('RequestLimitExceeded', 'Request limit exceeded.'), { status: 503, when: filtered })
      .answer('DescribeVpcEndpointServices', happy('DescribeVpcEndpointServices'), { when: filtered })
      .answerTheRest();
    const inv = await collect(3);
    api.assertAllUsed();

    assert.equal(api.requestsFor('DescribeVpcEndpointServices').length, 2);
    assert.ok(api.requestsFor('DescribeVpcEndpointServices').every(filtered), 'never the unfiltered list');
    assert.deepEqual(inv.gaps, []);
    assert.equal(inv.endpointServices?.length, 2);
  });
});

describe('collectInventory: failures that stop the diagnosis', () => {
  it('InvalidVpcID.NotFound → vpc-not-found, naming VPC, region and account', async () => {
    const api = new FakeAws()
      .answer('DescribeVpcs', ec2Error('InvalidVpcID.NotFound', `The vpc ID '${VPC_ID}' does not exist`), { status: 400 })
      .answerTheRest({ except: ['DescribeDhcpOptions'] });
    const message = await diagnoseErrorOf(collect(), 'vpc-not-found');
    api.assertAllUsed();
    assert.equal(message, `VPC ${VPC_ID} not found in ${REGION} (account ${ACCOUNT})`);
  });

  it('an empty vpcSet is also vpc-not-found', async () => {
    const api = new FakeAws()
      .answer('DescribeVpcs', ec2Response('DescribeVpcs', '<vpcSet/>'))
      .answerTheRest({ except: ['DescribeDhcpOptions'] });
    await diagnoseErrorOf(collect(), 'vpc-not-found');
    api.assertAllUsed();
  });

  it('DescribeVpcs denied → denied, naming ec2:DescribeVpcs', async () => {
    const api = new FakeAws()
      .answer('DescribeVpcs', ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'), {
        status: 403,
      })
      .answerTheRest({ except: ['DescribeDhcpOptions'] });
    const message = await diagnoseErrorOf(collect(), 'denied');
    api.assertAllUsed();
    assert.match(message, /ec2:DescribeVpcs/);
  });

  it('a DescribeVpcs failure that is not about the VPC stays a gap, and DHCP is marked not attempted', async () => {
    const unavailable = ec2Error('InternalError', 'An internal error has occurred');
    const api = new FakeAws()
      .answer('DescribeVpcs', unavailable, { status: 500 })
      .answer('DescribeVpcs', unavailable, { status: 500 })
      .answerTheRest({ except: ['DescribeDhcpOptions'] });
    const inv = await collect(2);
    api.assertAllUsed();

    assert.equal(inv.vpc, undefined);
    assert.deepEqual(inv.gaps.map((g) => [g.part, g.code]), [['vpc', 'InternalError'], ['dhcpOptions', 'Skipped']]);
    assert.equal(inv.subnets?.length, 2);
  });

  for (const code of ['AuthFailure', 'UnrecognizedClientException']) {
    it(`rejected credentials (${code}) → credentials`, async () => {
      const api = new FakeAws()
        .answer('DescribeVpcs', ec2Error(code, 'AWS was not able to validate the provided access credentials'), { status: 401 })
        .answerTheRest({ except: ['DescribeDhcpOptions'] });
      const message = await diagnoseErrorOf(collect(), 'credentials');
      api.assertAllUsed();
      assert.match(message, new RegExp(code));
    });
  }

  // EC2 answers expired temporary credentials with RequestExpired (STS-style services: ExpiredToken).
  for (const code of ['RequestExpired', 'ExpiredToken']) {
    it(`expired credentials (${code}) → credentials, saying to get fresh ones`, async () => {
      const api = new FakeAws()
        .answer('DescribeVpcs', ec2Error(code, 'Request has expired.'), { status: 400 })
        .answerTheRest({ except: ['DescribeDhcpOptions'] });
      const message = await diagnoseErrorOf(collect(), 'credentials');
      api.assertAllUsed();
      assert.equal(
        message,
        `AWS credentials rejected or missing (${code}): Request has expired. Get fresh credentials (aws sso login, a new session) and check the system clock`,
      );
    });
  }

  it('no credentials anywhere → credentials, before any request', async () => {
    const saved = { ...process.env };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    try {
      await diagnoseErrorOf(collect(), 'credentials');
    } finally {
      Object.assign(process.env, saved);
    }
  });

  it('an unreachable endpoint → endpoint-unreachable', async () => {
    // A real refused connection on loopback: nock's replyWithError never settles an SDK request.
    const closedPort = await freeLoopbackPort();
    nock.enableNetConnect(`127.0.0.1:${closedPort}`);
    const endpointUrl = `http://127.0.0.1:${closedPort}`;
    const message = await diagnoseErrorOf(
      collectInventory({ vpcId: VPC_ID, region: REGION, endpointUrl }, { retryStrategy: instantRetries(2) }),
      'endpoint-unreachable',
    );
    assert.match(message, /ECONNREFUSED/);
    assert.match(message, new RegExp(endpointUrl));
  });

  it('expired credentials on STS alone do not stop the collection (EC2 decides)', async () => {
    const expired = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error>
  <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
</ErrorResponse>`;
    const api = new FakeAws().answer('GetCallerIdentity', expired, { status: 403 }).answerTheRest();
    const inv = await collect();
    api.assertAllUsed();
    assert.deepEqual(inv.gaps.map((g) => [g.part, g.code]), [['identity', 'ExpiredToken']]);
  });
});

describe('endpoint URL in messages', () => {
  it('drops a user:password@ part', async () => {
    const { withoutUserInfo } = await import('../../src/aws/collect');
    assert.equal(withoutUserInfo('http://alice:s3cret@127.0.0.1:9/'), 'http://127.0.0.1:9/');
    assert.equal(withoutUserInfo('http://127.0.0.1:9'), 'http://127.0.0.1:9');
  });
});
