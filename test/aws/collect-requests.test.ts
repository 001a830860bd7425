/** What the collector sends: VPC filters on every list call, and every page of a paginated list. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectInventory } from '../../src/aws/collect';
import { ENDPOINT, FakeAws, REGION, VPC_ID, collect, ec2Response, instantRetries, type Params, offlineAwsHooks } from './fake-aws';

offlineAwsHooks();

const firstPage = (p: Params) => p.NextToken === undefined;
const secondPage = (p: Params) => p.NextToken === 'page-2-token';

function subnetItem(id: string, cidr: string): string {
  return `<item><subnetId>${id}</subnetId><vpcId>${VPC_ID}</vpcId><state>available</state><cidrBlock>${cidr}</cidrBlock>
    <availabilityZone>us-east-1a</availabilityZone><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch><tagSet/></item>`;
}

function groupItem(id: string, name: string): string {
  return `<item><ownerId>111122223333</ownerId><groupId>${id}</groupId><groupName>${name}</groupName><vpcId>${VPC_ID}</vpcId>
    <ipPermissions/><ipPermissionsEgress/><tagSet/></item>`;
}

describe('collectInventory: pagination', () => {
  it('follows NextToken across two pages of subnets and of security groups', async () => {
    const subnetPage = (items: string, next = '') => ec2Response('DescribeSubnets', `<subnetSet>${items}</subnetSet>${next}`);
    const groupPage = (items: string, next = '') =>
      ec2Response('DescribeSecurityGroups', `<securityGroupInfo>${items}</securityGroupInfo>${next}`);
    const more = '<nextToken>page-2-token</nextToken>';
    const api = new FakeAws()
      .answer('DescribeSubnets', subnetPage(subnetItem('subnet-0page1', '10.0.1.0/24'), more), { when: firstPage })
      .answer('DescribeSubnets', subnetPage(subnetItem('subnet-0page2', '10.0.2.0/24')), { when: secondPage })
      .answer('DescribeSecurityGroups', groupPage(groupItem('sg-0page1', 'one'), more), { when: firstPage })
      .answer('DescribeSecurityGroups', groupPage(groupItem('sg-0page2', 'two')), { when: secondPage })
      .answerTheRest();

    const inv = await collect();
    api.assertAllUsed();

    assert.deepEqual(inv.gaps, []);
    assert.deepEqual(inv.subnets?.map((s) => [s.id, s.cidrBlock]), [
      ['subnet-0page1', '10.0.1.0/24'],
      ['subnet-0page2', '10.0.2.0/24'],
    ]);
    assert.deepEqual(inv.securityGroups?.map((g) => [g.id, g.name]), [
      ['sg-0page1', 'one'],
      ['sg-0page2', 'two'],
    ]);
    // The second page repeats the filter: a token alone would list the whole account.
    for (const p of [...api.requestsFor('DescribeSubnets'), ...api.requestsFor('DescribeSecurityGroups')]) {
      assert.equal(p['Filter.1.Value.1'], VPC_ID);
    }
  });
});

describe('collectInventory: request parameters', () => {
  it('scopes every list call to the VPC, with each API’s own filter name', async () => {
    const api = new FakeAws().answerTheRest();
    await collect();
    api.assertAllUsed();

    const only = (call: Parameters<FakeAws['requestsFor']>[0]) => {
      const requests = api.requestsFor(call);
      assert.equal(requests.length, 1, `${call} called once`);
      return requests[0];
    };
    const byVpcId = [
      'DescribeSubnets',
      'DescribeRouteTables',
      'DescribeVpcEndpoints',
      'DescribeSecurityGroups',
      'DescribeNetworkAcls',
      'DescribeNatGateways', // its parameter is spelled Filter, its wire name is the same
    ] as const;
    for (const call of byVpcId) {
      const p = only(call);
      assert.equal(p['Filter.1.Name'], 'vpc-id', call);
      assert.equal(p['Filter.1.Value.1'], VPC_ID, call);
    }
    assert.equal(only('DescribeInternetGateways')['Filter.1.Name'], 'attachment.vpc-id');
    assert.equal(only('DescribeInternetGateways')['Filter.1.Value.1'], VPC_ID);
    assert.equal(only('DescribeVpcs')['VpcId.1'], VPC_ID);
    assert.equal(only('DescribeVpcAttribute-enableDnsSupport').VpcId, VPC_ID);
    assert.equal(only('DescribeVpcAttribute-enableDnsHostnames').VpcId, VPC_ID);
    assert.equal(only('DescribeDhcpOptions')['DhcpOptionsId.1'], 'dopt-0aa11bb22cc33dd44');
    const prefixLists = only('DescribePrefixLists');
    assert.equal(prefixLists['Filter.1.Name'], undefined, 'AWS-managed lists are regional, not per VPC');

    // Endpoint services: a service-name filter (unknown names are ignored), never ServiceNames
    // (one unknown name fails the whole call with InvalidServiceName).
    const services = only('DescribeVpcEndpointServices');
    assert.equal(services['Filter.1.Name'], 'service-name');
    assert.equal(services['ServiceName.1'], undefined);
    const names = Object.entries(services).filter(([k]) => k.startsWith('Filter.1.Value.')).map(([, v]) => v);
    const expected = ['ecr.dkr', 'ecr.api', 's3'].map((s) => `com.amazonaws.us-east-1.${s}`);
    for (const n of [...expected, 'cn.com.amazonaws.us-east-1.ecr.dkr']) assert.ok(names.includes(n), n);
  });

  it('makes no DHCP call when the VPC uses the default option set, and records Amazon DNS', async () => {
    const vpc = ec2Response('DescribeVpcs', `<vpcSet><item><vpcId>${VPC_ID}</vpcId><cidrBlock>10.0.0.0/16</cidrBlock>
      <dhcpOptionsId>default</dhcpOptionsId><isDefault>false</isDefault><tagSet/></item></vpcSet>`);
    const api = new FakeAws().answer('DescribeVpcs', vpc).answerTheRest({ except: ['DescribeDhcpOptions'] });
    const inv = await collect();
    api.assertAllUsed();

    assert.equal(api.requestsFor('DescribeDhcpOptions').length, 0);
    assert.deepEqual(inv.dhcpOptions, { id: 'default', domainNameServers: ['AmazonProvidedDNS'] });
    assert.deepEqual(inv.vpc?.cidrBlocks, ['10.0.0.0/16'], 'falls back to cidrBlock without an association set');
  });

  it('honours AWS_ENDPOINT_URL natively when no endpoint is given', async () => {
    const api = new FakeAws().answerTheRest();
    process.env.AWS_ENDPOINT_URL = ENDPOINT;
    try {
      const inv = await collectInventory({ vpcId: VPC_ID, region: REGION }, { retryStrategy: instantRetries() });
      api.assertAllUsed();
      assert.deepEqual(inv.gaps, []);
      assert.equal(inv.target.accountId, '111122223333');
    } finally {
      delete process.env.AWS_ENDPOINT_URL;
    }
  });
});
