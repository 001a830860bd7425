import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endpointS3Gateway } from '../../src/checks/endpoint-s3-gateway';
import { s3RouteAssociation } from '../../src/checks/s3-route-association';
import { anInventory, aSubnet } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

describe('endpoint-s3-gateway', () => {
  it('passes with an available S3 gateway endpoint', () => {
    const r = run(endpointS3Gateway, anInventory().build());
    assert.equal(r.status, 'pass');
    assert.deepEqual(r.resources, ['vpce-s3']);
  });

  it('fails with no S3 endpoint, proposing one on the workload route tables', () => {
    const r = run(endpointS3Gateway, anInventory().withoutEndpoint('vpce-s3').build());
    assert.equal(r.status, 'fail');
    assert.deepEqual(r.remediation[0].action, {
      kind: 'create-gateway-endpoint',
      vpcId: 'vpc-healthy',
      serviceName: 'com.amazonaws.us-east-1.s3',
      routeTableIds: ['rtb-app'],
    });
  });

  it('warns when only an S3 interface endpoint exists', () => {
    const inv = anInventory()
      .endpoint('vpce-s3', (e) => {
        e.type = 'Interface';
        e.routeTableIds = [];
      })
      .build();
    const r = run(endpointS3Gateway, inv);
    assert.equal(r.status, 'warn');
    assert.equal(r.evidence[0].observed, 'Interface');
  });

  it('fails naming the state when the gateway endpoint is not available', () => {
    const r = run(endpointS3Gateway, anInventory().endpoint('vpce-s3', (e) => (e.state = 'pending')).build());
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /"pending"/);
  });

  it('skips when deselected with --only', () => {
    assert.equal(run(endpointS3Gateway, anInventory().build(), {}, { only: ['dns'] }).status, 'skip');
  });

  it('is an error when endpoints could not be listed', () => {
    assert.equal(run(endpointS3Gateway, anInventory().withGap('vpcEndpoints', 'ec2:DescribeVpcEndpoints').build()).status, 'error');
  });
});

describe('s3-route-association', () => {
  it('passes when every workload route table is associated', () => {
    const r = run(s3RouteAssociation, anInventory().build());
    assert.equal(r.status, 'pass');
    assert.deepEqual(r.resources, ['vpce-s3', 'rtb-app']);
  });

  it('fails on the classic case, naming the table and the subnets behind it', () => {
    const r = run(s3RouteAssociation, anInventory().classicS3Leak().build());
    assert.equal(r.status, 'fail');
    assert.equal(r.evidence.length, 1);
    assert.equal(r.evidence[0].resource, 'rtb-app');
    assert.match(r.evidence[0].note ?? '', /subnet-app-a \(app-a\), subnet-app-b \(app-b\)/);
    assert.deepEqual(r.remediation[0].action, { kind: 'associate-route-tables', endpointId: 'vpce-s3', routeTableIds: ['rtb-app'] });
  });

  it('follows the implicit main-table association of a subnet without an explicit one', () => {
    const inv = anInventory()
      .withSubnet(aSubnet('subnet-batch', '10.0.20.0/24', 'us-east-1b', 'batch'))
      .routeTable('rtb-main', (rt) => rt.routes.push({ destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-main', state: 'active' }))
      .build();
    const r = run(s3RouteAssociation, inv);
    assert.equal(r.status, 'fail');
    assert.equal(r.evidence[0].resource, 'rtb-main');
    assert.match(r.evidence[0].note ?? '', /main route table, used by subnet-batch \(batch\) \(implicitly\)/);
  });

  it('counts an association seen only as a pl → vpce route', () => {
    const inv = anInventory().endpoint('vpce-s3', (e) => (e.routeTableIds = [])).build();
    assert.equal(run(s3RouteAssociation, inv).status, 'pass');
  });

  it('counts an association listed on the endpoint even before the route shows', () => {
    const inv = anInventory().routeTable('rtb-app', (rt) => (rt.routes = rt.routes.filter((r) => !r.gatewayId?.startsWith('vpce-')))).build();
    assert.equal(run(s3RouteAssociation, inv).status, 'pass');
  });

  it('judges only --subnet subnets when given', () => {
    const inv = anInventory()
      .withSubnet(aSubnet('subnet-batch', '10.0.20.0/24', 'us-east-1b', 'batch'))
      .build();
    assert.equal(run(s3RouteAssociation, inv, { subnetIds: ['subnet-app-a'] }).status, 'pass');
  });

  it('skips when there is no S3 gateway endpoint', () => {
    const r = run(s3RouteAssociation, anInventory().withoutEndpoint('vpce-s3').build());
    assert.equal(r.status, 'skip');
    assert.match(r.summary, /endpoint-s3-gateway/);
  });

  it('is an error when route tables could not be read', () => {
    const r = run(s3RouteAssociation, anInventory().withGap('routeTables', 'ec2:DescribeRouteTables').build());
    assert.equal(r.status, 'error');
    assert.match(r.summary, /ec2:DescribeRouteTables/);
  });
});
