import { addressAt } from '../inventory/cidr';
import { label } from '../inventory/query';
import type { Check, Outcome } from './types';

const AMAZON = 'AmazonProvidedDNS';
/** The VPC resolver's link-local addresses, valid in every VPC (IPv4 and Nitro IPv6). */
const LINK_LOCAL_RESOLVERS = ['169.254.169.253', 'fd00:ec2::253'];

/**
 * Endpoint private DNS is answered by the VPC resolver (Route 53 Resolver). Instances ask the
 * servers the DHCP option set names, in order: a custom server answers first, and unless it
 * forwards to the VPC resolver the ECR names resolve to public addresses (NAT) or not at all.
 * The resolver also counts when it is named by address: 169.254.169.253 or the primary VPC CIDR
 * base + 2. AmazonProvidedDNS listed after a custom server is only asked when that one times out,
 * so it is a warning too (not in CHECKS.md's letter, but the same failure).
 */
export const vpcDhcpDns: Check = {
  id: 'vpc-dhcp-dns',
  title: 'DHCP option set uses the VPC resolver',
  stage: 'dns',
  needs: ['dhcpOptions', 'vpc'],
  evaluate(inv): Outcome {
    const vpcId = inv.target.vpcId;
    const declared = inv.vpc?.dhcpOptionsId;
    const options = inv.dhcpOptions;
    if (!options) {
      if (declared && declared !== 'default') {
        return { status: 'error', summary: `DHCP option set ${declared} of ${label(vpcId, inv.vpc?.tags)} was not found.`, resources: [vpcId, declared] };
      }
      return { status: 'pass', summary: `${label(vpcId, inv.vpc?.tags)} has no DHCP option set: instances use the VPC resolver.`, resources: [vpcId] };
    }
    const servers = options.domainNameServers;
    const base2 = inv.vpc?.cidrBlocks[0] ? addressAt(inv.vpc.cidrBlocks[0], 2) : undefined;
    const resolvers = [AMAZON, ...LINK_LOCAL_RESOLVERS, ...(base2 ? [base2] : [])];
    const isResolver = (s: string) => resolvers.some((r) => r.toLowerCase() === s.toLowerCase());
    const resources = [vpcId, options.id];
    if (servers.length === 0) {
      // A set without domain-name-servers hands out no DNS server at all: hosts resolve only
      // what their image configures by hand.
      return {
        status: 'warn',
        summary: `DHCP option set ${options.id} names no domain-name-servers: instances get no DNS server from DHCP, and endpoint private DNS works only if the hosts are configured to use the VPC resolver.`,
        resources,
        evidence: [{ resource: options.id, field: 'domain-name-servers', observed: '(none)', expected: AMAZON }],
      };
    }
    // Resolvers are asked in order: the first one answers whenever it is up.
    if (isResolver(servers[0])) {
      return { status: 'pass', summary: `DHCP option set ${options.id} uses ${servers.join(', ')}: instances resolve through the VPC resolver, which answers endpoint private DNS.`, resources };
    }
    const custom = servers.filter((s) => !isResolver(s));
    const first = servers[0];
    const target = `169.254.169.253${base2 ? ` or ${base2}` : ''}`;
    const summary = servers.some(isResolver)
      ? `DHCP option set ${options.id} lists ${first} before the VPC resolver: instances ask ${first} first and only fall back when it does not answer, so endpoint private DNS works only if ${custom.join(', ')} forward(s) amazonaws.com queries to the VPC resolver (${target}).`
      : `DHCP option set ${options.id} sends DNS to custom servers ${custom.join(', ')}: endpoint private DNS works only if they forward amazonaws.com queries to the VPC resolver (${target}); otherwise ECR names resolve to public addresses and pulls go through the NAT or fail.`;
    return {
      status: 'warn',
      summary,
      resources,
      evidence: [
        {
          resource: options.id,
          field: 'domain-name-servers',
          observed: servers.join(', '),
          expected: `${AMAZON} first, or servers that forward to ${target}`,
          note: 'Route 53 Resolver inbound endpoints and AD/BIND servers with a forwarder to the VPC resolver are fine',
        },
      ],
      remediation: [
        {
          id: `dhcp-dns:${options.id}`,
          title: `Make ${custom.join(', ')} forward amazonaws.com to ${target}, or put ${AMAZON} first in the DHCP option set of ${vpcId}`,
          why: 'Interface endpoint private DNS names are answered only by the VPC resolver.',
          action: {
            kind: 'manual',
            detail: `Check from a workload host: nslookup api.ecr.${inv.target.region}.amazonaws.com must return private addresses of the VPC (${inv.vpc?.cidrBlocks.join(', ') ?? 'its CIDR'}).`,
          },
        },
      ],
    };
  },
};
