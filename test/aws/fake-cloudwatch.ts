/**
 * CloudWatch's GetMetricData at the HTTP level (nock), as client-cloudwatch 3.11xx speaks it:
 * AWS JSON 1.0 (X-Amz-Target GraniteServiceVersion20100801.GetMetricData, epoch-second
 * timestamps) with the query-compatible error header `x-amzn-query-error: Code;Type`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';

export const GET_METRIC_DATA_TARGET = 'GraniteServiceVersion20100801.GetMetricData';

/** The request body the SDK sends (the fields the collector sets). */
export interface GetMetricDataBody {
  MetricDataQueries: {
    Id: string;
    MetricStat: {
      Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
      Period: number;
      Stat: string;
    };
    ReturnData?: boolean;
  }[];
  StartTime: number;
  EndTime: number;
  ScanBy?: string;
  NextToken?: string;
}

export interface MetricResultJson {
  Id: string;
  Label?: string;
  Timestamps: number[];
  Values: number[];
  StatusCode: 'Complete' | 'PartialData' | 'InternalError' | 'Forbidden';
}

export function metricsPage(results: MetricResultJson[], nextToken?: string): object {
  return { MetricDataResults: results, Messages: [], ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** The recorded-shape answer for the happy fixture's one NAT gateway (ids n0m0, n0m1). */
export function happyMetrics(): object {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', 'happy', 'GetMetricData.json'), 'utf8'));
}

/** CloudWatch's AccessDenied as the JSON protocol sends it (status 400, code in the header). */
export function deniedMetrics(): { status: number; body: object; headers: Record<string, string> } {
  return {
    status: 400,
    headers: { 'x-amzn-query-error': 'AccessDenied;Sender' },
    body: {
      __type: 'com.amazon.coral.service#AccessDeniedException',
      Message:
        'User: arn:aws:sts::111122223333:assumed-role/doctor/s is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action',
    },
  };
}

interface AnswerOptions {
  status?: number;
  headers?: Record<string, string>;
  when?: (b: GetMetricDataBody) => boolean;
  /** Not required by assertAllUsed (a default answer some tests never reach). */
  optional?: boolean;
}

const isMetricsBody = (b: unknown): b is GetMetricDataBody =>
  typeof b === 'object' && b !== null && Array.isArray((b as GetMetricDataBody).MetricDataQueries);

/** One GetMetricData answer on a nock scope, used once; only a JSON-protocol request matches. */
export function answerGetMetricData(scope: nock.Scope, body: object, { status = 200, headers = {}, when, optional }: AnswerOptions = {}): void {
  scope
    .post('/', (b: unknown) => isMetricsBody(b) && (!when || when(b)), { reqheaders: { 'x-amz-target': GET_METRIC_DATA_TARGET } })
    .optionally(optional === true)
    .reply(status, JSON.stringify(body), { 'Content-Type': 'application/x-amz-json-1.0', ...headers });
}

/** A CloudWatch of its own, recording the parsed request bodies. */
export class FakeCloudWatch {
  private readonly scope: nock.Scope;
  readonly requests: GetMetricDataBody[] = [];

  constructor(endpoint: string) {
    this.scope = nock(endpoint);
    this.scope.on('request', (_req: unknown, _interceptor: unknown, body: string) => {
      const parsed: unknown = JSON.parse(body);
      if (isMetricsBody(parsed)) this.requests.push(parsed);
    });
  }

  answer(body: object, opts: AnswerOptions = {}): this {
    answerGetMetricData(this.scope, body, opts);
    return this;
  }

  assertAllUsed(): void {
    assert.ok(this.scope.isDone(), `CloudWatch answers never requested: ${this.scope.pendingMocks().join(', ')}`);
  }
}
