import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endpointPolicy } from '../../src/checks/endpoint-policy';
import { anInventory } from '../helpers/inventory-builder';
import { run } from '../helpers/run-check';

const policy = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, Resource: unknown = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: '*', Action, Resource, ...extra });
const PULL = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'];
const STARPORT = 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*';

describe('endpoint-policy', () => {
  it('passes with no policy documents (AWS default full access)', () => {
    const r = run(endpointPolicy, anInventory().build());
    assert.equal(r.status, 'pass');
    assert.deepEqual(r.resources, ['vpce-dkr', 'vpce-api', 'vpce-s3']);
  });

  it('passes with least-privilege pull policies and the starport bucket on S3', () => {
    const inv = anInventory()
      .endpoint('vpce-api', (e) => (e.policyDocument = policy(allow('ecr:GetAuthorizationToken'))))
      .endpoint('vpce-dkr', (e) => (e.policyDocument = policy(allow(PULL, 'arn:aws:ecr:us-east-1:*:repository/*'))))
      .endpoint('vpce-s3', (e) => (e.policyDocument = policy(allow('s3:GetObject', [STARPORT, 'arn:aws:s3:::corp-*/*']))))
      .build();
    assert.equal(run(endpointPolicy, inv).status, 'pass');
  });

  it('fails naming the endpoint and the action when GetDownloadUrlForLayer is missing', () => {
    const inv = anInventory().endpoint('vpce-dkr', (e) => (e.policyDocument = policy(allow(['ecr:BatchGetImage', 'ecr:BatchCheckLayerAvailability'])))).build();
    const r = run(endpointPolicy, inv);
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /vpce-dkr: ecr:GetDownloadUrlForLayer is not allowed by any statement/);
    assert.equal(r.remediation[0].id, 'endpoint-policy:vpce-dkr');
    const detail = r.remediation[0].action.kind === 'manual' ? r.remediation[0].action.detail : '';
    assert.match(detail, /"Action":\["ecr:GetDownloadUrlForLayer"\]/);
  });

  it('fails when the S3 gateway policy lists other buckets but not the starport layer bucket', () => {
    const inv = anInventory().endpoint('vpce-s3', (e) => (e.policyDocument = policy(allow('s3:*', ['arn:aws:s3:::corp-artifacts/*'])))).build();
    const r = run(endpointPolicy, inv);
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /vpce-s3: s3:GetObject is not allowed/);
    assert.match(r.evidence[0].expected, /prod-us-east-1-starport-layer-bucket\/\*/);
    assert.match(r.remediation[0].action.kind === 'manual' ? r.remediation[0].action.detail : '', /starport-layer-bucket\/\*/);
  });

  it('uses the partition and region in the bucket ARN (China)', () => {
    const inv = anInventory()
      .edit((i) => {
        i.target = { ...i.target, region: 'cn-north-1', partition: 'aws-cn' };
        for (const e of i.vpcEndpoints!) e.serviceName = e.serviceName.replace('com.amazonaws.us-east-1', e.type === 'Gateway' ? 'com.amazonaws.cn-north-1' : 'cn.com.amazonaws.cn-north-1');
      })
      .endpoint('vpce-s3', (e) => (e.policyDocument = policy(allow('s3:GetObject', 'arn:aws-cn:s3:::prod-cn-north-1-starport-layer-bucket/*'))))
      .build();
    assert.equal(run(endpointPolicy, inv).status, 'pass');
  });

  it('fails on an explicit deny, with a fix to narrow it', () => {
    const inv = anInventory()
      .endpoint('vpce-api', (e) => (e.policyDocument = policy(allow('*'), { Sid: 'NoTokens', Effect: 'Deny', Principal: '*', Action: 'ecr:Get*', Resource: '*' })))
      .build();
    const r = run(endpointPolicy, inv);
    assert.equal(r.status, 'fail');
    assert.match(r.summary, /ecr:GetAuthorizationToken is denied by statement NoTokens/);
    assert.equal(r.remediation[0].id, 'endpoint-policy-deny:vpce-api');
  });

  it('warns when the allow depends on a Condition it cannot evaluate, and says so', () => {
    const inv = anInventory()
      .endpoint('vpce-dkr', (e) => (e.policyDocument = policy(allow('ecr:*', '*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }))))
      .build();
    const r = run(endpointPolicy, inv);
    assert.equal(r.status, 'warn');
    assert.match(r.evidence[0].note ?? '', /Condition this tool cannot evaluate/);
  });

  it('warns when only a named principal is allowed (the workload role is unknown here)', () => {
    const inv = anInventory()
      .endpoint('vpce-dkr', (e) => (e.policyDocument = policy(allow('ecr:*', '*', { Principal: { AWS: 'arn:aws:iam::111122223333:role/ecsTaskExecutionRole' } }))))
      .build();
    const r = run(endpointPolicy, inv);
    assert.equal(r.status, 'warn');
    assert.match(r.evidence[0].note ?? '', /ecsTaskExecutionRole/);
  });

  it('warns when pulls are allowed only on some repositories', () => {
    const inv = anInventory()
      .endpoint('vpce-dkr', (e) => (e.policyDocument = policy(allow(PULL, 'arn:aws:ecr:us-east-1:111122223333:repository/team-a/*'))))
      .build();
    const r = run(endpointPolicy, inv);
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /allowed only on arn:aws:ecr:us-east-1:111122223333:repository\/team-a\/\*/);
  });

  it('BatchCheckLayerAvailability missing is a warning only', () => {
    const inv = anInventory().endpoint('vpce-dkr', (e) => (e.policyDocument = policy(allow(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'])))).build();
    assert.equal(run(endpointPolicy, inv).status, 'warn');
  });

  it('does not ask ecr.api for the registry actions, nor judge ecr.api on fargate-1.3', () => {
    const inv = anInventory().endpoint('vpce-api', (e) => (e.policyDocument = policy(allow('ecr:GetAuthorizationToken')))).build();
    assert.equal(run(endpointPolicy, inv).status, 'pass');
    const denied = anInventory().endpoint('vpce-api', (e) => (e.policyDocument = policy())).build();
    assert.equal(run(endpointPolicy, denied).status, 'fail');
    assert.equal(run(endpointPolicy, denied, { platform: 'fargate-1.3' }).status, 'pass');
  });

  it('warns when a policy cannot be parsed', () => {
    const r = run(endpointPolicy, anInventory().endpoint('vpce-s3', (e) => (e.policyDocument = '{oops')).build());
    assert.equal(r.status, 'warn');
    assert.match(r.summary, /could not be read/);
  });

  it('skips without ECR or S3 endpoints', () => {
    const inv = anInventory().withoutEndpoint('vpce-api').withoutEndpoint('vpce-dkr').withoutEndpoint('vpce-s3').build();
    assert.equal(run(endpointPolicy, inv).status, 'skip');
  });

  it('is an error when endpoints could not be listed', () => {
    assert.equal(run(endpointPolicy, anInventory().withGap('vpcEndpoints', 'ec2:DescribeVpcEndpoints').build()).status, 'error');
  });
});
