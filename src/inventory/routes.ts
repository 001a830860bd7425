/**
 * Where a route table sends IPv4 traffic, by longest prefix match as AWS routes it. Pure.
 *
 * The public addresses of ECR and S3 are not in the inventory, so "public traffic" is every
 * address outside the private and special ranges and the VPC's own (local) ranges; a table can
 * split that space (0.0.0.0/1 + 128.0.0.0/1 overriding 0.0.0.0/0, a /16 to a firewall...).
 */
import { addressAt, cidrContains, parseIpv4Cidr, prefixLength, type Ipv4Range } from './cidr';
import type { Route, RouteTable } from './types';

/** Never public: RFC 1918, shared (CGNAT), link-local, loopback, "this network", multicast and reserved. */
const NOT_PUBLIC = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'];

const isLocal = (r: Route) => r.gatewayId === 'local';

/** IPv4 CIDR routes that take part in longest prefix match (a blackhole route matches and drops). */
function cidrRoutes(rt: RouteTable): Route[] {
  return rt.routes.filter((r) => r.destinationCidrBlock && parseIpv4Cidr(r.destinationCidrBlock));
}

/** A share of the public address space and the route that carries it. */
export interface RouteShare {
  route: Route;
  /** Number of public addresses it carries. */
  size: number;
}

export interface PublicRouting {
  /** The routes carrying public addresses, largest share first. */
  shares: RouteShare[];
  /** Public addresses no route matches (dropped). */
  unrouted: number;
}

/**
 * How the table routes the public address space: which routes win the longest prefix match for
 * which share of it. Sweeps the elementary intervals between every route boundary.
 */
export function publicRouting(rt: RouteTable | undefined): PublicRouting {
  if (!rt) return { shares: [], unrouted: 0 };
  const routes = cidrRoutes(rt).map((route) => ({ route, range: parseIpv4Cidr(route.destinationCidrBlock!)!, bits: prefixLength(route.destinationCidrBlock!) }));
  const excluded = [...NOT_PUBLIC, ...routes.filter((r) => isLocal(r.route)).map((r) => r.route.destinationCidrBlock!)]
    .map(parseIpv4Cidr)
    .filter((r): r is Ipv4Range => !!r);
  const cuts = new Set<number>([0, 2 ** 32]);
  for (const r of [...routes.map((x) => x.range), ...excluded]) {
    cuts.add(r.start);
    cuts.add(r.end + 1);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const sizes = new Map<Route, number>();
  let unrouted = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const size = points[i + 1] - start;
    if (excluded.some((r) => r.start <= start && start <= r.end)) continue;
    const best = routes
      .filter((r) => r.range.start <= start && start <= r.range.end)
      .sort((a, b) => b.bits - a.bits)[0];
    if (!best) unrouted += size;
    else sizes.set(best.route, (sizes.get(best.route) ?? 0) + size);
  }
  const shares = [...sizes].map(([route, size]) => ({ route, size })).sort((a, b) => b.size - a.size);
  return { shares, unrouted };
}

/**
 * Routes that win over a gateway endpoint's prefix-list route for part of the service's ranges:
 * a CIDR route inside one of the list's entries with an equal or longer prefix (longest prefix
 * first, and a static CIDR route beats a prefix-list route of the same length).
 */
export function routesOverriding(rt: RouteTable, listCidrs: readonly string[]): { route: Route; cidr: string }[] {
  const out: { route: Route; cidr: string }[] = [];
  for (const route of cidrRoutes(rt)) {
    if (isLocal(route)) continue;
    const hit = listCidrs.find((c) => cidrContains(c, route.destinationCidrBlock!));
    if (hit) out.push({ route, cidr: hit });
  }
  return out;
}

/**
 * Routes that may take part of a service's public addresses when its ranges are not known: CIDR
 * routes to a specific public range (longer than /8, so not a catch-all) and prefix-list routes
 * to anything but a gateway endpoint.
 */
export function possiblyOverriding(rt: RouteTable, exceptPrefixList?: string): Route[] {
  const specificPublic = cidrRoutes(rt).filter(
    (r) => !isLocal(r) && prefixLength(r.destinationCidrBlock!) > 8 && !NOT_PUBLIC.some((p) => cidrContains(p, r.destinationCidrBlock!)),
  );
  const otherLists = rt.routes.filter(
    (r) => r.destinationPrefixListId && r.destinationPrefixListId !== exceptPrefixList && !r.gatewayId?.startsWith('vpce-'),
  );
  return [...specificPublic, ...otherLists];
}

/**
 * A route more specific than the local route that captures traffic to one of these VPC ranges
 * (middlebox routing: to a firewall ENI, a Gateway Load Balancer endpoint...).
 */
export function localOverride(rt: RouteTable, cidrs: readonly string[]): { route: Route; cidr: string } | undefined {
  const routes = cidrRoutes(rt);
  const locals = routes.filter(isLocal);
  for (const route of routes) {
    if (isLocal(route)) continue;
    const dest = route.destinationCidrBlock!;
    const underLocal = locals.some((l) => cidrContains(l.destinationCidrBlock!, dest) && prefixLength(dest) > prefixLength(l.destinationCidrBlock!));
    if (!underLocal) continue;
    const cidr = cidrs.find((c) => cidrContains(dest, c) || cidrContains(c, dest));
    if (cidr) return { route, cidr };
  }
  return undefined;
}

/** "0.0.0.0/0" or "pl-…": how a route is written in a table. */
export function routeDestination(r: Route): string {
  return r.destinationCidrBlock ?? r.destinationPrefixListId ?? r.destinationIpv6CidrBlock ?? '?';
}

/**
 * The public IPv4 space as CIDRs (everything but the private and special ranges): the stand-in
 * for a public service whose own ranges are unknown.
 */
export function publicCidrs(): string[] {
  const holes = NOT_PUBLIC.map(parseIpv4Cidr)
    .filter((r): r is Ipv4Range => !!r)
    .sort((a, b) => a.start - b.start);
  const out: string[] = [];
  let next = 0;
  for (const h of holes) {
    if (h.start > next) out.push(...rangeToCidrs(next, h.start - 1));
    next = Math.max(next, h.end + 1);
  }
  if (next <= 2 ** 32 - 1) out.push(...rangeToCidrs(next, 2 ** 32 - 1));
  return out;
}

/** The fewest CIDRs exactly covering [start, end]. */
function rangeToCidrs(start: number, end: number): string[] {
  const out: string[] = [];
  while (start <= end) {
    let size = 1;
    // Grow while aligned and inside the range.
    while (size < 2 ** 32 && start % (size * 2) === 0 && start + size * 2 - 1 <= end) size *= 2;
    out.push(`${addressAt(`0.0.0.0/0`, start)}/${32 - Math.log2(size)}`);
    start += size;
  }
  return out;
}
