/** The collector against a fake EC2/STS at the HTTP level: every fact must arrive in the inventory. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCOUNT, FakeAws, REGION, VPC_ID, collect, offlineAwsHooks } from './fake-aws';

offlineAwsHooks();

describe('collectInventory: a full collection', () => {
  it('fills every part from the API answers', async () => {
    const api = new FakeAws().answerTheRest();
    const inv = await collect();
    api.assertAllUsed();

    assert.deepEqual(inv.gaps, []);
    assert.equal(inv.schemaVersion, 1);
    assert.ok(!Number.isNaN(Date.parse(inv.collectedAt)));
    assert.deepEqual(inv.target, { region: REGION, partition: 'aws', vpcId: VPC_ID, accountId: ACCOUNT });
    // Wave 2's GetMetricData (test/aws/nat-metrics.test.ts has the details): a 24 h window by default.
    assert.equal(inv.natMetrics?.periodSeconds, 300);
    assert.equal(Date.parse(inv.natMetrics!.end) - Date.parse(inv.natMetrics!.start), 86_400_000);
    assert.deepEqual(
      inv.natMetrics?.series.map((s) => [s.natGatewayId, s.metric, s.values.length]),
      [
        ['nat-0abc1234def567890', 'BytesOutToSource', 4],
        ['nat-0abc1234def567890', 'BytesInFromDestination', 4],
      ],
    );

    assert.deepEqual(inv.vpc, {
      id: VPC_ID,
      ownerId: ACCOUNT,
      cidrBlocks: ['10.0.0.0/16', '100.64.0.0/16'], // the disassociated 10.9.0.0/16 is left out
      ipv6CidrBlocks: ['2600:1f18:1234:5600::/56'],
      dhcpOptionsId: 'dopt-0aa11bb22cc33dd44',
      isDefault: false,
      tags: { Name: 'prod', team: 'platform' },
    });
    assert.deepEqual(inv.vpcAttributes, { enableDnsSupport: true, enableDnsHostnames: false });
    assert.deepEqual(inv.dhcpOptions, {
      id: 'dopt-0aa11bb22cc33dd44',
      domainNameServers: ['10.0.0.2', 'AmazonProvidedDNS'],
      domainName: 'ec2.internal',
    });
  });

  it('collects subnets with AZ, public-IP flag and IPv6 blocks', async () => {
    new FakeAws().answerTheRest();
    const inv = await collect();
    assert.deepEqual(inv.subnets, [
      {
        id: 'subnet-0app1111aaaa2222b',
        cidrBlock: '10.0.10.0/24',
        ipv6CidrBlocks: [],
        availabilityZone: 'us-east-1a',
        availabilityZoneId: 'use1-az1',
        mapPublicIpOnLaunch: false,
        ownerId: ACCOUNT,
        tags: { Name: 'app-a' },
      },
      {
        id: 'subnet-0pub3333cccc4444d',
        cidrBlock: '10.0.0.0/24',
        ipv6CidrBlocks: ['2600:1f18:1234:5600::/64'],
        availabilityZone: 'us-east-1b',
        availabilityZoneId: 'use1-az2',
        mapPublicIpOnLaunch: true,
        ownerId: ACCOUNT,
        tags: { Name: 'public-b' },
      },
    ]);
  });

  it('collects route tables: main flag from the Main association, every kind of route', async () => {
    new FakeAws().answerTheRest();
    const inv = await collect();
    const [main, app, pub] = inv.routeTables ?? [];

    assert.equal(main.id, 'rtb-0main000aaaa1111b');
    assert.equal(main.main, true);
    assert.deepEqual(main.associations, [{ main: true }]);

    assert.equal(app.main, false);
    assert.deepEqual(app.associations, [{ subnetId: 'subnet-0app1111aaaa2222b', main: false }], 'a disassociating association carries no traffic');
    assert.deepEqual(app.routes, [
      { destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local', state: 'active' },
      { destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0abc1234def567890', state: 'active' },
      { destinationPrefixListId: 'pl-63a5400a', gatewayId: 'vpce-0s3aaaa1111bbbb22', state: 'active' },
      { destinationIpv6CidrBlock: '::/0', egressOnlyInternetGatewayId: 'eigw-0123456789abcdef0', state: 'active' },
      { destinationCidrBlock: '172.16.0.0/12', transitGatewayId: 'tgw-0123456789abcdef0', state: 'blackhole' },
    ]);
    assert.deepEqual(app.tags, { Name: 'app' });
    assert.deepEqual(pub.routes[1], { destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-0fedcba9876543210', state: 'active' });
  });

  it('collects endpoints with type, state, private DNS, subnets, groups, route tables and policy', async () => {
    new FakeAws().answerTheRest();
    const inv = await collect();
    const [dkr, api, s3] = inv.vpcEndpoints ?? [];

    assert.deepEqual(dkr, {
      id: 'vpce-0dkr1111aaaa2222b',
      type: 'Interface',
      serviceName: 'com.amazonaws.us-east-1.ecr.dkr',
      state: 'available',
      privateDnsEnabled: true,
      subnetIds: ['subnet-0app1111aaaa2222b'],
      securityGroupIds: ['sg-0endpoints11112222'],
      routeTableIds: [],
      policyDocument: '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
      ownerId: ACCOUNT,
      tags: { Name: 'ecr-dkr' },
    });
    assert.equal(api.state, 'pending');
    assert.equal(api.privateDnsEnabled, false);
    assert.equal(api.policyDocument, undefined);
    assert.equal(s3.type, 'Gateway');
    assert.deepEqual(s3.routeTableIds, ['rtb-0app0000bbbb2222c']);
    assert.match(s3.policyDocument ?? '', /prod-us-east-1-starport-layer-bucket/);
  });

  it('collects security group rules with CIDRs, group references and prefix lists', async () => {
    new FakeAws().answerTheRest();
    const inv = await collect();
    const [endpoints, app] = inv.securityGroups ?? [];

    assert.equal(endpoints.id, 'sg-0endpoints11112222');
    assert.equal(endpoints.name, 'vpce');
    assert.deepEqual(endpoints.ingress, [
      {
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        ipv4Ranges: ['10.0.0.0/16'],
        ipv6Ranges: ['2600:1f18:1234:5600::/56'],
        prefixListIds: [],
        groupIds: ['sg-0app333344445555'],
      },
    ]);
    assert.deepEqual(endpoints.egress, [
      { protocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], groupIds: [] },
    ]);
    assert.deepEqual(app.ingress, []);
    assert.deepEqual(app.egress.map((r) => [r.prefixListIds, r.groupIds]), [
      [['pl-63a5400a'], []],
      [[], ['sg-0endpoints11112222']],
    ]);
  });

  it('collects network ACL entries with ports, IPv6 and associations', async () => {
    new FakeAws().answerTheRest();
    const inv = await collect();
    const [acl] = inv.networkAcls ?? [];

    assert.equal(acl.id, 'acl-0def1111aaaa2222b');
    assert.equal(acl.isDefault, true);
    assert.deepEqual(acl.subnetIds, ['subnet-0app1111aaaa2222b', 'subnet-0pub3333cccc4444d']);
    assert.equal(acl.entries.length, 6);
    assert.deepEqual(acl.entries[0], {
      ruleNumber: 90,
      egress: true,
      protocol: '6',
      action: 'deny',
      cidrBlock: '203.0.113.0/24',
      portFrom: 443,
      portTo: 443,
    });
    assert.deepEqual(acl.entries[4], {
      ruleNumber: 110,
      egress: false,
      protocol: '6',
      action: 'allow',
      ipv6CidrBlock: '::/0',
      portFrom: 443,
      portTo: 443,
    });
  });

  it('collects NAT and internet gateways, managed prefix lists and endpoint services', async () => {
    new FakeAws().answerTheRest();
    const inv = await collect();

    assert.deepEqual(inv.natGateways, [
      {
        id: 'nat-0abc1234def567890',
        subnetId: 'subnet-0pub3333cccc4444d',
        state: 'available',
        connectivityType: 'public',
        tags: { Name: 'nat-b' },
      },
    ]);
    assert.deepEqual(inv.internetGateways, [{ id: 'igw-0fedcba9876543210', tags: { Name: 'igw' } }]);
    assert.deepEqual(inv.prefixLists, [
      { id: 'pl-63a5400a', name: 'com.amazonaws.us-east-1.s3', cidrs: ['54.231.0.0/17', '52.216.0.0/15'] },
      // DescribePrefixLists sends every list's CIDRs; only S3's are read by the checks, so kept.
      { id: 'pl-02cd2c6b', name: 'com.amazonaws.us-east-1.dynamodb' },
    ]);
    assert.deepEqual(inv.endpointServices, [
      { serviceName: 'com.amazonaws.us-east-1.ecr.dkr', serviceTypes: ['Interface'] },
      { serviceName: 'com.amazonaws.us-east-1.s3', serviceTypes: ['Gateway', 'Interface'] },
    ]);
  });

  it('survives a JSON round trip unchanged (it is also the snapshot file)', async () => {
    new FakeAws().answerTheRest();
    const inv = await collect();
    assert.deepEqual(JSON.parse(JSON.stringify(inv)), inv);
  });
});
