import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allowsNamingAction, evaluatePolicy, parsePolicy, wildcard, type PolicyRequest } from '../../src/inventory/iam-policy';

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (extra: Record<string, unknown>) => ({ Effect: 'Allow', Principal: '*', Resource: '*', ...extra });
const deny = (extra: Record<string, unknown>) => ({ Effect: 'Deny', Principal: '*', Resource: '*', ...extra });

function decide(document: string | undefined, req: PolicyRequest) {
  const p = parsePolicy(document);
  assert.ok(p.ok, 'parses');
  return evaluatePolicy(p, req);
}

const LAYER = { action: 's3:GetObject', resource: 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/abc' };
const PULL = { action: 'ecr:BatchGetImage', resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app' };

describe('iam-policy', () => {
  it('no document is AWS default full access', () => {
    assert.equal(decide(undefined, PULL).decision, 'allow');
    assert.equal(decide('', PULL).decision, 'allow');
  });

  it('AWS default document allows everything', () => {
    assert.equal(decide(doc(allow({ Action: '*' })), PULL).decision, 'allow');
    assert.equal(decide(JSON.stringify({ Statement: allow({ Action: '*' }) }), LAYER).decision, 'allow', 'a single statement object');
  });

  it('matches action wildcards case-insensitively: ecr:*, ecr:Batch*, ecr:batchgetimage, ?', () => {
    for (const a of ['ecr:*', 'ecr:Batch*', 'ECR:batchgetimage', 'ecr:BatchGetImag?', '*']) {
      assert.equal(decide(doc(allow({ Action: a })), PULL).decision, 'allow', a);
    }
    assert.equal(decide(doc(allow({ Action: ['ecr:GetAuthorizationToken', 'ecr:Get*'] })), PULL).decision, 'implicit-deny');
  });

  it('matches resource wildcards case-sensitively', () => {
    const r = (Resource: unknown) => decide(doc(allow({ Action: 's3:GetObject', Resource })), LAYER).decision;
    assert.equal(r('arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*'), 'allow');
    assert.equal(r('arn:aws:s3:::prod-*-starport-layer-bucket/*'), 'allow');
    assert.equal(r(['arn:aws:s3:::my-bucket/*', 'arn:aws:s3:::*']), 'allow');
    assert.equal(r('arn:aws:s3:::prod-us-east-1-starport-layer-bucket'), 'implicit-deny', 'the bucket, not its objects');
    assert.equal(r('arn:aws:s3:::PROD-us-east-1-starport-layer-bucket/*'), 'implicit-deny');
    assert.equal(r('arn:aws:s3:::my-bucket/*'), 'implicit-deny');
  });

  it('an explicit deny wins over an allow', () => {
    const d = decide(doc(allow({ Action: '*' }), deny({ Sid: 'NoPull', Action: 'ecr:BatchGetImage' })), PULL);
    assert.deepEqual([d.decision, d.statements], ['deny', ['NoPull']]);
  });

  it('NotAction and NotResource invert the match', () => {
    assert.equal(decide(doc(allow({ NotAction: 'ecr:Put*' })), PULL).decision, 'allow');
    assert.equal(decide(doc(allow({ NotAction: 'ecr:Batch*' })), PULL).decision, 'implicit-deny');
    assert.equal(decide(doc(allow({ Action: '*' }), deny({ Action: '*', Resource: undefined, NotResource: 'arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*' })), LAYER).decision, 'allow');
    assert.equal(decide(doc(allow({ Action: '*' }), deny({ Action: 's3:*', Resource: undefined, NotResource: 'arn:aws:s3:::corp-*' })), LAYER).decision, 'deny');
  });

  it('Principal "*" and {"AWS": "*"} mean everyone; a named principal is uncertain', () => {
    assert.equal(decide(doc(allow({ Action: '*', Principal: { AWS: '*' } })), PULL).decision, 'allow');
    assert.equal(decide(doc(allow({ Action: '*', Principal: { AWS: ['*'] } })), PULL).decision, 'allow');
    const named = decide(doc(allow({ Action: '*', Principal: { AWS: 'arn:aws:iam::111122223333:role/task' } })), PULL);
    assert.equal(named.decision, 'uncertain');
    assert.match(named.reasons[0], /role\/task/);
  });

  it('a Condition makes an allow uncertain, and a conditional deny makes an allow uncertain', () => {
    const cond = { StringEquals: { 'aws:PrincipalOrgID': 'o-123' } };
    const onlyConditional = decide(doc(allow({ Action: '*', Condition: cond })), PULL);
    assert.equal(onlyConditional.decision, 'uncertain');
    assert.match(onlyConditional.reasons[0], /Condition/);
    assert.equal(decide(doc(allow({ Action: '*' }), deny({ Action: '*', Condition: cond })), PULL).decision, 'uncertain');
    assert.equal(decide(doc(allow({ Action: '*' }), allow({ Action: '*', Condition: cond })), PULL).decision, 'allow', 'an unconditional allow suffices');
  });

  it('no matching statement is an implicit deny', () => {
    assert.equal(decide(doc(allow({ Action: 'ecr:GetAuthorizationToken' })), PULL).decision, 'implicit-deny');
    assert.equal(decide(doc(), PULL).decision, 'implicit-deny');
  });

  it('lists the allows naming an action for other resources', () => {
    const p = parsePolicy(doc(allow({ Action: 'ecr:BatchGetImage', Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/team-*' })));
    assert.ok(p.ok);
    assert.equal(evaluatePolicy(p, { ...PULL, resource: 'arn:aws:ecr:us-east-1:111122223333:repository/x' }).decision, 'implicit-deny');
    assert.deepEqual(allowsNamingAction(p, 'ecr:BatchGetImage').map((s) => s.resources), [['arn:aws:ecr:us-east-1:111122223333:repository/team-*']]);
  });

  it('refuses what is not a policy', () => {
    assert.equal(parsePolicy('{not json').ok, false);
    assert.equal(parsePolicy('[]').ok, false);
    assert.equal(parsePolicy(doc({ Effect: 'Maybe', Action: '*' })).ok, false);
  });

  it('wildcard escapes regex characters', () => {
    assert.equal(wildcard('arn:aws:s3:::a.b/*', 'arn:aws:s3:::aXb/c', false), false);
    assert.equal(wildcard('arn:aws:s3:::a.b/*', 'arn:aws:s3:::a.b/c', false), true);
  });
});
