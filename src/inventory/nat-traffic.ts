/**
 * NAT gateway traffic joined with the pull paths: for each NAT gateway, which workload subnets
 * route to it, which of their ECR flows leave through it, its spikes and its estimated cost.
 * Pure; shared by the nat-image-traffic check and the report's natTraffic section, so both tell
 * the same numbers.
 */
import { findSpikes, SPIKE_RULE, type SpikeAnalysis, type SpikeRule } from './nat-spikes';
import { estimateCost, natPrice, type CostEstimate, type NatPrice } from './nat-price';
import { subnetPath, type FlowName } from './paths';
import { effectiveRouteTable, nameTag } from './query';
import type { Inventory, MetricSeries, Subnet } from './types';

export interface NatTrafficOptions {
  securityGroupIds: readonly string[];
  /** The ECR flows the platform uses (egress-path's requiredFlows). */
  flows: readonly FlowName[];
  /** Judge only the last this-many seconds of the collected window (a snapshot replay). */
  lookbackSeconds?: number;
  natPricePerGb?: number;
}

/** One ECR flow of one workload subnet that leaves through the NAT gateway. */
export interface NatEcrFlow {
  subnetId: string;
  routeTableId?: string;
  flow: FlowName;
  /** The path's one-line explanation (paths.ts). */
  detail: string;
}

export interface NatTrafficEntry {
  natGatewayId: string;
  name?: string;
  /** Workload subnets whose effective route table routes anything to this NAT gateway. */
  workloadSubnets: string[];
  /** Their route tables. */
  routeTables: string[];
  ecrFlows: NatEcrFlow[];
  /**
   * False when no metric of it was asked for: on a route but not listed by DescribeNatGateways
   * (a shared VPC's owner holds it, or it is gone). Its bytes are unknown, not zero.
   */
  measured: boolean;
  /** BytesOutToSource over the window: what pulls raise (downloads to the clients). */
  bytesOut: SpikeAnalysis;
  /** Sum of BytesInFromDestination: a download raises it by about as much (a cross-check). */
  bytesInTotal: number;
  cost: CostEstimate;
  /** The raw series of the window (both metrics), ascending. */
  series: MetricSeries[];
}

export interface NatTraffic {
  start: string;
  end: string;
  periodSeconds: number;
  periods: number;
  rule: SpikeRule;
  price: NatPrice;
  /** Every NAT gateway measured or on a workload route: those on the route first. */
  nats: NatTrafficEntry[];
}

/** NAT gateway id → the workload subnets whose effective route table has a (non-blackhole) route to it. */
export function natsOnWorkloadRoutes(inv: Inventory, subnets: readonly Subnet[]): Map<string, Subnet[]> {
  const out = new Map<string, Subnet[]>();
  for (const subnet of subnets) {
    const rt = effectiveRouteTable(inv, subnet.id);
    const nats = new Set((rt?.routes ?? []).filter((r) => r.natGatewayId && r.state !== 'blackhole').map((r) => r.natGatewayId!));
    for (const nat of nats) out.set(nat, [...(out.get(nat) ?? []), subnet]);
  }
  return out;
}

/** Undefined when the inventory has no NAT metrics (not collected, or a gap). */
export function analyseNatTraffic(inv: Inventory, subnets: readonly Subnet[], opts: NatTrafficOptions): NatTraffic | undefined {
  const metrics = inv.natMetrics;
  if (!metrics || !(metrics.periodSeconds > 0)) return undefined;
  const window = trimmedWindow(metrics.start, metrics.end, metrics.periodSeconds, opts.lookbackSeconds);
  const price = natPrice(inv.target.region, opts.natPricePerGb);
  const routed = natsOnWorkloadRoutes(inv, subnets);
  const paths = subnets.map((s) => subnetPath(inv, s, opts.securityGroupIds));

  const listed = (inv.natGateways ?? []).map((n) => n.id);
  const measured = metrics.series.map((s) => s.natGatewayId);
  const ids = [...new Set([...listed, ...measured, ...[...routed.keys()].sort()])];
  const entries = ids.map((id): NatTrafficEntry => {
    const served = routed.get(id) ?? [];
    const series = metrics.series
      .filter((s) => s.natGatewayId === id)
      .map((s) => clip(s, window.start, window.end));
    const out = series.find((s) => s.metric === 'BytesOutToSource') ?? { timestamps: [], values: [] };
    const bytesOut = findSpikes(out, window.periods);
    const bytesIn = series.find((s) => s.metric === 'BytesInFromDestination');
    return {
      natGatewayId: id,
      name: nameTag(inv.natGateways?.find((n) => n.id === id)?.tags),
      workloadSubnets: served.map((s) => s.id),
      routeTables: [...new Set(served.map((s) => effectiveRouteTable(inv, s.id)?.id).filter((x): x is string => !!x))],
      ecrFlows: paths.flatMap((p) =>
        opts.flows
          .map((f) => p.flows[f])
          .filter((f) => f.via === 'nat' && f.target === id)
          .map((f) => ({ subnetId: p.subnetId, routeTableId: p.routeTableId, flow: f.flow, detail: f.detail })),
      ),
      measured: measured.includes(id),
      bytesOut,
      bytesInTotal: (bytesIn?.values ?? []).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0),
      cost: estimateCost(bytesOut.totalBytes, window.periods * window.periodSeconds, price),
      series,
    };
  });
  const onRoute = (e: NatTrafficEntry) => (e.workloadSubnets.length > 0 ? 0 : 1);
  return {
    start: window.start,
    end: window.end,
    periodSeconds: window.periodSeconds,
    periods: window.periods,
    rule: SPIKE_RULE,
    price,
    nats: [...entries].sort((a, b) => onRoute(a) - onRoute(b)),
  };
}

/** The collected window, or its last `lookbackSeconds` (whole periods) when that is shorter. */
function trimmedWindow(start: string, end: string, periodSeconds: number, lookbackSeconds?: number) {
  const endMs = Date.parse(end);
  const collected = Math.max(0, Math.round((endMs - Date.parse(start)) / 1000 / periodSeconds));
  const wanted = lookbackSeconds ? Math.ceil(lookbackSeconds / periodSeconds) : collected;
  const periods = Math.max(1, Math.min(collected, wanted));
  return { start: new Date(endMs - periods * periodSeconds * 1000).toISOString(), end, periodSeconds, periods };
}

/** The points in [start, end) with a numeric value, ascending (a hand-edited snapshot may hold anything). */
function clip(s: MetricSeries, start: string, end: string): MetricSeries {
  const from = Date.parse(start);
  const to = Date.parse(end);
  const points = s.timestamps
    .map((t, i) => ({ t, ms: Date.parse(t), v: s.values[i] }))
    .filter((p) => p.ms >= from && p.ms < to && Number.isFinite(p.v))
    .sort((a, b) => a.ms - b.ms);
  return { natGatewayId: s.natGatewayId, metric: s.metric, timestamps: points.map((p) => p.t), values: points.map((p) => p.v) };
}
