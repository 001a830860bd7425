// Secrets, end to end: with marker strings as the secret key and session token, no output of
// snapshot or doctor (human, --json, and with DEBUG=* for oclif's debug logging) and no snapshot
// file may hold them, nor anything of a signed request (the signature, its headers), even when
// the API quotes the signed request back in an error.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SCENARIOS } from './accounts';
import { describeRun, emulatorEnv, runCli, type CliEnv } from './cli';
import { useEmulator } from './emulator';

const SECRET = 'MarkerSecretKey0000000000000000000000001';
const TOKEN = 'MarkerSessionToken0000000000000000000000000000000000000002';
/** What a leaked signed request would show, whatever the secret. */
const SIGNED_REQUEST = [/Signature=/i, /Authorization/i, /X-Amz-Security-Token/i, /X-Amz-Signature/i, /AWS4-HMAC-SHA256/];

// Each test builds its own VPC: no reset needed between them.
const emu = useEmulator({ reset: false });

function assertNoSecret(text: string, where: string): void {
  assert.equal(text.includes(SECRET), false, `the secret key appears in ${where}`);
  assert.equal(text.includes(TOKEN), false, `the session token appears in ${where}`);
  for (const re of SIGNED_REQUEST) assert.doesNotMatch(text, re, `${re} appears in ${where}`);
}

describe('no credential, token or signed header in any output', { timeout: 180_000 }, () => {
  for (const debug of [false, true]) {
    it(`snapshot and doctor (human and --json)${debug ? ' with DEBUG=*' : ''}`, async () => {
      const acct = await SCENARIOS.classic().build(emu.ec2);
      const env: CliEnv = emulatorEnv(emu.url, {
        AWS_SECRET_ACCESS_KEY: SECRET,
        AWS_SESSION_TOKEN: TOKEN,
        ...(debug ? { DEBUG: '*' } : {}),
      });
      const file = join(emu.scratch, `snap-${debug}.json`);
      const runs = {
        snapshot: await runCli(['snapshot', '--vpc', acct.vpcId, '-o', file], env),
        'snapshot to stdout': await runCli(['snapshot', '--vpc', acct.vpcId, '--redact'], env),
        doctor: await runCli(['doctor', '--vpc', acct.vpcId], env),
        'doctor --json': await runCli(['doctor', '--vpc', acct.vpcId, '--json', '--fix-plan=cli'], env),
        'doctor, unknown VPC': await runCli(['doctor', '--vpc', 'vpc-0123456789abcdef0', '--json'], env),
      };
      assert.equal(runs.snapshot.code, 0, describeRun(runs.snapshot));
      assert.equal(runs.doctor.code, 1, describeRun(runs.doctor));
      assert.equal(runs['doctor, unknown VPC'].code, 2, describeRun(runs['doctor, unknown VPC']));
      // The CLI did call AWS with these credentials: the test is not vacuous.
      assert.ok((runs.doctor.requests ?? []).length > 0);
      for (const [name, res] of Object.entries(runs)) {
        assertNoSecret(res.stdout, `${name}: stdout`);
        assertNoSecret(res.stderr, `${name}: stderr`);
      }
      assertNoSecret(readFileSync(file, 'utf8'), 'the snapshot file');
      if (debug) assert.ok(runs.doctor.stderr.length > 0, 'DEBUG=* did turn logging on');
    });
  }
});

describe('an API that echoes the signed request in its error (as EC2 does for a bad signature)', { timeout: 60_000 }, () => {
  it('doctor (human and --json) and snapshot print the explanation, never the echo', async () => {
    const echo = await echoingApi();
    try {
      const env: CliEnv = emulatorEnv(echo.url, { AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, DEBUG: '*' });
      const runs = {
        doctor: await runCli(['doctor', '--vpc', 'vpc-0123456789abcdef0'], env),
        'doctor --json': await runCli(['doctor', '--vpc', 'vpc-0123456789abcdef0', '--json'], env),
        snapshot: await runCli(['snapshot', '--vpc', 'vpc-0123456789abcdef0'], env),
      };
      assert.ok(echo.echoed() > 0 && echo.sawToken(), 'the server did receive, and echo, the token');
      for (const [name, res] of Object.entries(runs)) {
        assert.equal(res.code, 2, describeRun(res));
        assert.match(res.stderr, /ecr-vpce: AWS credentials rejected or missing \(SignatureDoesNotMatch\): The request signature we calculated does not match the signature you provided\. \[signed request details omitted\]\n/);
        assertNoSecret(res.stdout, `${name}: stdout`);
        assertNoSecret(res.stderr, `${name}: stderr`);
      }
    } finally {
      await echo.close();
    }
  });
});

/** Answers every call with SignatureDoesNotMatch, quoting every request header back on one line (the worst case). */
async function echoingApi(): Promise<{ url: string; echoed(): number; sawToken(): boolean; close(): Promise<void> }> {
  let echoed = 0;
  let sawToken = false;
  const xml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    echoed++;
    sawToken ||= req.headers['x-amz-security-token'] === TOKEN;
    // On one line, the signing headers first: the first-line cut and the length cap do not save us.
    const { authorization, 'x-amz-security-token': token, ...rest } = req.headers;
    const headers = Object.entries({ authorization, 'x-amz-security-token': token, ...rest }).map(([k, v]) => `${k}:${String(v)}`).join(' ');
    const message = xml(
      'The request signature we calculated does not match the signature you provided. ' +
        `The Canonical String for this request should have been 'POST / ${headers}'`,
    );
    const sts = new URLSearchParams(body).get('Action') === 'GetCallerIdentity';
    res.writeHead(403, { 'content-type': 'text/xml' });
    res.end(
      sts
        ? `<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`
        : `<Response><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>${message}</Message></Error></Errors><RequestID>1</RequestID></Response>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    echoed: () => echoed,
    sawToken: () => sawToken,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
