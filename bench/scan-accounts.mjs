// Builds the scan benchmark's estate in the emulator: small healthy-shaped VPCs spread over
// several regions (moto keeps per-region state and one default VPC in each region).
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeVpcsCommand,
  ModifyVpcAttributeCommand,
  AssociateRouteTableCommand,
} from '@aws-sdk/client-ec2';
import { client } from './accounts.mjs';

/** One small VPC: 2 private subnets on one route table, ECR interface endpoints, S3 gateway. */
async function smallVpc(ec2, region, k) {
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${k}.0.0/16`, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: `bench-${k}` }] }] }))).Vpc.VpcId;
  for (const attr of ['EnableDnsSupport', 'EnableDnsHostnames']) await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, [attr]: { Value: true } }));
  const subnets = [];
  for (const [i, az] of ['a', 'b'].entries()) {
    subnets.push((await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.${k}.${i}.0/24`, AvailabilityZone: `${region}${az}` }))).Subnet.SubnetId);
  }
  const rt = (await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable.RouteTableId;
  for (const s of subnets) await ec2.send(new AssociateRouteTableCommand({ RouteTableId: rt, SubnetId: s }));
  const sg = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpcId, GroupName: `ep-${k}`, Description: 'bench' }))).GroupId;
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: `10.${k}.0.0/16` }] }] }));
  for (const svc of ['ecr.api', 'ecr.dkr']) {
    await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, VpcEndpointType: 'Interface', ServiceName: `com.amazonaws.${region}.${svc}`, SubnetIds: subnets, SecurityGroupIds: [sg], PrivateDnsEnabled: true }));
  }
  await ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, VpcEndpointType: 'Gateway', ServiceName: `com.amazonaws.${region}.s3`, RouteTableIds: [rt] }));
  return vpcId;
}

/** Fills `regions` up to `total` VPCs in all (defaults included), as evenly as possible. */
export async function buildEstate(url, regions, total) {
  let k = 1;
  const counts = {};
  for (const [i, region] of regions.entries()) {
    const ec2 = client(url, region);
    const existing = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs.length;
    const want = Math.floor(total / regions.length) + (i < total % regions.length ? 1 : 0);
    // A few at a time: moto is single-process; building is not what is measured.
    const todo = Array.from({ length: Math.max(0, want - existing) }, () => k++);
    for (let j = 0; j < todo.length; j += 4) await Promise.all(todo.slice(j, j + 4).map((n) => smallVpc(ec2, region, n)));
    counts[region] = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs.length;
    ec2.destroy();
  }
  return counts;
}
