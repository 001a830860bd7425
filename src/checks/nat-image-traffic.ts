import { describePrice, formatBytes, formatUsd } from '../inventory/nat-price';
import { analyseNatTraffic, natsOnWorkloadRoutes, type NatTraffic, type NatTrafficEntry } from '../inventory/nat-traffic';
import { formatSeconds } from '../inventory/nat-window';
import { FLOW_LABELS, type FlowName } from '../inventory/paths';
import { label, s3GatewayEndpointsOn, sharedVpcOwner, workloadSubnets } from '../inventory/query';
import type { Inventory } from '../inventory/types';
import { requiredFlows } from './egress-path';
import type { Check, Evidence, Outcome } from './types';

/** Spikes shown as evidence per NAT gateway (the largest); the JSON natTraffic section has all. */
const MAX_SPIKE_EVIDENCE = 5;

/**
 * The bytes behind the path verdicts: BytesOutToSource spikes on the NAT gateways the workload
 * subnets route to. A spike where an ECR flow goes through that NAT fails (likely image pulls);
 * a spike while every ECR flow is private warns (something else pulls through the NAT). The
 * metric has no destination, so every verdict says "likely".
 */
export const natImageTraffic: Check = {
  id: 'nat-image-traffic',
  title: 'NAT gateway traffic that looks like image pulls',
  stage: 'traffic',
  needs: ['subnets', 'routeTables', 'vpcEndpoints', 'securityGroups', 'vpcAttributes', 'natMetrics'],
  evaluate(inv, opts): Outcome {
    const { subnets } = workloadSubnets(inv, opts.subnetIds);
    if (subnets.length === 0) return { status: 'skip', summary: 'No workload subnets: nothing pulls images here.' };
    if (natsOnWorkloadRoutes(inv, subnets).size === 0) {
      return { status: 'skip', summary: "No NAT gateway on the workload subnets' routes: no image traffic can go through one." };
    }
    const traffic = analyseNatTraffic(inv, subnets, {
      securityGroupIds: opts.securityGroupIds,
      flows: requiredFlows(opts),
      lookbackSeconds: opts.lookbackSeconds,
      natPricePerGb: opts.natPricePerGb,
    });
    if (!traffic) return { status: 'skip', summary: 'NAT gateway metrics are not in this inventory (a snapshot taken without them).' };

    const routed = traffic.nats.filter((n) => n.workloadSubnets.length > 0);
    const onRoute = routed.filter((n) => n.measured);
    if (onRoute.length === 0) return unmeasured(inv, routed);
    const resources = onRoute.map((n) => n.natGatewayId);
    const span = `the last ${formatSeconds(traffic.periods * traffic.periodSeconds)}`;
    const names = (list: NatTrafficEntry[]) => list.map(natLabel).join(', ');
    if (onRoute.every((n) => n.bytesOut.points === 0)) {
      return { status: 'pass', summary: `No traffic recorded on ${names(onRoute)} over ${span} (no BytesOutToSource data points).`, resources };
    }
    const spiking = onRoute.filter((n) => n.bytesOut.spikes.length > 0);
    if (spiking.length === 0) {
      const total = onRoute.reduce((sum, n) => sum + n.bytesOut.totalBytes, 0);
      const cost = onRoute.reduce((sum, n) => sum + n.cost.perMonth, 0);
      return {
        status: 'pass',
        summary: `No spike on ${names(onRoute)} over ${span}: ${formatBytes(total)} in all, steady (≈ ${formatUsd(cost)} per 30-day month of NAT processing ${describePrice(traffic.price)}).`,
        resources,
        evidence: onRoute.filter((n) => n.bytesOut.points > 0).map((n) => costEvidence(n, traffic)),
      };
    }
    const leaking = spiking.filter((n) => n.ecrFlows.length > 0);
    const evidence = spiking.flatMap((n) => [...spikeEvidence(n, traffic), ...flowEvidence(n), costEvidence(n, traffic)]);
    if (leaking.length > 0) {
      return {
        status: 'fail',
        summary: `${leaking.map((n) => leakSentence(inv, n, traffic, span)).join(' ')} The metric names no destination: a likely cause, not a proof.`,
        resources,
        evidence,
      };
    }
    return {
      status: 'warn',
      summary: `${spiking.map((n) => spikeSentence(n, traffic, span)).join(' ')} Yet the ECR API, registry and image layers all stay on VPC endpoints from the workload subnets: something else likely pulls through the NAT (Docker Hub or another public registry, ECR in another region, OS packages).`,
      resources,
      evidence,
    };
  },
};

/** The NAT gateways on the route were not listed, so nothing was asked of CloudWatch about them. */
function unmeasured(inv: Inventory, routed: NatTrafficEntry[]): Outcome {
  const owner = sharedVpcOwner(inv);
  const why = owner
    ? `the VPC is shared from account ${owner}, which holds the NAT gateways and their metrics`
    : 'DescribeNatGateways did not list them (deleted, or in another account)';
  return {
    status: 'skip',
    summary: `${routed.map(natLabel).join(', ')} on the workload routes could not be measured: ${why}. Their bytes are unknown, not zero.`,
    resources: routed.map((n) => n.natGatewayId),
  };
}

function natLabel(n: NatTrafficEntry): string {
  return label(n.natGatewayId, n.name ? { Name: n.name } : undefined);
}

/** "2026-11-24 14:05 UTC" */
export function utcMinute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function ratioText(ratio: number | null): string {
  return ratio === null ? 'the median is 0' : `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}× the median`;
}

function largest(n: NatTrafficEntry) {
  return [...n.bytesOut.spikes].sort((a, b) => b.bytes - a.bytes)[0];
}

function spikeSentence(n: NatTrafficEntry, t: NatTraffic, span: string): string {
  const top = largest(n);
  const count = n.bytesOut.spikes.length;
  const spikeBytes = n.bytesOut.spikes.reduce((sum, s) => sum + s.bytes, 0);
  return (
    `${natLabel(n)}: ${count} spike${count === 1 ? '' : 's'} over ${span} (${formatBytes(spikeBytes)}), the largest ${formatBytes(top.bytes)} at ${utcMinute(top.at)} (${ratioText(top.ratio)}); ` +
    `NAT processing ≈ ${formatUsd(n.cost.window)} for ${formatBytes(n.bytesOut.totalBytes)} in ${span}, ≈ ${formatUsd(n.cost.perMonth)} per 30-day month ${describePrice(t.price)}.`
  );
}

/** "Likely image layers through nat-… because rtb-… lacks the S3 gateway route (subnet-…): <spikes>" */
function leakSentence(inv: Inventory, n: NatTrafficEntry, t: NatTraffic, span: string): string {
  const flows = [...new Set(n.ecrFlows.map((f) => f.flow))].sort((a, b) => FLOW_ORDER.indexOf(a) - FLOW_ORDER.indexOf(b));
  const what = flows.map((f) => FLOW_LABELS[f]).join(' and ');
  const reasons = [...new Set(n.ecrFlows.map((f) => reason(inv, f.flow, f.routeTableId)))];
  const subnets = [...new Set(n.ecrFlows.map((f) => f.subnetId))];
  return `Likely ${what} through ${n.natGatewayId} because ${reasons.join('; ')} (${subnets.join(', ')}). ${spikeSentence(n, t, span)}`;
}

/** Layers first: they are the bytes. */
const FLOW_ORDER: FlowName[] = ['layers', 'registry', 'api'];

function reason(inv: Inventory, flow: FlowName, routeTableId: string | undefined): string {
  const rt = routeTableId ?? 'the route table';
  if (flow === 'layers') {
    const table = inv.routeTables?.find((r) => r.id === routeTableId);
    const hasGateway = table ? s3GatewayEndpointsOn(inv, table).length > 0 : false;
    return hasGateway ? `a more specific route on ${rt} takes S3 traffic past the S3 gateway endpoint` : `${rt} lacks the S3 gateway route`;
  }
  const service = flow === 'registry' ? 'ecr.dkr' : 'ecr.api';
  return `${service} is not reached through an endpoint from ${rt} (see egress-path)`;
}

function spikeEvidence(n: NatTrafficEntry, t: NatTraffic): Evidence[] {
  const spikes = [...n.bytesOut.spikes].sort((a, b) => b.bytes - a.bytes);
  const period = formatSeconds(t.periodSeconds);
  const threshold = `under ${formatBytes(t.rule.floorBytes)} or under ${t.rule.medianMultiple}× the median ${formatBytes(n.bytesOut.medianBytes)} per ${period}`;
  return spikes.slice(0, MAX_SPIKE_EVIDENCE).map((s, i) => ({
    resource: n.natGatewayId,
    name: n.name,
    field: 'BytesOutToSource',
    observed: `${formatBytes(s.bytes)} in the ${period} from ${utcMinute(s.at)} (${ratioText(s.ratio)})`,
    expected: threshold,
    ...(i === MAX_SPIKE_EVIDENCE - 1 && spikes.length > MAX_SPIKE_EVIDENCE
      ? { note: `${spikes.length - MAX_SPIKE_EVIDENCE} smaller spike(s) not shown (all in --json natTraffic)` }
      : {}),
  }));
}

/** One line per route table and flow that sends ECR traffic to this NAT. */
function flowEvidence(n: NatTrafficEntry): Evidence[] {
  const seen = new Map<string, Evidence>();
  for (const f of n.ecrFlows) {
    const key = `${f.routeTableId}:${f.flow}`;
    const existing = seen.get(key);
    if (existing) {
      existing.note = `${existing.note}, ${f.subnetId}`;
      continue;
    }
    seen.set(key, {
      resource: f.routeTableId ?? f.subnetId,
      field: `path.${f.flow}`,
      observed: `${FLOW_LABELS[f.flow]} → nat ${n.natGatewayId}`,
      expected: `${FLOW_LABELS[f.flow]} → vpce`,
      note: `${f.detail}; subnets: ${f.subnetId}`,
    });
  }
  return [...seen.values()];
}

function costEvidence(n: NatTrafficEntry, t: NatTraffic): Evidence {
  const span = formatSeconds(t.periods * t.periodSeconds);
  return {
    resource: n.natGatewayId,
    name: n.name,
    field: 'estimated NAT processing cost',
    observed: `${formatUsd(n.cost.window)} for ${formatBytes(n.bytesOut.totalBytes)} in ${span}, ≈ ${formatUsd(n.cost.perMonth)} per 30-day month`,
    expected: 'image pulls through VPC endpoints: no NAT processing',
    note: `${describePrice(t.price)}; GB = 10^9 bytes, as AWS bills; counts BytesOutToSource (downloads) only, uploads are billed too; BytesInFromDestination ${formatBytes(n.bytesInTotal)}`,
  };
}
