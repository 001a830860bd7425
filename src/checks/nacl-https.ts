import { aclForSubnet, describeRule, evaluateNaclPeers, ruleNumberOf, type NaclAnswer } from '../inventory/nacl';
import {
  bestEndpoint,
  endpointsForService,
  s3PrefixList,
  subnetLabel,
  workloadSubnets,
} from '../inventory/query';
import { publicCidrs } from '../inventory/routes';
import type { Inventory, NetworkAcl, NetworkAclEntry, Subnet } from '../inventory/types';
import type { Check, CheckOptions, Evidence, Outcome, Remediation } from './types';

/**
 * Replies come back to the client's ephemeral port. Linux hosts (Fargate, Amazon Linux,
 * Bottlerocket) use 32768-60999: without it replies are dropped (fail). AWS recommends
 * 1024-65535, which also covers Windows (49152-65535) and tuned hosts: narrower is a warning.
 */
const EPHEMERAL_NEEDED: [number, number] = [32768, 60999];
const EPHEMERAL_RECOMMENDED: [number, number] = [1024, 65535];
const HTTPS: [number, number] = [443, 443];

interface Problem {
  acl: NetworkAcl;
  egress: boolean;
  rule: NetworkAclEntry | 'default';
  ports: [number, number];
  level: 'fail' | 'warn';
  /** How the peers are shown; `fixPeers` are the CIDRs an allow rule should name. */
  peers: Set<string>;
  fixPeers: Set<string>;
  who: Set<string>;
  note?: string;
}

/**
 * Network ACLs are stateless: both directions must be allowed on both sides, the request to 443
 * and the reply to the client's ephemeral port, evaluated rule by rule like AWS does (see
 * inventory/nacl.ts). Checked for each workload subnet against each ECR endpoint subnet (traffic
 * inside one subnet never crosses its ACL) and against S3.
 */
export const naclHttps: Check = {
  id: 'nacl-https',
  title: 'Network ACLs allow HTTPS and its replies',
  stage: 'security',
  needs: ['networkAcls', 'subnets', 'routeTables', 'vpcEndpoints'],
  evaluate(inv, opts): Outcome {
    const { subnets } = workloadSubnets(inv, opts.subnetIds);
    if (subnets.length === 0) return { status: 'skip', summary: 'No workload subnets whose network ACLs could be checked.' };
    const problems = new Map<string, Problem>();
    const missingAcl = new Set<string>();
    const record = (acl: NetworkAcl, egress: boolean, ports: [number, number], answer: NaclAnswer, level: Problem['level'], peer: Peer, who: string, note?: string) => {
      if (answer.allowed === 'all' || !answer.denyingRule) return;
      const key = `${acl.id}|${egress}|${ruleNumberOf(answer.denyingRule)}|${ports.join('-')}|${level}`;
      const p = problems.get(key) ?? { acl, egress, rule: answer.denyingRule, ports, level, peers: new Set(), fixPeers: new Set(), who: new Set(), note };
      p.peers.add(peer.label);
      peer.fix.forEach((c) => p.fixPeers.add(c));
      p.who.add(who);
      problems.set(key, p);
    };
    /** One side of a connection: its ACL must let the request and the reply through. */
    const side = (subnet: Subnet, requestEgress: boolean, peer: Peer, what: string) => {
      const acl = aclForSubnet(inv, subnet.id);
      if (!acl) return void missingAcl.add(subnet.id);
      const who = `${subnetLabel(subnet)}: ${what}`;
      const note = peer.standIn ? "every public address stands in for S3's (its prefix list entries were not collected): an ACL allowing only S3's ranges is reported as a warning" : undefined;
      // With a stand-in, "partly allowed" may be exactly S3's ranges: warn, do not fail.
      const level = (a: NaclAnswer): Problem['level'] => (peer.standIn && a.allowed === 'some' ? 'warn' : 'fail');
      const request = evaluateNaclPeers(acl, { egress: requestEgress, ports: HTTPS }, peer.cidrs);
      record(acl, requestEgress, HTTPS, request, level(request), peer, who, note);
      const reply = evaluateNaclPeers(acl, { egress: !requestEgress, ports: EPHEMERAL_NEEDED }, peer.cidrs);
      record(acl, !requestEgress, EPHEMERAL_NEEDED, reply, level(reply), peer, who, note);
      if (reply.allowed === 'all') {
        const wide = evaluateNaclPeers(acl, { egress: !requestEgress, ports: EPHEMERAL_RECOMMENDED }, peer.cidrs);
        record(acl, !requestEgress, EPHEMERAL_RECOMMENDED, wide, 'warn', peer, who, 'the Linux range 32768-60999 is open; Windows clients use 49152-65535 (a failure if the workload runs Windows), and AWS recommends 1024-65535');
      }
    };

    const endpointSubnets = endpointSubnetsOf(inv, opts);
    const s3 = s3Peers(inv);
    for (const w of subnets) {
      if (!w.cidrBlock) continue;
      for (const { subnet: e, services } of endpointSubnets) {
        if (e.id === w.id || !e.cidrBlock) continue;
        side(w, true, cidrPeer(e.cidrBlock), `to the ${services.join('/')} endpoint in ${e.id}`);
        side(e, false, cidrPeer(w.cidrBlock), `${services.join('/')} endpoint, from ${w.id}`);
      }
      if (s3) side(w, true, s3, 'to S3 (image layers)');
    }

    const list = [...problems.values()];
    const resources = [...new Set(subnets.map((s) => aclForSubnet(inv, s.id)?.id).filter((id): id is string => !!id))];
    const evidence = list.map(evidenceFor);
    evidence.push(...[...missingAcl].map((id) => ({ resource: id, field: 'NetworkAclAssociation', observed: 'none found', expected: 'an associated or default network ACL' })));
    if (evidence.length === 0) {
      return { status: 'pass', summary: `The network ACLs of the ${subnets.length} workload subnet(s) and the ECR endpoint subnets allow TCP 443 and the ephemeral replies both ways.`, resources };
    }
    const fails = list.filter((p) => p.level === 'fail');
    const shown = (fails.length > 0 ? fails : list).slice(0, 3).map(sentence);
    const more = (fails.length > 0 ? fails : list).length - shown.length;
    return {
      status: fails.length > 0 ? 'fail' : 'warn',
      summary: `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}${missingAcl.size > 0 ? `; no network ACL found for ${[...missingAcl].join(', ')}` : ''}.`,
      resources: [...new Set([...resources, ...list.map((p) => p.acl.id)])],
      evidence,
      remediation: list.map(fixFor),
    };
  },
};

/** The subnets of the ECR interface endpoints the platform uses (and of an S3 interface endpoint serving the layers). */
function endpointSubnetsOf(inv: Inventory, opts: CheckOptions): { subnet: Subnet; services: string[] }[] {
  const services = opts.platform === 'fargate-1.3' ? ['ecr.dkr'] : ['ecr.dkr', 'ecr.api'];
  const gateway = endpointsForService(inv, 's3', 'Gateway').length > 0;
  if (!gateway && endpointsForService(inv, 's3', 'Interface').length > 0) services.push('s3');
  const bySubnet = new Map<string, { subnet: Subnet; services: string[] }>();
  for (const service of services) {
    const endpoint = bestEndpoint(endpointsForService(inv, service, 'Interface'));
    for (const id of endpoint?.subnetIds ?? []) {
      const subnet = (inv.subnets ?? []).find((s) => s.id === id);
      if (!subnet) continue;
      const entry = bySubnet.get(id) ?? { subnet, services: [] };
      entry.services.push(service);
      bySubnet.set(id, entry);
    }
  }
  return [...bySubnet.values()];
}

/** Who is on the other side: shown as `label`, judged over `cidrs`, fixed by allowing `fix`. */
interface Peer {
  label: string;
  cidrs: string[];
  fix: string[];
  standIn: boolean;
}

const cidrPeer = (cidr: string): Peer => ({ label: cidr, cidrs: [cidr], fix: [cidr], standIn: false });

/**
 * S3's ranges when collected; else every public address as a stand-in (S3 is never in the
 * private ranges, so a deny of 10.0.0.0/8 must not count against it). None when the layers
 * use an S3 interface endpoint (its subnets are checked like the ECR ones).
 */
function s3Peers(inv: Inventory): Peer | undefined {
  const gateway = endpointsForService(inv, 's3', 'Gateway').length > 0;
  if (!gateway && endpointsForService(inv, 's3', 'Interface').length > 0) return undefined;
  const entries = s3PrefixList(inv)?.cidrs;
  if (Array.isArray(entries) && entries.length > 0) return { label: entries.join(', '), cidrs: entries, fix: entries, standIn: false };
  return { label: 'S3 (any public address, 0.0.0.0/0)', cidrs: publicCidrs(), fix: ['0.0.0.0/0'], standIn: true };
}

const direction = (p: Problem) => (p.egress ? 'outbound' : 'inbound');
const portText = (ports: [number, number]) => (ports[0] === ports[1] ? `TCP ${ports[0]}` : `TCP ${ports[0]}-${ports[1]}`);

function sentence(p: Problem): string {
  const reply = p.ports[0] !== 443 ? ' (the replies)' : '';
  return `${p.acl.id} ${describeRule(p.rule)} denies ${direction(p)} ${portText(p.ports)}${reply} ${p.egress ? 'to' : 'from'} ${[...p.peers].join(', ')}`;
}

function evidenceFor(p: Problem): Evidence {
  return {
    resource: p.acl.id,
    name: p.acl.tags.Name,
    field: `Entries (${direction(p)})`,
    observed: `${describeRule(p.rule)} decides`,
    expected: `allow ${portText(p.ports)} ${p.egress ? 'to' : 'from'} ${[...p.peers].join(', ')}`,
    note: [`rule ${ruleNumberOf(p.rule)}`, ...p.who, ...(p.note ? [p.note] : [])].join('; '),
  };
}

function fixFor(p: Problem): Remediation {
  const limit = p.rule === 'default' ? 32767 : p.rule.ruleNumber;
  let number = freeRuleNumberBelow(p.acl, p.egress, limit);
  const commands = [...p.fixPeers].map((peer) => {
    const n = number;
    number = freeRuleNumberBelow(p.acl, p.egress, n);
    return `aws ec2 create-network-acl-entry --network-acl-id ${p.acl.id} --${p.egress ? 'egress' : 'ingress'} --rule-number ${n} --protocol tcp --port-range From=${p.ports[0]},To=${p.ports[1]} --cidr-block ${peer} --rule-action allow`;
  });
  return {
    id: `nacl:${p.acl.id}:${direction(p)}:${p.ports.join('-')}`,
    title: `Allow ${direction(p)} ${portText(p.ports)} ${p.egress ? 'to' : 'from'} ${[...p.fixPeers].join(', ')} in ${p.acl.id}, numbered before rule ${ruleNumberOf(p.rule)}`,
    why: 'Network ACLs are stateless: the request and the reply each need an allow rule that comes before any deny.',
    action: { kind: 'manual', detail: commands.join(' ; ') },
  };
}

/** The highest unused rule number below `limit` in that direction (rules are 1-32766). */
function freeRuleNumberBelow(acl: NetworkAcl, egress: boolean, limit: number): number {
  const used = new Set(acl.entries.filter((e) => e.egress === egress).map((e) => e.ruleNumber));
  for (let n = limit - 1; n >= 1; n--) if (!used.has(n)) return n;
  return 1;
}
