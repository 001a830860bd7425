/**
 * The report's natTraffic section: the raw NAT gateway series of the window with the spikes,
 * totals and cost the nat-image-traffic check judged, for JSON consumers and the sparkline.
 * Built from the same pure analysis as the check (inventory/nat-traffic.ts).
 */
import { requiredFlows } from '../checks/egress-path';
import type { CheckOptions } from '../checks/types';
import { NAT_PRICE_TABLE_DATE, type NatPrice } from '../inventory/nat-price';
import type { Spike } from '../inventory/nat-spikes';
import { analyseNatTraffic } from '../inventory/nat-traffic';
import type { FlowName } from '../inventory/paths';
import { workloadSubnets } from '../inventory/query';
import type { Inventory, MetricSeries } from '../inventory/types';

export interface NatTrafficReport {
  start: string;
  end: string;
  periodSeconds: number;
  /** The spike rule applied (inventory/nat-spikes.ts). */
  rule: { floorBytes: number; medianMultiple: number };
  price: NatPrice & { tableDate: string };
  nats: NatTrafficNatReport[];
}

export interface NatTrafficNatReport {
  natGatewayId: string;
  name?: string;
  /** Workload subnets whose route table routes to this NAT gateway (empty: not on their routes). */
  workloadSubnets: string[];
  routeTables: string[];
  /** ECR flows of those subnets that leave through it. */
  ecrFlows: { subnetId: string; routeTableId?: string; flow: FlowName }[];
  /** False: not listed by DescribeNatGateways, so never asked for (its bytes are unknown, not 0). */
  measured: boolean;
  bytesOutToSource: { total: number; median: number; points: number };
  bytesInFromDestination: { total: number };
  /** NAT processing of the BytesOutToSource total, at price.usdPerGb. */
  estimatedCostUsd: { window: number; perMonth: number };
  spikes: Spike[];
  /** Data points as CloudWatch returned them, ascending; a missing period is absent, not 0. */
  series: { metric: MetricSeries['metric']; timestamps: string[]; values: number[] }[];
}

/** Undefined when the inventory has no NAT metrics or the paths it is joined with are unknown. */
export function buildNatTraffic(inv: Inventory, options: CheckOptions, pathsKnown: boolean): NatTrafficReport | undefined {
  if (!pathsKnown) return undefined;
  const t = analyseNatTraffic(inv, workloadSubnets(inv, options.subnetIds).subnets, {
    securityGroupIds: options.securityGroupIds,
    flows: requiredFlows(options),
    lookbackSeconds: options.lookbackSeconds,
    natPricePerGb: options.natPricePerGb,
  });
  if (!t) return undefined;
  return {
    start: t.start,
    end: t.end,
    periodSeconds: t.periodSeconds,
    rule: { floorBytes: t.rule.floorBytes, medianMultiple: t.rule.medianMultiple },
    price: { ...t.price, tableDate: NAT_PRICE_TABLE_DATE },
    nats: t.nats.map((n) => ({
      natGatewayId: n.natGatewayId,
      ...(n.name ? { name: n.name } : {}),
      workloadSubnets: n.workloadSubnets,
      routeTables: n.routeTables,
      ecrFlows: n.ecrFlows.map((f) => ({ subnetId: f.subnetId, ...(f.routeTableId ? { routeTableId: f.routeTableId } : {}), flow: f.flow })),
      measured: n.measured,
      bytesOutToSource: { total: n.bytesOut.totalBytes, median: n.bytesOut.medianBytes, points: n.bytesOut.points },
      bytesInFromDestination: { total: n.bytesInTotal },
      estimatedCostUsd: { window: round(n.cost.window), perMonth: round(n.cost.perMonth) },
      spikes: n.bytesOut.spikes.map((s) => ({ at: s.at, bytes: s.bytes, ratio: s.ratio === null ? null : round(s.ratio) })),
      series: n.series.map((s) => ({ metric: s.metric, timestamps: [...s.timestamps], values: [...s.values] })),
    })),
  };
}

/** Cents and ratios to 4 decimals: stable bytes in the JSON, no 0.30000000000000004. */
function round(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}

/** Fixed key order for --json (json.ts). */
export function canonicalNatTraffic(t: NatTrafficReport): NatTrafficReport {
  return {
    start: t.start,
    end: t.end,
    periodSeconds: t.periodSeconds,
    rule: { floorBytes: t.rule.floorBytes, medianMultiple: t.rule.medianMultiple },
    price: { usdPerGb: t.price.usdPerGb, source: t.price.source, region: t.price.region, tableDate: t.price.tableDate },
    nats: t.nats.map((n) => ({
      natGatewayId: n.natGatewayId,
      name: n.name,
      workloadSubnets: [...n.workloadSubnets],
      routeTables: [...n.routeTables],
      ecrFlows: n.ecrFlows.map((f) => ({ subnetId: f.subnetId, routeTableId: f.routeTableId, flow: f.flow })),
      measured: n.measured,
      bytesOutToSource: { total: n.bytesOutToSource.total, median: n.bytesOutToSource.median, points: n.bytesOutToSource.points },
      bytesInFromDestination: { total: n.bytesInFromDestination.total },
      estimatedCostUsd: { window: n.estimatedCostUsd.window, perMonth: n.estimatedCostUsd.perMonth },
      spikes: n.spikes.map((s) => ({ at: s.at, bytes: s.bytes, ratio: s.ratio })),
      series: n.series.map((s) => ({ metric: s.metric, timestamps: [...s.timestamps], values: [...s.values] })),
    })),
  };
}
