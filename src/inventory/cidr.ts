/** IPv4 CIDR arithmetic on plain numbers: enough for containment and coverage questions. */

export interface Ipv4Range {
  /** First address, as an unsigned 32-bit integer. */
  start: number;
  /** Last address, inclusive. */
  end: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses "10.20.8.0/22" into its address range; undefined when it is not an IPv4 CIDR. */
export function parseIpv4Cidr(cidr: string): Ipv4Range | undefined {
  const m = CIDR_RE.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const address = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const size = 2 ** (32 - bits);
  // AWS accepts a host address with a prefix (10.0.0.5/8) and treats it as its network.
  const start = Math.floor(address / size) * size;
  return { start, end: start + size - 1 };
}

/** True when `outer` contains every address of `inner` (10.0.0.0/8 contains 10.20.8.0/22). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseIpv4Cidr(outer);
  const i = parseIpv4Cidr(inner);
  return !!o && !!i && o.start <= i.start && i.end <= o.end;
}

/** True when the two ranges share at least one address. */
export function cidrOverlaps(a: string, b: string): boolean {
  const x = parseIpv4Cidr(a);
  const y = parseIpv4Cidr(b);
  return !!x && !!y && x.start <= y.end && y.start <= x.end;
}

/**
 * True when the union of `ranges` covers every address of `target`: two /23 rules together
 * admit a /22 subnet even though neither contains it alone.
 */
export function cidrCoveredByUnion(target: string, ranges: readonly string[]): boolean {
  const t = parseIpv4Cidr(target);
  if (!t) return false;
  const parts = ranges
    .map(parseIpv4Cidr)
    .filter((r): r is Ipv4Range => !!r && r.end >= t.start && r.start <= t.end)
    .sort((a, b) => a.start - b.start);
  let next = t.start;
  for (const r of parts) {
    if (r.start > next) return false;
    next = Math.max(next, r.end + 1);
    if (next > t.end) return true;
  }
  return next > t.end;
}

/** Prefix length of a CIDR ("10.0.0.0/16" → 16), -1 when unparsable. */
export function prefixLength(cidr: string): number {
  const m = /\/(\d{1,3})$/.exec(cidr);
  return m ? Number(m[1]) : -1;
}

/** True when `ip` (dotted quad) lies inside `cidr`. */
export function ipInCidr(ip: string, cidr: string): boolean {
  return cidrContains(cidr, `${ip}/32`);
}

/** The address at offset `n` from the network base of `cidr` (base + 2 is the VPC resolver). */
export function addressAt(cidr: string, n: number): string | undefined {
  const r = parseIpv4Cidr(cidr);
  if (!r) return undefined;
  const a = r.start + n;
  return [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
}
