// The builders of the end-to-end tier, checked against the emulator with Describe calls: each
// scenario must leave exactly the account state its doctor test relies on.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcEndpointsCommand,
  type RouteTable,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { ECR_API_SERVICE, ECR_DKR_SERVICE, S3_SERVICE, SCENARIOS, VPC_CIDR, type Account } from './accounts';
import { useEmulator } from './emulator';

// Only the builders and the emulator are under test here: no CLI run, so no build needed.
const emu = useEmulator({ cli: false });

async function routeTables(acct: Account): Promise<Map<string, RouteTable>> {
  const res = await emu.ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [acct.vpcId] }] }));
  return new Map((res.RouteTables ?? []).map((rt) => [rt.RouteTableId!, rt]));
}

async function endpoints(acct: Account): Promise<VpcEndpoint[]> {
  const res = await emu.ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [acct.vpcId] }] }));
  return res.VpcEndpoints ?? [];
}

async function dnsAttributes(vpcId: string): Promise<{ support?: boolean; hostnames?: boolean }> {
  const [s, h] = await Promise.all([
    emu.ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' })),
    emu.ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsHostnames' })),
  ]);
  return { support: s.EnableDnsSupport?.Value, hostnames: h.EnableDnsHostnames?.Value };
}

const defaultRoute = (rt: RouteTable | undefined) => rt?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
const s3Routes = (rt: RouteTable | undefined) => (rt?.Routes ?? []).filter((r) => r.DestinationPrefixListId?.startsWith('pl-'));
const explicitSubnets = (rt: RouteTable | undefined) =>
  (rt?.Associations ?? []).filter((a) => !a.Main && a.SubnetId).map((a) => a.SubnetId!).sort();

async function endpoint443Sources(acct: Account): Promise<{ cidrs: string[]; groups: string[] }> {
  const res = await emu.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [acct.sg.endpoint] }));
  const perms = (res.SecurityGroups?.[0]?.IpPermissions ?? []).filter(
    (p) => p.IpProtocol === 'tcp' && p.FromPort === 443 && p.ToPort === 443,
  );
  return {
    cidrs: perms.flatMap((p) => (p.IpRanges ?? []).map((r) => r.CidrIp!)),
    groups: perms.flatMap((p) => (p.UserIdGroupPairs ?? []).map((g) => g.GroupId!)),
  };
}

describe('the healthy account', () => {
  it('has the realistic shape: DNS on, tiers, IGW/NAT routes, endpoints, S3 on the app tables', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);

    assert.deepEqual(await dnsAttributes(acct.vpcId), { support: true, hostnames: true });

    const subnets = await emu.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [acct.vpcId] }] }));
    const byName = new Map(
      (subnets.Subnets ?? []).map((s) => [s.Tags?.find((t) => t.Key === 'Name')?.Value, s] as const),
    );
    assert.deepEqual([...byName.keys()].sort(), ['app-a', 'app-b', 'public-a', 'public-b']);
    assert.equal(byName.get('app-a')?.SubnetId, acct.subnets.app.a);
    assert.equal(byName.get('app-a')?.AvailabilityZone, 'us-east-1a');
    assert.equal(byName.get('app-b')?.AvailabilityZone, 'us-east-1b');
    assert.equal(byName.get('public-a')?.MapPublicIpOnLaunch, true);

    const nats = await emu.ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [acct.natId] }));
    assert.equal(nats.NatGateways?.[0]?.State, 'available');
    assert.equal(nats.NatGateways?.[0]?.SubnetId, acct.subnets.public.a);

    const rts = await routeTables(acct);
    const pub = rts.get(acct.publicRouteTableId);
    assert.equal(defaultRoute(pub)?.GatewayId, acct.igwId);
    assert.deepEqual(explicitSubnets(pub), [acct.subnets.public.a, acct.subnets.public.b].sort());
    for (const az of ['a', 'b'] as const) {
      const rt = rts.get(acct.appRouteTableIds[az]!);
      assert.equal(defaultRoute(rt)?.NatGatewayId, acct.natId, `app-${az} default route`);
      assert.deepEqual(explicitSubnets(rt), [acct.subnets.app[az]]);
      assert.deepEqual(
        s3Routes(rt).map((r) => r.GatewayId),
        [acct.endpoints.s3],
        `app-${az} has the pl-… → vpce-… route`,
      );
    }
    const main = rts.get(acct.mainRouteTableId);
    assert.equal(main?.Associations?.some((a) => a.Main), true);
    assert.equal(defaultRoute(main), undefined, 'main table: local route only');
    assert.deepEqual(explicitSubnets(main), []);

    const eps = await endpoints(acct);
    const byService = new Map(eps.map((e) => [e.ServiceName, e] as const));
    for (const [service, id] of [
      [ECR_API_SERVICE, acct.endpoints.ecrApi],
      [ECR_DKR_SERVICE, acct.endpoints.ecrDkr],
    ] as const) {
      const ep = byService.get(service);
      assert.equal(ep?.VpcEndpointId, id);
      assert.equal(ep?.VpcEndpointType, 'Interface');
      assert.equal(ep?.State, 'available');
      assert.equal(ep?.PrivateDnsEnabled, true);
      assert.deepEqual([...(ep?.SubnetIds ?? [])].sort(), [...acct.appSubnetIds].sort());
      assert.deepEqual(ep?.Groups?.map((g) => g.GroupId), [acct.sg.endpoint]);
    }
    const s3 = byService.get(S3_SERVICE);
    assert.equal(s3?.VpcEndpointId, acct.endpoints.s3);
    assert.equal(s3?.VpcEndpointType, 'Gateway');
    assert.deepEqual([...(s3?.RouteTableIds ?? [])].sort(), [acct.appRouteTableIds.a, acct.appRouteTableIds.b].sort());

    assert.deepEqual(await endpoint443Sources(acct), { cidrs: [VPC_CIDR], groups: [] });
  });
});

describe('the failure scenarios', () => {
  it('classic: the S3 gateway is on the data table only; the app tables route to the NAT', async () => {
    const acct = await SCENARIOS.classic().build(emu.ec2);
    const rts = await routeTables(acct);
    assert.ok(acct.dataRouteTableId && acct.subnets.data);
    const s3 = (await endpoints(acct)).find((e) => e.ServiceName === S3_SERVICE);
    assert.deepEqual(s3?.RouteTableIds, [acct.dataRouteTableId]);
    assert.equal(s3Routes(rts.get(acct.dataRouteTableId)).length, 1);
    assert.equal(defaultRoute(rts.get(acct.dataRouteTableId)), undefined, 'data tier: no default route');
    assert.deepEqual(explicitSubnets(rts.get(acct.dataRouteTableId)), [acct.subnets.data.a, acct.subnets.data.b].sort());
    for (const az of ['a', 'b'] as const) {
      const rt = rts.get(acct.appRouteTableIds[az]!);
      assert.deepEqual(s3Routes(rt), [], `app-${az}: no S3 route`);
      assert.equal(defaultRoute(rt)?.NatGatewayId, acct.natId);
    }
  });

  it('classic (unassociated): the S3 gateway exists on no route table', async () => {
    const acct = await SCENARIOS.classicUnassociated().build(emu.ec2);
    const s3 = (await endpoints(acct)).find((e) => e.ServiceName === S3_SERVICE);
    assert.equal(s3?.VpcEndpointType, 'Gateway');
    assert.deepEqual(s3?.RouteTableIds ?? [], []);
    for (const rt of (await routeTables(acct)).values()) assert.deepEqual(s3Routes(rt), [], rt.RouteTableId);
  });

  it('implicit-main: app-b has no explicit association, the main table routes to the NAT, no S3 route', async () => {
    const acct = await SCENARIOS.implicitMain().build(emu.ec2);
    assert.equal(acct.appRouteTableIds.b, undefined);
    assert.equal(acct.effectiveRouteTable[acct.subnets.app.b], acct.mainRouteTableId);

    // What the doctor must NOT rely on: the association.subnet-id filter skips implicit associations.
    const bySubnet = await emu.ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [acct.subnets.app.b] }] }),
    );
    assert.deepEqual(bySubnet.RouteTables, []);

    const rts = await routeTables(acct);
    const main = rts.get(acct.mainRouteTableId);
    assert.equal(defaultRoute(main)?.NatGatewayId, acct.natId);
    assert.deepEqual(s3Routes(main), []);
    assert.equal(s3Routes(rts.get(acct.appRouteTableIds.a!)).length, 1);
    const s3 = (await endpoints(acct)).find((e) => e.ServiceName === S3_SERVICE);
    assert.deepEqual(s3?.RouteTableIds, [acct.appRouteTableIds.a]);
  });

  it('private-dns-off: the ecr.dkr endpoint has private DNS off, ecr.api keeps it on', async () => {
    const acct = await SCENARIOS.privateDnsOff().build(emu.ec2);
    const eps = await endpoints(acct);
    assert.equal(eps.find((e) => e.VpcEndpointId === acct.endpoints.ecrDkr)?.PrivateDnsEnabled, false);
    assert.equal(eps.find((e) => e.VpcEndpointId === acct.endpoints.ecrApi)?.PrivateDnsEnabled, true);
  });

  it('dns-hostnames-off: enableDnsHostnames is false, enableDnsSupport true', async () => {
    const acct = await SCENARIOS.dnsHostnamesOff().build(emu.ec2);
    assert.deepEqual(await dnsAttributes(acct.vpcId), { support: true, hostnames: false });
  });

  it('missing-ecr-api: only ecr.dkr and the S3 gateway exist', async () => {
    const acct = await SCENARIOS.missingEcrApi().build(emu.ec2);
    assert.equal(acct.endpoints.ecrApi, undefined);
    assert.deepEqual((await endpoints(acct)).map((e) => e.ServiceName).sort(), [ECR_DKR_SERVICE, S3_SERVICE]);
  });

  it('wrong-cidr: the endpoint SG admits 443 only from 192.168.0.0/16', async () => {
    const acct = await SCENARIOS.wrongCidr().build(emu.ec2);
    assert.deepEqual(await endpoint443Sources(acct), { cidrs: ['192.168.0.0/16'], groups: [] });
  });

  it('supernet-cidr: the endpoint SG admits 443 from 10.0.0.0/8', async () => {
    const acct = await SCENARIOS.supernetCidr().build(emu.ec2);
    assert.deepEqual(await endpoint443Sources(acct), { cidrs: ['10.0.0.0/8'], groups: [] });
  });

  it('workload-sg-only: the endpoint SG admits 443 only from the workload SG', async () => {
    const acct = await SCENARIOS.workloadSgOnly().build(emu.ec2);
    assert.notEqual(acct.sg.workload, acct.sg.endpoint);
    assert.deepEqual(await endpoint443Sources(acct), { cidrs: [], groups: [acct.sg.workload] });
  });
});

describe('the emulator', () => {
  it('starts from an empty account after reset (only its default VPC)', async () => {
    const acct = await SCENARIOS.healthy().build(emu.ec2);
    await emu.moto.reset();
    await assert.rejects(
      emu.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [acct.endpoints.s3!] })),
      /does not exist|NotFound/i,
    );
  });
});
