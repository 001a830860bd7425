import { after, afterEach, before } from 'node:test';
/**
 * A fake AWS API at the HTTP level (nock): EC2 and STS answer in XML, as the real services do.
 * Each answer is one interceptor used once; `assertAllUsed` fails a test whose expected call
 * never happened. Answers default to the recorded-shape fixtures in fixtures/happy/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { collectInventory, type CollectOptions } from '../../src/aws/collect';
import type { Inventory } from '../../src/inventory/types';
import { answerGetMetricData, happyMetrics } from './fake-cloudwatch';

export const ENDPOINT = 'http://aws.test';
export const REGION = 'us-east-1';
export const VPC_ID = 'vpc-0a1b2c3d4e5f60718';
export const ACCOUNT = '111122223333';

/** A request's form parameters: Action, Version, Filter.1.Name... */
export type Params = Record<string, string>;

/** The calls the collector makes; the attribute calls are told apart by their Attribute. */
export const CALLS = [
  'GetCallerIdentity',
  'DescribeVpcs',
  'DescribeVpcAttribute-enableDnsSupport',
  'DescribeVpcAttribute-enableDnsHostnames',
  'DescribeDhcpOptions',
  'DescribeSubnets',
  'DescribeRouteTables',
  'DescribeVpcEndpoints',
  'DescribeSecurityGroups',
  'DescribeNetworkAcls',
  'DescribeNatGateways',
  'DescribeInternetGateways',
  'DescribePrefixLists',
  'DescribeVpcEndpointServices',
] as const;
export type Call = (typeof CALLS)[number];

/** Static test credentials; no profile, config file, endpoint variable or IMDS from the host. */
/**
 * The hooks every nock wire-test file needs: no real AWS settings, no real network, and no
 * interceptor left over from one test to the next.
 */
export function offlineAwsHooks(): void {
  before(() => {
    isolateAwsEnv();
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.disableNetConnect();
  });
  after(() => nock.enableNetConnect());
}

export function isolateAwsEnv(): void {
  for (const k of Object.keys(process.env)) {
    if (k.startsWith('AWS_')) delete process.env[k];
  }
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
}

export function happy(call: Call): string {
  return readFileSync(join(__dirname, 'fixtures', 'happy', `${call}.xml`), 'utf8');
}

export function ec2Response(action: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
  ${inner}
</${action}Response>`;
}

/** EC2's error envelope (note: Response/Errors/Error and RequestID, unlike STS). */
export function ec2Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>`;
}

interface AnswerOptions {
  status?: number;
  /** Extra condition on the request, e.g. which page it asks for. */
  when?: (p: Params) => boolean;
  /** Answer this late (a slow or stuck API). */
  delayMs?: number;
  /** Answer this many requests alike (default 1). */
  times?: number;
}

export class FakeAws {
  private readonly scope = nock(ENDPOINT);
  private readonly answered = new Set<Call>();
  readonly requests: Params[] = [];

  constructor() {
    this.scope.on('request', (_req: unknown, _interceptor: unknown, body: string) => {
      this.requests.push(Object.fromEntries(new URLSearchParams(body)));
    });
  }

  answer(call: Call, body: string, { status = 200, when, delayMs = 0, times = 1 }: AnswerOptions = {}): this {
    this.answered.add(call);
    this.scope
      .post('/', (p: Params) => matches(call, p) && (!when || when(p)))
      .times(times)
      .delay(delayMs)
      .reply(status, body, { 'Content-Type': 'text/xml;charset=UTF-8' });
    return this;
  }

  /**
   * The fixture answer for every call not answered yet, except those a test expects not to happen.
   * CloudWatch's GetMetricData (JSON protocol) gets an optional one: not every test reaches it.
   */
  answerTheRest({ except = [] }: { except?: readonly (Call | 'GetMetricData')[] } = {}): this {
    for (const call of CALLS) {
      if (!this.answered.has(call) && !except.includes(call)) this.answer(call, happy(call));
    }
    if (!except.includes('GetMetricData')) answerGetMetricData(this.scope, happyMetrics(), { optional: true });
    return this;
  }

  requestsFor(call: Call): Params[] {
    return this.requests.filter((p) => matches(call, p));
  }

  assertAllUsed(): void {
    assert.ok(this.scope.isDone(), `answers never requested: ${this.scope.pendingMocks().join(', ')}`);
  }
}

function matches(call: Call, p: Params): boolean {
  const [action, attribute] = call.split('-');
  return p.Action === action && (!attribute || p.Attribute === attribute);
}

/**
 * Retries throttling and transient errors like the SDK's standard strategy, without back-off,
 * so that the suite stays fast. Production keeps the SDK's adaptive strategy.
 */
export function instantRetries(maxAttempts = 3): NonNullable<CollectOptions['retryStrategy']> {
  const token = (count: number) => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  return {
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (previous: { getRetryCount(): number }, info: { errorType: string }) => {
      const retryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT';
      if (!retryable || previous.getRetryCount() + 1 >= maxAttempts) throw new Error('no more retries');
      return token(previous.getRetryCount() + 1);
    },
    recordSuccess: () => {},
  };
}

export function collect(maxAttempts = 3): Promise<Inventory> {
  return collectInventory(
    { vpcId: VPC_ID, region: REGION, endpointUrl: ENDPOINT },
    { retryStrategy: instantRetries(maxAttempts) },
  );
}
