/**
 * The ordered registry. Order is the troubleshooting flow and the order of every report;
 * ids are a contract (CHECKS.md): never rename one.
 */
import { egressPath } from './egress-path';
import { endpointEcrApi } from './endpoint-ecr-api';
import { endpointEcrDkr } from './endpoint-ecr-dkr';
import { endpointPrivateDns } from './endpoint-private-dns';
import { endpointS3Gateway } from './endpoint-s3-gateway';
import { endpointSgIngress443 } from './endpoint-sg-ingress-443';
import { s3RouteAssociation } from './s3-route-association';
import type { Check } from './types';
import { vpcDnsHostnames } from './vpc-dns-hostnames';
import { vpcDnsSupport } from './vpc-dns-support';

export const CHECKS: readonly Check[] = [
  vpcDnsSupport,
  vpcDnsHostnames,
  endpointEcrDkr,
  endpointEcrApi,
  endpointPrivateDns,
  endpointSgIngress443,
  endpointS3Gateway,
  s3RouteAssociation,
  egressPath,
];

export function checkById(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}
