/** A server's echo of the signed request never reaches output (src/util/scrub.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorMessage, fatalFailure } from '../../src/aws/failures';
import { scrubSecrets } from '../../src/util/scrub';

const TOKEN = 'IQoJb3JpZ2luX2VjEMarkerSessionToken';
// EC2's SignatureDoesNotMatch quotes the canonical request it expected (here on one line, the worst case).
const ECHOED =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. ' +
  `The Canonical String for this request should have been 'POST / host:ec2.us-east-1.amazonaws.com x-amz-date:20260101T000000Z x-amz-security-token:${TOKEN}'`;

describe('scrubSecrets', () => {
  it('keeps the explanation, drops the echoed canonical request', () => {
    assert.equal(
      scrubSecrets(ECHOED),
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. [signed request details omitted]',
    );
  });

  for (const echo of [
    `x-amz-security-token: ${TOKEN}`,
    'Authorization: AWS4-HMAC-SHA256 Credential=AKIAMARKER/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=abc123',
    'bad request ?X-Amz-Signature=abc123&X-Amz-Credential=AKIAMARKER',
    "The String-to-Sign should have been 'AWS4-HMAC-SHA256\n20260101T000000Z'",
  ]) {
    it(`cuts ${JSON.stringify(echo.slice(0, 40))}…`, () => {
      const out = scrubSecrets(`Denied. ${echo}`);
      assert.match(out, /^Denied\. .*\[signed request details omitted\]$/);
      for (const secret of [TOKEN, 'AKIAMARKER', 'abc123', 'aws4_request']) assert.equal(out.includes(secret), false, secret);
    });
  }

  it('leaves ordinary messages alone (the word "signature" alone is no artefact)', () => {
    const text = 'The request signature we calculated does not match the signature you provided.';
    assert.equal(scrubSecrets(text), text);
    assert.equal(scrubSecrets('VPC vpc-0123 not found'), 'VPC vpc-0123 not found');
  });

  it('applies to gaps and to the credentials DiagnoseError', () => {
    const err = Object.assign(new Error(ECHOED), { name: 'SignatureDoesNotMatch' });
    assert.equal(errorMessage(err).includes(TOKEN), false);
    const fatal = fatalFailure(err, 'for us-east-1');
    assert.equal(fatal?.reason, 'credentials');
    assert.equal(fatal?.message.includes(TOKEN), false);
    assert.match(fatal?.message ?? '', /\(SignatureDoesNotMatch\): The request signature .* \[signed request details omitted\]$/);
  });
});
