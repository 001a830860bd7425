/**
 * Small hand-made inventories and results for the report tests.
 *
 * classicVpc(): the classic leak. subnet-app uses rtb-123 (explicit, default route to NAT),
 * which the S3 gateway endpoint is NOT associated with; subnet-b uses the main table (implicit),
 * which it is. ECR interface endpoints are fine. subnet-pub is public (IGW) and so not a workload
 * subnet by the heuristic.
 */
import type { CheckOptions, CheckResult, Stage, Status } from '../../src/checks/types';
import type { Inventory, RouteTable, Subnet, VpcEndpoint } from '../../src/inventory/types';

export const OPTS: CheckOptions = { platform: 'fargate', subnetIds: [], securityGroupIds: [] };

function subnet(id: string, cidrBlock: string, name?: string): Subnet {
  return {
    id,
    cidrBlock,
    ipv6CidrBlocks: [],
    availabilityZone: 'us-east-1a',
    mapPublicIpOnLaunch: false,
    tags: name ? { Name: name } : {},
  };
}

function table(id: string, opts: { main?: boolean; subnets?: string[]; defaultRoute?: { natGatewayId?: string; gatewayId?: string } }): RouteTable {
  return {
    id,
    main: opts.main ?? false,
    associations: [
      ...(opts.main ? [{ main: true }] : []),
      ...(opts.subnets ?? []).map((subnetId) => ({ subnetId, main: false })),
    ],
    routes: [
      { destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local', state: 'active' },
      ...(opts.defaultRoute ? [{ destinationCidrBlock: '0.0.0.0/0', state: 'active', ...opts.defaultRoute }] : []),
    ],
    tags: {},
  };
}

function endpoint(id: string, service: string, type: VpcEndpoint['type'], extra: Partial<VpcEndpoint> = {}): VpcEndpoint {
  return {
    id,
    type,
    serviceName: `com.amazonaws.us-east-1.${service}`,
    state: 'available',
    privateDnsEnabled: type === 'Interface',
    subnetIds: type === 'Interface' ? ['subnet-app', 'subnet-b'] : [],
    securityGroupIds: type === 'Interface' ? ['sg-ep'] : [],
    routeTableIds: [],
    tags: {},
    ...extra,
  };
}

export function classicVpc(): Inventory {
  return {
    schemaVersion: 1,
    collectedAt: '2025-03-01T12:00:00.000Z',
    target: { region: 'us-east-1', partition: 'aws', vpcId: 'vpc-0app', accountId: '123456789012' },
    vpc: { id: 'vpc-0app', cidrBlocks: ['10.0.0.0/16'], ipv6CidrBlocks: [], isDefault: false, tags: { Name: 'prod' } },
    vpcAttributes: { enableDnsSupport: true, enableDnsHostnames: true },
    subnets: [
      subnet('subnet-app', '10.0.1.0/24'),
      subnet('subnet-b', '10.0.2.0/24', 'app-b'),
      subnet('subnet-pub', '10.0.100.0/24', 'public-a'),
    ],
    routeTables: [
      table('rtb-main', { main: true, defaultRoute: { natGatewayId: 'nat-main' } }),
      table('rtb-123', { subnets: ['subnet-app'], defaultRoute: { natGatewayId: 'nat-main' } }),
      table('rtb-pub', { subnets: ['subnet-pub'], defaultRoute: { gatewayId: 'igw-1' } }),
    ],
    vpcEndpoints: [
      endpoint('vpce-api', 'ecr.api', 'Interface'),
      endpoint('vpce-dkr', 'ecr.dkr', 'Interface'),
      endpoint('vpce-s3', 's3', 'Gateway', { routeTableIds: ['rtb-main'] }),
    ],
    securityGroups: [
      {
        id: 'sg-ep',
        name: 'endpoints',
        ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['10.0.0.0/16'], ipv6Ranges: [], prefixListIds: [], groupIds: [] }],
        egress: [],
        tags: {},
      },
    ],
    gaps: [],
  };
}

export function result(id: string, stage: Stage, status: Status, extra: Partial<CheckResult> = {}): CheckResult {
  return {
    id,
    title: `Title of ${id}`,
    stage,
    status,
    summary: `${id} is ${status}.`,
    resources: [],
    evidence: [],
    remediation: [],
    ...extra,
  };
}

/** The results a run on classicVpc() would give, trimmed to a representative few. */
export function classicResults(): CheckResult[] {
  return [
    result('vpc-dns-support', 'dns', 'pass', { summary: 'enableDnsSupport is on for vpc-0app (prod).' }),
    result('vpc-dns-hostnames', 'dns', 'pass'),
    result('endpoint-ecr-dkr', 'endpoints', 'pass'),
    result('endpoint-ecr-api', 'endpoints', 'pass'),
    result('endpoint-private-dns', 'dns', 'pass'),
    result('endpoint-az-coverage', 'endpoints', 'warn', {
      summary: 'us-east-1b has no endpoint subnet.',
      evidence: [{ resource: 'vpce-dkr', field: 'SubnetIds', observed: 'us-east-1a only', expected: 'us-east-1a, us-east-1b' }],
    }),
    result('endpoint-s3-gateway', 'routing', 'pass'),
    result('s3-route-association', 'routing', 'fail', {
      summary: 'rtb-123 is not associated with the S3 gateway endpoint vpce-s3.',
      resources: ['vpce-s3', 'rtb-123', 'rtb-main'],
      evidence: [
        {
          resource: 'rtb-123',
          field: 'Routes',
          observed: 'no route pl-63a5400a → vpce-…',
          expected: 'pl-63a5400a → vpce-s3',
          note: 'used by subnet-app',
        },
      ],
      remediation: [
        {
          id: 'associate-s3:vpce-s3',
          title: 'Associate vpce-s3 with rtb-123',
          why: 'A gateway endpoint only serves the route tables it is associated with.',
          action: { kind: 'associate-route-tables', endpointId: 'vpce-s3', routeTableIds: ['rtb-123'] },
        },
      ],
    }),
    result('image-origin', 'registry', 'skip', { summary: 'No image given.' }),
  ];
}
