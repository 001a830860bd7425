// Builds benchmark VPCs in the emulator through the EC2 API: a small one (the healthy shape) and
// a large one (≥200 subnets, ≥100 route tables, ≥300 security groups with rules).
import {
  AssociateRouteTableCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';

export function client(url, region = 'us-east-1') {
  return new EC2Client({ region, endpoint: url, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
}

/** Runs `fn` over `items` with at most `n` in flight. */
async function pool(items, n, fn) {
  const out = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) {
        const k = i++;
        out[k] = await fn(items[k], k);
      }
    }),
  );
  return out;
}

export async function buildVpc(ec2, { subnets, routeTables, securityGroups, rulesPerGroup }) {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc.VpcId;
  for (const attr of ['EnableDnsSupport', 'EnableDnsHostnames']) {
    await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, [attr]: { Value: true } }));
  }
  const subnetIds = await pool([...Array(subnets).keys()], 8, async (k) =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.0.${k}.0/24`, AvailabilityZone: `us-east-1${'abc'[k % 3]}` }))).Subnet.SubnetId,
  );
  const rtIds = await pool([...Array(routeTables).keys()], 8, async () => (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable.RouteTableId);
  await pool(subnetIds, 8, async (s, k) => ec2.send(new AssociateRouteTableCommand({ RouteTableId: rtIds[k % rtIds.length], SubnetId: s })));
  const sgIds = await pool([...Array(securityGroups).keys()], 8, async (k) => {
    const id = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: `sg-${k}`, Description: 'bench' }))).GroupId;
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: id,
        IpPermissions: [...Array(rulesPerGroup).keys()].map((r) => ({ IpProtocol: 'tcp', FromPort: 1000 + r, ToPort: 1000 + r, IpRanges: [{ CidrIp: `10.${r}.0.0/16` }] })),
      }),
    );
    return id;
  });
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sgIds[0], IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] }));
  for (const svc of ['ecr.api', 'ecr.dkr']) {
    await ec2.send(
      new CreateVpcEndpointCommand({ VpcId: vpcId, VpcEndpointType: 'Interface', ServiceName: `com.amazonaws.us-east-1.${svc}`, SubnetIds: subnetIds.slice(0, 3), SecurityGroupIds: [sgIds[0]], PrivateDnsEnabled: true }),
    );
  }
  await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: rtIds }));
  return vpcId;
}
