/**
 * Builds inventories for pure check tests. Starts from a healthy VPC (every ECR path private)
 * that each test breaks in exactly one way, cdk-nag style: a compliant and a non-compliant case.
 *
 *   10.0.0.0/16 vpc-healthy, DNS support + hostnames on
 *   subnet-pub-a   10.0.0.0/24  us-east-1a  rtb-public (0.0.0.0/0 → igw-main)
 *   subnet-app-a   10.0.10.0/24 us-east-1a  rtb-app    (0.0.0.0/0 → nat-main, pl-s3 → vpce-s3)
 *   subnet-app-b   10.0.11.0/24 us-east-1b  rtb-app
 *   rtb-main (main, local only)
 *   vpce-api (ecr.api), vpce-dkr (ecr.dkr): Interface, private DNS, sg-endpoints (443 from 10.0.0.0/16)
 *   vpce-s3: Gateway on rtb-app
 */
import type { InventoryPart, Inventory, NetworkAcl, VpcEndpoint, RouteTable, SecurityGroup, SecurityGroupRule, Subnet } from '../../src/inventory/types';
import type { CheckOptions } from '../../src/checks/types';

export const REGION = 'us-east-1';

export function defaultOptions(overrides: Partial<CheckOptions> = {}): CheckOptions {
  return { platform: 'fargate', subnetIds: [], securityGroupIds: [], ...overrides };
}

function healthy(): Inventory {
  return {
    schemaVersion: 1,
    collectedAt: '2026-11-24T12:00:00.000Z',
    target: { region: REGION, partition: 'aws', vpcId: 'vpc-healthy', accountId: '111122223333' },
    vpc: { id: 'vpc-healthy', ownerId: '111122223333', cidrBlocks: ['10.0.0.0/16'], ipv6CidrBlocks: [], dhcpOptionsId: 'dopt-1', isDefault: false, tags: { Name: 'prod' } },
    vpcAttributes: { enableDnsSupport: true, enableDnsHostnames: true },
    dhcpOptions: { id: 'dopt-1', domainNameServers: ['AmazonProvidedDNS'] },
    subnets: [
      subnet('subnet-pub-a', '10.0.0.0/24', 'us-east-1a', 'pub-a'),
      subnet('subnet-app-a', '10.0.10.0/24', 'us-east-1a', 'app-a'),
      subnet('subnet-app-b', '10.0.11.0/24', 'us-east-1b', 'app-b'),
    ],
    routeTables: [
      { id: 'rtb-main', main: true, associations: [{ main: true }], routes: [local()], tags: { Name: 'main' } },
      {
        id: 'rtb-public',
        main: false,
        associations: [{ subnetId: 'subnet-pub-a', main: false }],
        routes: [local(), { destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-main', state: 'active' }],
        tags: { Name: 'public' },
      },
      {
        id: 'rtb-app',
        main: false,
        associations: [
          { subnetId: 'subnet-app-a', main: false },
          { subnetId: 'subnet-app-b', main: false },
        ],
        routes: [
          local(),
          { destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-main', state: 'active' },
          { destinationPrefixListId: 'pl-s3', gatewayId: 'vpce-s3', state: 'active' },
        ],
        tags: { Name: 'app' },
      },
    ],
    vpcEndpoints: [
      interfaceEndpoint('vpce-api', 'ecr.api'),
      interfaceEndpoint('vpce-dkr', 'ecr.dkr'),
      {
        id: 'vpce-s3',
        type: 'Gateway',
        serviceName: `com.amazonaws.${REGION}.s3`,
        state: 'available',
        privateDnsEnabled: false,
        subnetIds: [],
        securityGroupIds: [],
        routeTableIds: ['rtb-app'],
        tags: {},
      },
    ],
    securityGroups: [
      {
        id: 'sg-endpoints',
        name: 'endpoints',
        ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['10.0.0.0/16'], ipv6Ranges: [], prefixListIds: [], groupIds: [] }],
        egress: [allOut()],
        tags: { Name: 'endpoints' },
      },
      { id: 'sg-app', name: 'app', ingress: [], egress: [allOut()], tags: { Name: 'app' } },
    ],
    networkAcls: [
      {
        id: 'acl-default',
        isDefault: true,
        subnetIds: ['subnet-pub-a', 'subnet-app-a', 'subnet-app-b'],
        entries: [
          { ruleNumber: 100, egress: true, protocol: '-1', action: 'allow', cidrBlock: '0.0.0.0/0' },
          { ruleNumber: 32767, egress: true, protocol: '-1', action: 'deny', cidrBlock: '0.0.0.0/0' },
          { ruleNumber: 100, egress: false, protocol: '-1', action: 'allow', cidrBlock: '0.0.0.0/0' },
          { ruleNumber: 32767, egress: false, protocol: '-1', action: 'deny', cidrBlock: '0.0.0.0/0' },
        ],
        tags: {},
      },
    ],
    natGateways: [{ id: 'nat-main', subnetId: 'subnet-pub-a', state: 'available', connectivityType: 'public', tags: { Name: 'main' } }],
    internetGateways: [{ id: 'igw-main', tags: {} }],
    prefixLists: [{ id: 'pl-s3', name: `com.amazonaws.${REGION}.s3` }],
    endpointServices: [],
    gaps: [],
  };
}

function subnet(id: string, cidrBlock: string, availabilityZone: string, name: string): Subnet {
  return { id, cidrBlock, ipv6CidrBlocks: [], availabilityZone, mapPublicIpOnLaunch: false, tags: { Name: name } };
}

function local() {
  return { destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local', state: 'active' };
}

function allOut() {
  return { protocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], groupIds: [] };
}

function interfaceEndpoint(id: string, short: string): VpcEndpoint {
  return {
    id,
    type: 'Interface',
    serviceName: `com.amazonaws.${REGION}.${short}`,
    state: 'available',
    privateDnsEnabled: true,
    subnetIds: ['subnet-app-a', 'subnet-app-b'],
    securityGroupIds: ['sg-endpoints'],
    routeTableIds: [],
    tags: { Name: short },
  };
}

/** Chainable edits over a fresh healthy inventory; `build()` returns it. */
export class InventoryBuilder {
  private readonly inv: Inventory = healthy();

  /** Any edit that has no named method: the draft is a plain object. */
  edit(fn: (inv: Inventory) => void): this {
    fn(this.inv);
    return this;
  }

  endpoint(id: string, fn: (e: VpcEndpoint) => void): this {
    const e = this.inv.vpcEndpoints?.find((x) => x.id === id);
    if (!e) throw new Error(`builder: no endpoint ${id}`);
    fn(e);
    return this;
  }

  withoutEndpoint(id: string): this {
    this.inv.vpcEndpoints = this.inv.vpcEndpoints?.filter((e) => e.id !== id);
    return this;
  }

  withEndpoint(e: VpcEndpoint): this {
    this.inv.vpcEndpoints?.push(e);
    return this;
  }

  routeTable(id: string, fn: (rt: RouteTable) => void): this {
    const rt = this.inv.routeTables?.find((x) => x.id === id);
    if (!rt) throw new Error(`builder: no route table ${id}`);
    fn(rt);
    return this;
  }

  securityGroup(id: string, fn: (g: SecurityGroup) => void): this {
    const g = this.inv.securityGroups?.find((x) => x.id === id);
    if (!g) throw new Error(`builder: no security group ${id}`);
    fn(g);
    return this;
  }

  networkAcl(id: string, fn: (acl: NetworkAcl) => void): this {
    const acl = this.inv.networkAcls?.find((x) => x.id === id);
    if (!acl) throw new Error(`builder: no network ACL ${id}`);
    fn(acl);
    return this;
  }

  /** Adds an ACL and moves its subnets off whatever ACL they were on (a subnet has exactly one). */
  withNetworkAcl(acl: NetworkAcl): this {
    for (const other of this.inv.networkAcls ?? []) other.subnetIds = other.subnetIds.filter((id) => !acl.subnetIds.includes(id));
    this.inv.networkAcls?.push(acl);
    return this;
  }

  /** The caller is a shared-VPC participant: the VPC belongs to another account. */
  sharedFrom(ownerId = '999988887777'): this {
    this.inv.vpc!.ownerId = ownerId;
    return this;
  }

  withSubnet(s: Subnet): this {
    this.inv.subnets?.push(s);
    return this;
  }

  /** Simulates a denied call: the part's data is absent and a gap names the call. */
  withGap(part: InventoryPart, call: string, code = 'UnauthorizedOperation'): this {
    (this.inv as unknown as Record<string, unknown>)[part] = undefined;
    this.inv.gaps.push({ part, call, code, message: 'You are not authorized to perform this operation.', iamAction: call });
    return this;
  }

  /** The classic leak: S3 gateway endpoint exists but is not on the app route table. */
  classicS3Leak(): this {
    return this.endpoint('vpce-s3', (e) => (e.routeTableIds = [])).routeTable('rtb-app', (rt) => {
      rt.routes = rt.routes.filter((r) => r.gatewayId !== 'vpce-s3');
    });
  }

  build(): Inventory {
    return structuredClone(this.inv);
  }
}

/** A TCP 443 security group rule with no sources; override what the test is about. */
export function anSgRule(r: Partial<SecurityGroupRule> = {}): SecurityGroupRule {
  return { protocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], groupIds: [], ...r };
}

export function anInventory(): InventoryBuilder {
  return new InventoryBuilder();
}

export { subnet as aSubnet, interfaceEndpoint as anInterfaceEndpoint };
