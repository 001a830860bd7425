/**
 * Builds accounts in the emulator through the real EC2 API (the same calls a person or Terraform
 * would make), so the CLI under test reads answers shaped exactly like AWS's.
 *
 * The realistic shape (`anAccount()` with no changes is the healthy one):
 *
 *   VPC 10.0.0.0/16, DNS support + hostnames on, Name=<name>
 *   public-a 10.0.0.0/24 (us-east-1a), public-b 10.0.1.0/24 (us-east-1b) → rtb "public": 0.0.0.0/0 → igw
 *   NAT gateway (public, EIP) in public-a
 *   app-a 10.0.10.0/24 → rtb "app-a", app-b 10.0.11.0/24 → rtb "app-b": 0.0.0.0/0 → nat
 *   (optional) data-a 10.0.20.0/24, data-b 10.0.21.0/24 → rtb "data": local only
 *   main route table: local only (no subnet uses it, unless a scenario says so)
 *   SG "ecr-endpoints": TCP 443 from 10.0.0.0/16 · SG "workload": the tasks' group
 *   interface endpoints ecr.api + ecr.dkr in app-a and app-b, private DNS on, SG ecr-endpoints
 *   S3 gateway endpoint associated with the app route tables
 *
 * Moto quirks the builders work around (moto 5.2):
 * - A gateway endpoint created without VpcEndpointType comes back with no type: always pass it.
 * - moto writes the `pl-… → vpce-…` route only when the gateway endpoint is CREATED with route
 *   tables; ModifyVpcEndpoint(AddRouteTableIds) updates RouteTableIds but writes no route. The
 *   builders therefore associate route tables at creation time only.
 * - Everything is `available` at once (NAT gateways, endpoints): no waiters needed.
 * - moto keeps a default VPC (172.31.0.0/16) in every region, also after a reset.
 */
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeRouteTablesCommand,
  EC2Client,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
  type IpPermission,
  type ResourceType,
  type Tag,
} from '@aws-sdk/client-ec2';

export const REGION = 'us-east-1';
export const VPC_CIDR = '10.0.0.0/16';
export const ECR_API_SERVICE = `com.amazonaws.${REGION}.ecr.api`;
export const ECR_DKR_SERVICE = `com.amazonaws.${REGION}.ecr.dkr`;
export const S3_SERVICE = `com.amazonaws.${REGION}.s3`;

/** An EC2 client for the emulator: us-east-1 unless told, dummy static credentials, no retries to hide bugs. */
export function emulatorEc2(endpoint: string, region = REGION): EC2Client {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return new EC2Client({
    endpoint,
    region,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });
}

export type Az = 'a' | 'b';
export const AZS: readonly Az[] = ['a', 'b'];

export type InterfaceService = 'ecr.api' | 'ecr.dkr';

/** Who the endpoint security group admits on TCP 443. */
export type IngressSource = { cidr: string } | { workloadSg: true };

/** Which route tables the S3 gateway endpoint is associated with (at creation). */
export type S3Association = 'app' | 'data' | 'none';

export interface AccountSpec {
  name: string;
  dnsSupport: boolean;
  dnsHostnames: boolean;
  /** Interface endpoints to create, with their private DNS setting; absent = not created. */
  interfaceEndpoints: Partial<Record<InterfaceService, { privateDns: boolean }>>;
  endpointIngress: IngressSource[];
  /** false = no S3 gateway endpoint at all. */
  s3Gateway: S3Association | false;
  /** app-b without an explicit route table association: it uses the main table (0.0.0.0/0 → nat). */
  appBOnMainTable: boolean;
  /** Adds data-a/data-b on a "data" route table with only the local route. */
  dataTier: boolean;
}

export interface Account {
  vpcId: string;
  vpcCidr: string;
  igwId: string;
  natId: string;
  eipAllocationId: string;
  mainRouteTableId: string;
  publicRouteTableId: string;
  /** The explicit app route tables (app-b's is absent when it uses the main table). */
  appRouteTableIds: Partial<Record<Az, string>>;
  dataRouteTableId?: string;
  subnets: {
    public: Record<Az, string>;
    app: Record<Az, string>;
    data?: Record<Az, string>;
  };
  /** The app ("workload") subnets, a then b. */
  appSubnetIds: string[];
  /** subnet id → the route table it actually uses (explicit association, else the main table). */
  effectiveRouteTable: Record<string, string>;
  sg: { endpoint: string; workload: string };
  endpoints: { ecrApi?: string; ecrDkr?: string; s3?: string };
  spec: Readonly<AccountSpec>;
}

const CIDRS = {
  public: { a: '10.0.0.0/24', b: '10.0.1.0/24' },
  app: { a: '10.0.10.0/24', b: '10.0.11.0/24' },
  data: { a: '10.0.20.0/24', b: '10.0.21.0/24' },
} as const;

/** A fluent, immutable builder: every `with…` returns a new builder. */
export class AccountBuilder {
  constructor(readonly spec: Readonly<AccountSpec> = defaultSpec()) {}

  private with(patch: Partial<AccountSpec>): AccountBuilder {
    return new AccountBuilder({ ...this.spec, ...patch });
  }

  named(name: string): AccountBuilder {
    return this.with({ name });
  }

  withVpcAttribute(attribute: 'enableDnsSupport' | 'enableDnsHostnames', value: boolean): AccountBuilder {
    return this.with(attribute === 'enableDnsSupport' ? { dnsSupport: value } : { dnsHostnames: value });
  }

  withPrivateDns(service: InterfaceService, privateDns: boolean): AccountBuilder {
    return this.with({ interfaceEndpoints: { ...this.spec.interfaceEndpoints, [service]: { privateDns } } });
  }

  withoutEndpoint(service: InterfaceService | 's3'): AccountBuilder {
    if (service === 's3') return this.with({ s3Gateway: false });
    const interfaceEndpoints = { ...this.spec.interfaceEndpoints };
    delete interfaceEndpoints[service];
    return this.with({ interfaceEndpoints });
  }

  /** Replaces the endpoint SG's 443 ingress sources. */
  withEndpointIngress(...sources: IngressSource[]): AccountBuilder {
    return this.with({ endpointIngress: sources });
  }

  withS3GatewayOn(association: S3Association): AccountBuilder {
    return this.with({ s3Gateway: association, dataTier: this.spec.dataTier || association === 'data' });
  }

  withDataTier(): AccountBuilder {
    return this.with({ dataTier: true });
  }

  withAppBOnMainTable(): AccountBuilder {
    return this.with({ appBOnMainTable: true });
  }

  build(ec2: EC2Client): Promise<Account> {
    return buildAccount(ec2, this.spec);
  }
}

export function anAccount(): AccountBuilder {
  return new AccountBuilder();
}

function defaultSpec(): AccountSpec {
  return {
    name: 'prod',
    dnsSupport: true,
    dnsHostnames: true,
    interfaceEndpoints: { 'ecr.api': { privateDns: true }, 'ecr.dkr': { privateDns: true } },
    endpointIngress: [{ cidr: VPC_CIDR }],
    s3Gateway: 'app',
    appBOnMainTable: false,
    dataTier: false,
  };
}

const nameTag = (type: ResourceType, name: string) => [{ ResourceType: type, Tags: [{ Key: 'Name', Value: name }] as Tag[] }];

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`emulator answer lacks ${what}`);
  return value;
}

export async function buildAccount(ec2: EC2Client, spec: Readonly<AccountSpec>): Promise<Account> {
  const vpc = await ec2.send(
    new CreateVpcCommand({ CidrBlock: VPC_CIDR, TagSpecifications: nameTag('vpc', spec.name) }),
  );
  const vpcId = must(vpc.Vpc?.VpcId, 'Vpc.VpcId');

  // One attribute per ModifyVpcAttribute call (the API refuses both at once).
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsSupport: { Value: spec.dnsSupport } }));
  await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: spec.dnsHostnames } }));

  const mainTables = await ec2.send(
    new DescribeRouteTablesCommand({
      Filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'association.main', Values: ['true'] },
      ],
    }),
  );
  const mainRouteTableId = must(mainTables.RouteTables?.[0]?.RouteTableId, 'the main route table');

  const subnet = async (tier: keyof typeof CIDRS, az: Az): Promise<string> => {
    const res = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: CIDRS[tier][az],
        AvailabilityZone: `${REGION}${az}`,
        TagSpecifications: nameTag('subnet', `${tier}-${az}`),
      }),
    );
    return must(res.Subnet?.SubnetId, 'Subnet.SubnetId');
  };
  const routeTable = async (name: string): Promise<string> => {
    const res = await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: nameTag('route-table', name) }));
    return must(res.RouteTable?.RouteTableId, 'RouteTable.RouteTableId');
  };
  const associate = (RouteTableId: string, SubnetId: string) =>
    ec2.send(new AssociateRouteTableCommand({ RouteTableId, SubnetId }));

  const [igw, publicA, publicB, appA, appB, publicRouteTableId, eip] = await Promise.all([
    ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: nameTag('internet-gateway', `${spec.name}-igw`) })),
    subnet('public', 'a'),
    subnet('public', 'b'),
    subnet('app', 'a'),
    subnet('app', 'b'),
    routeTable('public'),
    ec2.send(new AllocateAddressCommand({ Domain: 'vpc' })),
    ec2.send(new CreateTagsCommand({ Resources: [mainRouteTableId], Tags: [{ Key: 'Name', Value: 'main' }] })),
  ]);
  const igwId = must(igw.InternetGateway?.InternetGatewayId, 'InternetGateway.InternetGatewayId');
  const eipAllocationId = must(eip.AllocationId, 'AllocationId');
  const subnets: Account['subnets'] = { public: { a: publicA, b: publicB }, app: { a: appA, b: appB } };

  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  await Promise.all([
    ec2.send(new CreateRouteCommand({ RouteTableId: publicRouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId })),
    associate(publicRouteTableId, publicA),
    associate(publicRouteTableId, publicB),
    ec2.send(new ModifySubnetAttributeCommand({ SubnetId: publicA, MapPublicIpOnLaunch: { Value: true } })),
    ec2.send(new ModifySubnetAttributeCommand({ SubnetId: publicB, MapPublicIpOnLaunch: { Value: true } })),
  ]);

  const nat = await ec2.send(
    new CreateNatGatewayCommand({
      SubnetId: publicA,
      AllocationId: eipAllocationId,
      ConnectivityType: 'public',
      TagSpecifications: nameTag('natgateway', `${spec.name}-nat-a`),
    }),
  );
  const natId = must(nat.NatGateway?.NatGatewayId, 'NatGateway.NatGatewayId');
  const toNat = (RouteTableId: string) =>
    ec2.send(new CreateRouteCommand({ RouteTableId, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: natId }));

  // App tier: one route table per AZ, default route to the NAT gateway.
  const appRouteTableIds: Partial<Record<Az, string>> = {};
  const effectiveRouteTable: Record<string, string> = { [publicA]: publicRouteTableId, [publicB]: publicRouteTableId };
  for (const az of AZS) {
    if (az === 'b' && spec.appBOnMainTable) {
      await toNat(mainRouteTableId);
      effectiveRouteTable[subnets.app[az]] = mainRouteTableId;
      continue;
    }
    const rt = await routeTable(`app-${az}`);
    await toNat(rt);
    await associate(rt, subnets.app[az]);
    appRouteTableIds[az] = rt;
    effectiveRouteTable[subnets.app[az]] = rt;
  }

  let dataRouteTableId: string | undefined;
  if (spec.dataTier) {
    const [dataA, dataB, rt] = await Promise.all([subnet('data', 'a'), subnet('data', 'b'), routeTable('data')]);
    await Promise.all([associate(rt, dataA), associate(rt, dataB)]);
    subnets.data = { a: dataA, b: dataB };
    dataRouteTableId = rt;
    effectiveRouteTable[dataA] = rt;
    effectiveRouteTable[dataB] = rt;
  }

  const securityGroup = async (name: string, description: string): Promise<string> => {
    const res = await ec2.send(
      new CreateSecurityGroupCommand({
        VpcId: vpcId,
        GroupName: name,
        Description: description,
        TagSpecifications: nameTag('security-group', name),
      }),
    );
    return must(res.GroupId, 'GroupId');
  };
  const [endpointSg, workloadSg] = await Promise.all([
    securityGroup('ecr-endpoints', 'ECR interface endpoints'),
    securityGroup('workload', 'ECS tasks'),
  ]);
  const ingress: IpPermission[] = spec.endpointIngress.map((src) => ({
    IpProtocol: 'tcp',
    FromPort: 443,
    ToPort: 443,
    ...('cidr' in src ? { IpRanges: [{ CidrIp: src.cidr }] } : { UserIdGroupPairs: [{ GroupId: workloadSg }] }),
  }));
  if (ingress.length > 0) {
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: endpointSg, IpPermissions: ingress }));
  }

  const endpoints: Account['endpoints'] = {};
  const endpointSubnets = [subnets.app.a, subnets.app.b];
  for (const service of ['ecr.api', 'ecr.dkr'] as const) {
    const want = spec.interfaceEndpoints[service];
    if (!want) continue;
    const res = await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpcId,
        VpcEndpointType: 'Interface',
        ServiceName: `com.amazonaws.${REGION}.${service}`,
        SubnetIds: endpointSubnets,
        SecurityGroupIds: [endpointSg],
        PrivateDnsEnabled: want.privateDns,
        TagSpecifications: nameTag('vpc-endpoint', service),
      }),
    );
    const id = must(res.VpcEndpoint?.VpcEndpointId, 'VpcEndpoint.VpcEndpointId');
    if (service === 'ecr.api') endpoints.ecrApi = id;
    else endpoints.ecrDkr = id;
  }

  if (spec.s3Gateway !== false) {
    const routeTableIds =
      spec.s3Gateway === 'app'
        ? AZS.flatMap((az) => appRouteTableIds[az] ?? [])
        : spec.s3Gateway === 'data'
          ? [must(dataRouteTableId, 'the data route table')]
          : [];
    const res = await ec2.send(
      new CreateVpcEndpointCommand({
        VpcId: vpcId,
        VpcEndpointType: 'Gateway',
        ServiceName: S3_SERVICE,
        ...(routeTableIds.length > 0 ? { RouteTableIds: routeTableIds } : {}),
        TagSpecifications: nameTag('vpc-endpoint', 's3'),
      }),
    );
    endpoints.s3 = must(res.VpcEndpoint?.VpcEndpointId, 'VpcEndpoint.VpcEndpointId');
  }

  return {
    vpcId,
    vpcCidr: VPC_CIDR,
    igwId,
    natId,
    eipAllocationId,
    mainRouteTableId,
    publicRouteTableId,
    appRouteTableIds,
    dataRouteTableId,
    subnets,
    appSubnetIds: [subnets.app.a, subnets.app.b],
    effectiveRouteTable,
    sg: { endpoint: endpointSg, workload: workloadSg },
    endpoints,
    spec,
  };
}

/**
 * The scenarios of the end-to-end tier, each a change from the healthy shape. The comment says
 * what the doctor must find.
 */
export const SCENARIOS = {
  /** Everything right: exit 0, every check pass or skip, all three flows through endpoints. */
  healthy: () => anAccount(),
  /** The classic NAT leak: S3 gateway on a "data" table, not the app tables → layers via NAT. */
  classic: () => anAccount().withS3GatewayOn('data'),
  /** Same leak, the S3 gateway associated with no route table at all. */
  classicUnassociated: () => anAccount().withS3GatewayOn('none'),
  /** app-b has no explicit association: the main table (→ NAT) applies and lacks the S3 route. */
  implicitMain: () => anAccount().withAppBOnMainTable(),
  /** ecr.dkr endpoint without private DNS. */
  privateDnsOff: () => anAccount().withPrivateDns('ecr.dkr', false),
  /** enableDnsHostnames false. */
  dnsHostnamesOff: () => anAccount().withVpcAttribute('enableDnsHostnames', false),
  /** No ecr.api endpoint (needed from Fargate PV 1.4.0, not for PV 1.3.0). */
  missingEcrApi: () => anAccount().withoutEndpoint('ecr.api'),
  /** Endpoint SG admits 443 only from a CIDR outside the VPC. */
  wrongCidr: () => anAccount().withEndpointIngress({ cidr: '192.168.0.0/16' }),
  /** Endpoint SG admits 443 from a supernet of the VPC (containment counts). */
  supernetCidr: () => anAccount().withEndpointIngress({ cidr: '10.0.0.0/8' }),
  /** Endpoint SG admits 443 only from the workload SG. */
  workloadSgOnly: () => anAccount().withEndpointIngress({ workloadSg: true }),
} satisfies Record<string, () => AccountBuilder>;

export type ScenarioName = keyof typeof SCENARIOS;
