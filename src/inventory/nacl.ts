/**
 * Network ACL evaluation as AWS does it: the entries of one direction in ascending rule number,
 * the first entry matching a packet decides, and what no entry matches is denied (the `*` rule).
 *
 * A question is about a whole block of packets: every address of a peer CIDR × every port of a
 * range (TCP 443, or the client's ephemeral ports for the replies). It is answered exactly over
 * that (address × port) rectangle: an allow entry settles the part it matches; the first deny
 * entry matching anything still unsettled decides the answer and is the rule reported.
 *
 * Soundness rule: "allowed" means every packet of the block is allowed. An allow covering part of
 * the peer (10.0.10.0/25 of a /24) followed by a deny is a denial for the rest, because the
 * endpoint ENI or task that needs the traffic may sit at any address of the peer subnet.
 */
import { parseIpv4Cidr } from './cidr';
import type { Inventory, NetworkAcl, NetworkAclEntry } from './types';

export const DEFAULT_RULE_NUMBER = 32767;

export interface NaclQuestion {
  /** true: traffic leaving the subnet; false: traffic entering it. */
  egress: boolean;
  /** The other side: destination for egress, source for ingress (IPv4 CIDR). */
  peer: string;
  /** Destination ports of the packets, inclusive. */
  ports: readonly [number, number];
}

export interface NaclAnswer {
  /** all: every packet allowed · some: part allowed, the rest denied · none: nothing allowed. */
  allowed: 'all' | 'some' | 'none';
  /** The entry that denies (part of) the block; 'default' when nothing matched it. */
  denyingRule?: NetworkAclEntry | 'default';
  /** The allow entries that let (part of) it through, in evaluation order. */
  allowingRules: NetworkAclEntry[];
}

/** [first address, last address, first port, last port], inclusive. */
type Box = [number, number, number, number];

/** The ACL a subnet uses: its explicit association, else the VPC's default ACL. */
export function aclForSubnet(inv: Inventory, subnetId: string): NetworkAcl | undefined {
  const acls = inv.networkAcls ?? [];
  return acls.find((a) => a.subnetIds.includes(subnetId)) ?? acls.find((a) => a.isDefault);
}

export function evaluateNacl(acl: NetworkAcl, q: NaclQuestion): NaclAnswer {
  const peer = parseIpv4Cidr(q.peer);
  if (!peer) throw new Error(`not an IPv4 CIDR: ${q.peer}`);
  let open: Box[] = [[peer.start, peer.end, q.ports[0], q.ports[1]]];
  const allowingRules: NetworkAclEntry[] = [];
  const entries = acl.entries.filter((e) => e.egress === q.egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
  for (const entry of entries) {
    const box = entryBox(entry);
    if (!box || !open.some((o) => intersects(o, box))) continue;
    if (entry.action === 'deny') return { allowed: allowingRules.length > 0 ? 'some' : 'none', denyingRule: entry, allowingRules };
    allowingRules.push(entry);
    open = open.flatMap((o) => subtract(o, box));
    if (open.length === 0) return { allowed: 'all', allowingRules };
  }
  return { allowed: allowingRules.length > 0 ? 'some' : 'none', denyingRule: 'default', allowingRules };
}

/** What a TCP packet must fall in to match the entry; undefined when it never matches TCP/IPv4. */
function entryBox(e: NetworkAclEntry): Box | undefined {
  if (!e.cidrBlock) return undefined; // an IPv6 entry
  const range = parseIpv4Cidr(e.cidrBlock);
  if (!range) return undefined;
  const proto = e.protocol.toLowerCase();
  if (proto === '-1' || proto === 'all') return [range.start, range.end, 0, 65535];
  if (proto !== '6' && proto !== 'tcp') return undefined;
  return [range.start, range.end, e.portFrom ?? 0, e.portTo ?? 65535];
}

function intersects(a: Box, b: Box): boolean {
  return a[0] <= b[1] && b[0] <= a[1] && a[2] <= b[3] && b[2] <= a[3];
}

/** `a` minus `b`, as up to four disjoint boxes. */
function subtract(a: Box, b: Box): Box[] {
  if (!intersects(a, b)) return [a];
  const out: Box[] = [];
  const [a0, a1, p0, p1] = a;
  const lo = Math.max(a0, b[0]);
  const hi = Math.min(a1, b[1]);
  if (a0 < lo) out.push([a0, lo - 1, p0, p1]);
  if (hi < a1) out.push([hi + 1, a1, p0, p1]);
  // The address band [lo, hi] keeps the ports outside b's range.
  if (p0 < b[2]) out.push([lo, hi, p0, b[2] - 1]);
  if (b[3] < p1) out.push([lo, hi, b[3] + 1, p1]);
  return out;
}

/** "rule 90 (deny tcp 443 to 10.0.20.0/24)", "rule * (the default deny)". */
export function describeRule(rule: NetworkAclEntry | 'default'): string {
  if (rule === 'default' || rule.ruleNumber === DEFAULT_RULE_NUMBER) return 'rule * (the default deny)';
  const proto = rule.protocol === '-1' ? 'all traffic' : rule.protocol === '6' ? 'tcp' : `protocol ${rule.protocol}`;
  const ports = rule.protocol === '-1' ? '' : rule.portFrom === rule.portTo ? ` ${rule.portFrom ?? 'all'}` : ` ${rule.portFrom ?? 0}-${rule.portTo ?? 65535}`;
  return `rule ${rule.ruleNumber} (${rule.action} ${proto}${ports} ${rule.egress ? 'to' : 'from'} ${rule.cidrBlock ?? rule.ipv6CidrBlock})`;
}

/** The rule number as AWS shows it ("*" for the default rule). */
export function ruleNumberOf(rule: NetworkAclEntry | 'default'): string {
  return rule === 'default' || rule.ruleNumber === DEFAULT_RULE_NUMBER ? '*' : String(rule.ruleNumber);
}

/** One question over several peers (the ranges of one service): allowed only if allowed for each. */
export function evaluateNaclPeers(acl: NetworkAcl, q: Omit<NaclQuestion, 'peer'>, peers: readonly string[]): NaclAnswer {
  const answers = peers.map((peer) => evaluateNacl(acl, { ...q, peer }));
  const allowingRules = [...new Set(answers.flatMap((a) => a.allowingRules))];
  const refused = answers.find((a) => a.allowed !== 'all');
  if (!refused) return { allowed: 'all', allowingRules };
  const allowed = answers.every((a) => a.allowed === 'none') ? 'none' : 'some';
  return { allowed, denyingRule: refused.denyingRule, allowingRules };
}
