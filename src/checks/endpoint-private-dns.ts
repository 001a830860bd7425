import { bestEndpoint, endpointsForService, label, type EcrService } from '../inventory/query';
import type { VpcEndpoint } from '../inventory/types';
import type { Check, Evidence, Outcome, Remediation } from './types';

/**
 * Private DNS makes the public ECR names (api.ecr.<region>.amazonaws.com, <acct>.dkr.ecr…)
 * resolve to the endpoint. Off on ecr.dkr: docker pulls go through the NAT (fail). Off on
 * ecr.api: only API calls leak, and some clients are configured with the endpoint name (warn).
 */
export const endpointPrivateDns: Check = {
  id: 'endpoint-private-dns',
  title: 'Private DNS on the ECR endpoints',
  stage: 'dns',
  needs: ['vpcEndpoints'],
  evaluate(inv, opts): Outcome {
    const services: EcrService[] = opts.platform === 'fargate-1.3' ? ['ecr.dkr'] : ['ecr.dkr', 'ecr.api'];
    const endpoints = services
      .map((service) => ({ service, endpoint: bestEndpoint(endpointsForService(inv, service, 'Interface')) }))
      .filter((x): x is { service: EcrService; endpoint: VpcEndpoint } => !!x.endpoint);
    if (endpoints.length === 0) {
      return { status: 'skip', summary: 'No ECR interface endpoint to inspect (see endpoint-ecr-dkr / endpoint-ecr-api).' };
    }
    const off = endpoints.filter((x) => !x.endpoint.privateDnsEnabled);
    const resources = endpoints.map((x) => x.endpoint.id);
    if (off.length === 0) {
      const attrs = inv.vpcAttributes;
      if (attrs && (attrs.enableDnsSupport === false || attrs.enableDnsHostnames === false)) {
        return {
          status: 'warn',
          summary: `Private DNS is on for ${endpoints.map((x) => x.endpoint.id).join(' and ')}, but the VPC does not resolve it while DNS support or DNS hostnames is off (see vpc-dns-support / vpc-dns-hostnames): ECR names resolve to public addresses.`,
          resources,
        };
      }
      return {
        status: 'pass',
        summary: `Private DNS is on for ${endpoints.map((x) => `${x.service} (${x.endpoint.id})`).join(' and ')}.`,
        resources,
      };
    }
    const evidence: Evidence[] = off.map(({ service, endpoint }) => ({
      resource: endpoint.id,
      name: endpoint.tags.Name,
      field: 'PrivateDnsEnabled',
      observed: 'false',
      expected: 'true',
      note: service === 'ecr.dkr' ? 'docker pulls resolve the public registry name and leave through the NAT' : 'ECR API calls resolve the public name',
    }));
    const remediation: Remediation[] = off.map(({ service, endpoint }) => ({
      id: `enable-private-dns:${endpoint.id}`,
      title: `Enable private DNS on the ${service} endpoint ${endpoint.id}`,
      why: `So that the public ${service} hostname resolves to the endpoint inside the VPC.`,
      action: { kind: 'enable-private-dns', endpointId: endpoint.id },
    }));
    const dkrOff = off.some((x) => x.service === 'ecr.dkr');
    return {
      status: dkrOff ? 'fail' : 'warn',
      summary: `Private DNS is off on ${off.map((x) => `${x.service} ${label(x.endpoint.id, x.endpoint.tags)}`).join(' and ')}: ${dkrOff ? 'image pulls' : 'ECR API calls'} resolve the public name and bypass the endpoint.`,
      resources,
      evidence,
      remediation,
    };
  },
};
