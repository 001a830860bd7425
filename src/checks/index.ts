/**
 * The ordered registry. Order is the troubleshooting flow and the order of every report;
 * ids are a contract (CHECKS.md): never rename one.
 */
import { ecrPullThroughCache } from './ecr-pull-through-cache';
import { egressPath } from './egress-path';
import { endpointAzCoverage } from './endpoint-az-coverage';
import { endpointEcrApi } from './endpoint-ecr-api';
import { endpointEcrDkr } from './endpoint-ecr-dkr';
import { endpointPolicy } from './endpoint-policy';
import { endpointPrivateDns } from './endpoint-private-dns';
import { endpointRequiredServices } from './endpoint-required-services';
import { endpointS3Gateway } from './endpoint-s3-gateway';
import { endpointSgIngress443 } from './endpoint-sg-ingress-443';
import { imageOrigin } from './image-origin';
import { naclHttps } from './nacl-https';
import { natImageTraffic } from './nat-image-traffic';
import { s3RouteAssociation } from './s3-route-association';
import type { Check } from './types';
import { vpcDhcpDns } from './vpc-dhcp-dns';
import { vpcDnsHostnames } from './vpc-dns-hostnames';
import { vpcDnsSupport } from './vpc-dns-support';
import { workloadSgEgress443 } from './workload-sg-egress-443';

export const CHECKS: readonly Check[] = [
  vpcDnsSupport,
  vpcDnsHostnames,
  vpcDhcpDns,
  endpointEcrDkr,
  endpointEcrApi,
  endpointRequiredServices,
  endpointPrivateDns,
  endpointAzCoverage,
  endpointSgIngress443,
  workloadSgEgress443,
  naclHttps,
  endpointS3Gateway,
  s3RouteAssociation,
  endpointPolicy,
  egressPath,
  natImageTraffic,
  imageOrigin,
  ecrPullThroughCache,
];

export function checkById(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}
