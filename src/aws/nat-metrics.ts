/**
 * NAT gateway bytes from CloudWatch: BytesOutToSource and BytesInFromDestination (Sum) of every
 * NAT gateway of the VPC, as few GetMetricData calls as CloudWatch allows (one for up to 168
 * gateways), every page followed. Per-NAT calls would cost one round trip each.
 */
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { MetricWindow } from '../inventory/nat-window';
import type { MetricSeries, NatGateway, NatMetrics } from '../inventory/types';
import { OPERATIONS } from './operations';
import { attempt, type Outcome } from './outcome';

const METRICS: readonly MetricSeries['metric'][] = ['BytesOutToSource', 'BytesInFromDestination'];
/** CloudWatch's limits per GetMetricData call. */
const MAX_QUERIES_PER_CALL = 500;
const MAX_DATAPOINTS_PER_CALL = 100_800;
/** A NextToken that never ends would otherwise loop forever. */
const MAX_PAGES = 50;

/** Wave 2: needs the NAT gateway list of wave 1. No NAT gateway, no call (and an empty series list). */
export async function collectNatMetrics(
  cloudwatch: () => CloudWatchClient,
  natGateways: Outcome<NatGateway[]>,
  window: MetricWindow,
): Promise<Outcome<NatMetrics>> {
  const op = OPERATIONS.getMetricData;
  if (!natGateways.ok) {
    const error = Object.assign(new Error('not attempted: ec2:DescribeNatGateways failed, so the NAT gateways are unknown'), {
      code: 'Skipped',
    });
    return { op, ok: false, error };
  }
  const ids = natGateways.value.filter((n) => n.state !== 'deleted').map((n) => n.id);
  return attempt(op, () => getNatMetrics(cloudwatch, ids, window));
}

interface Query {
  id: string;
  natGatewayId: string;
  metric: MetricSeries['metric'];
}

export async function getNatMetrics(cloudwatch: () => CloudWatchClient, natIds: readonly string[], window: MetricWindow): Promise<NatMetrics> {
  const queries: Query[] = natIds.flatMap((natGatewayId, i) =>
    METRICS.map((metric, j) => ({ id: `n${i}m${j}`, natGatewayId, metric })),
  );
  // Every query returns up to `periods` points: the datapoint limit caps the queries per call first.
  const perCall = Math.max(1, Math.min(MAX_QUERIES_PER_CALL, Math.floor(MAX_DATAPOINTS_PER_CALL / window.periods)));
  const batches: Query[][] = [];
  for (let i = 0; i < queries.length; i += perCall) batches.push(queries.slice(i, i + perCall));
  const answered = await Promise.all(batches.map((batch) => fetchBatch(cloudwatch(), batch, window)));
  const points = new Map(answered.flatMap((m) => [...m]));
  return {
    start: window.start,
    end: window.end,
    periodSeconds: window.periodSeconds,
    series: queries.map((q) => toSeries(q, points.get(q.id) ?? [])),
  };
}

type Point = { ms: number; value: number };

/** One call's queries, every page: a query's points may be split across pages. */
async function fetchBatch(cw: CloudWatchClient, batch: Query[], window: MetricWindow): Promise<Map<string, Point[]>> {
  const points = new Map<string, Point[]>(batch.map((q) => [q.id, []]));
  const queries: MetricDataQuery[] = batch.map((q) => ({
    Id: q.id,
    MetricStat: {
      Metric: { Namespace: 'AWS/NATGateway', MetricName: q.metric, Dimensions: [{ Name: 'NatGatewayId', Value: q.natGatewayId }] },
      Period: window.periodSeconds,
      Stat: 'Sum',
    },
    ReturnData: true,
  }));
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: new Date(window.start),
        EndTime: new Date(window.end),
        ScanBy: 'TimestampAscending',
        NextToken: token,
      }),
    );
    for (const r of out.MetricDataResults ?? []) {
      // Complete and PartialData carry data (PartialData: more on the next page); these do not.
      if (r.StatusCode === 'Forbidden' || r.StatusCode === 'InternalError') {
        throw Object.assign(new Error(`CloudWatch answered ${r.StatusCode} for ${queryLabel(batch, r.Id)}`), { code: r.StatusCode });
      }
      const list = r.Id ? points.get(r.Id) : undefined;
      if (!list) continue;
      (r.Timestamps ?? []).forEach((t, i) => list.push({ ms: t.getTime(), value: r.Values?.[i] ?? Number.NaN }));
    }
    if (!out.NextToken || out.NextToken === token) break;
    token = out.NextToken;
  }
  return points;
}

function queryLabel(batch: Query[], id: string | undefined): string {
  const q = batch.find((x) => x.id === id);
  return q ? `${q.metric} of ${q.natGatewayId}` : `query ${id}`;
}

/** Ascending, one point per timestamp (a repeat across pages is dropped), finite values only. */
function toSeries(q: Query, points: Point[]): MetricSeries {
  const byTime = new Map<number, number>();
  for (const p of points) if (Number.isFinite(p.ms) && Number.isFinite(p.value) && !byTime.has(p.ms)) byTime.set(p.ms, p.value);
  const sorted = [...byTime].sort((a, b) => a[0] - b[0]);
  return {
    natGatewayId: q.natGatewayId,
    metric: q.metric,
    timestamps: sorted.map(([ms]) => new Date(ms).toISOString()),
    values: sorted.map(([, v]) => v),
  };
}
