/** Pure mappings from SDK shapes: the defaults and inferences the wire tests do not reach. */
import assert from 'node:assert/strict';
import type { State } from '@aws-sdk/client-ec2';
import { describe, it } from 'node:test';
import {
  endpointType,
  mergeEndpointServices,
  toNatGateway,
  toNetworkAclEntry,
  toPrefixList,
  toRouteTable,
  toSecurityGroupRule,
  toTags,
  toVpcEndpoint,
} from '../../src/aws/normalize';

describe('endpointType', () => {
  it('keeps the type the API gives', () => {
    assert.equal(endpointType({ VpcEndpointType: 'GatewayLoadBalancer', SubnetIds: ['subnet-1'] }), 'GatewayLoadBalancer');
  });

  it('infers Gateway when the type is missing (moto) for S3/DynamoDB without subnets', () => {
    assert.equal(endpointType({ ServiceName: 'com.amazonaws.us-east-1.s3' }), 'Gateway');
    assert.equal(endpointType({ ServiceName: 'com.amazonaws.us-east-1.dynamodb', SubnetIds: [] }), 'Gateway');
  });

  it('infers Gateway when the type is missing for an endpoint sitting in route tables', () => {
    assert.equal(endpointType({ ServiceName: 'com.example.svc', RouteTableIds: ['rtb-1'] }), 'Gateway');
  });

  it('infers Interface when the type is missing and the endpoint has subnets', () => {
    assert.equal(endpointType({ ServiceName: 'com.amazonaws.us-east-1.s3', SubnetIds: ['subnet-1'] }), 'Interface');
    assert.equal(endpointType({ ServiceName: 'com.amazonaws.us-east-1.ecr.dkr' }), 'Interface');
  });
});

describe('toVpcEndpoint', () => {
  it('lower-cases the first letter of the state (SDK enum spelling → wire spelling)', () => {
    assert.equal(toVpcEndpoint({ VpcEndpointId: 'vpce-1', State: 'PendingAcceptance' }).state, 'pendingAcceptance');
    const wireState = 'available' as string as State; // what EC2 really sends, unlike the SDK enum
    assert.equal(toVpcEndpoint({ VpcEndpointId: 'vpce-1', State: wireState }).state, 'available');
  });

  it('fills empty lists and false rather than leaving holes', () => {
    const e = toVpcEndpoint({ VpcEndpointId: 'vpce-1', ServiceName: 'com.amazonaws.us-east-1.ecr.api' });
    assert.deepEqual(e, {
      id: 'vpce-1',
      type: 'Interface',
      serviceName: 'com.amazonaws.us-east-1.ecr.api',
      state: 'unknown',
      privateDnsEnabled: false,
      subnetIds: [],
      securityGroupIds: [],
      routeTableIds: [],
      tags: {},
    });
  });
});

describe('small mappings', () => {
  it('toTags: array to record, a missing value becomes ""', () => {
    assert.deepEqual(toTags([{ Key: 'Name', Value: 'a' }, { Key: 'empty' }, { Value: 'no key' }]), { Name: 'a', empty: '' });
    assert.deepEqual(toTags(undefined), {});
  });

  it('toRouteTable: main comes from the Main association', () => {
    assert.equal(toRouteTable({ RouteTableId: 'rtb-1', Associations: [{ Main: true }] }).main, true);
    assert.equal(toRouteTable({ RouteTableId: 'rtb-2', Associations: [{ SubnetId: 'subnet-1', Main: false }] }).main, false);
    assert.equal(toRouteTable({ RouteTableId: 'rtb-3' }).main, false);
  });

  it('toSecurityGroupRule: an all-traffic rule has no ports', () => {
    assert.deepEqual(toSecurityGroupRule({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }), {
      protocol: '-1',
      ipv4Ranges: ['0.0.0.0/0'],
      ipv6Ranges: [],
      prefixListIds: [],
      groupIds: [],
    });
  });

  it('toNetworkAclEntry: anything but an explicit allow reads as deny', () => {
    assert.equal(toNetworkAclEntry({ RuleNumber: 1, RuleAction: 'allow' }).action, 'allow');
    assert.equal(toNetworkAclEntry({ RuleNumber: 1 }).action, 'deny');
  });

  it('toNatGateway: no connectivity type means public (older gateways, moto)', () => {
    assert.equal(toNatGateway({ NatGatewayId: 'nat-1', State: 'available' }).connectivityType, 'public');
    assert.equal(toNatGateway({ NatGatewayId: 'nat-2', ConnectivityType: 'private' }).connectivityType, 'private');
  });

  it('toPrefixList: CIDRs when the API lists them, else left out (unknown, not empty)', () => {
    assert.deepEqual(toPrefixList({ PrefixListId: 'pl-1', PrefixListName: 's3', Cidrs: ['1.2.0.0/16'] }), {
      id: 'pl-1',
      name: 's3',
      cidrs: ['1.2.0.0/16'],
    });
    assert.deepEqual(toPrefixList({ PrefixListId: 'pl-1', PrefixListName: 's3' }), { id: 'pl-1', name: 's3' });
  });

  it('mergeEndpointServices: one entry per name, types united', () => {
    assert.deepEqual(
      mergeEndpointServices([
        { ServiceName: 'com.amazonaws.us-east-1.s3', ServiceType: [{ ServiceType: 'Gateway' }] },
        { ServiceName: 'com.amazonaws.us-east-1.s3', ServiceType: [{ ServiceType: 'Interface' }] },
        { ServiceName: 'com.amazonaws.us-east-1.ecr.dkr', ServiceType: [{ ServiceType: 'Interface' }] },
      ]),
      [
        { serviceName: 'com.amazonaws.us-east-1.s3', serviceTypes: ['Gateway', 'Interface'] },
        { serviceName: 'com.amazonaws.us-east-1.ecr.dkr', serviceTypes: ['Interface'] },
      ],
    );
  });
});
