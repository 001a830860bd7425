// Bad input and faults, end to end: the real CLI process. Every case must end the same way:
// exit 2, exactly one line on stderr starting with "ecr-vpce: ", no stack trace anywhere, and
// under --json a parseable { schemaVersion, error: { reason, message } } on stdout. Input that
// is wrong on its face must be refused before any AWS call (the recording proxy sees nothing).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CreateSubnetCommand, CreateVpcCommand } from '@aws-sdk/client-ec2';
import { REPO_ROOT, describeRun, emulatorEnv, runCli, type CliEnv, type CliResult } from './cli';
import { useEmulator } from './emulator';
import { freePort } from './moto';
import { blackHole, type Loopback } from '../aws/loopback';

let vpcId: string;
let foreignSubnetId: string;

// No reset: every test uses the VPCs made once here.
const emu = useEmulator({
  reset: false,
  setup: async ({ ec2 }) => {
    vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const other = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!.VpcId!;
    foreignSubnetId = (await ec2.send(new CreateSubnetCommand({ VpcId: other, CidrBlock: '10.1.1.0/24' }))).Subnet!.SubnetId!;
  },
});

interface Failure {
  schemaVersion: number;
  error: { reason: string; message: string };
}

/** The contract of every failure; returns the one stderr line (without the prefix). */
function assertOneLineFailure(res: CliResult, reason: string, json: boolean): string {
  const run = describeRun(res);
  assert.equal(res.code, 2, run);
  assert.match(res.stderr, /^ecr-vpce: [^\n]+\n$/, `exactly one line on stderr, prefixed\n${run}`);
  assert.equal(`${res.stdout}${res.stderr}`.includes('    at '), false, `no stack trace\n${run}`);
  const line = res.stderr.slice('ecr-vpce: '.length, -1);
  if (json) {
    const doc = JSON.parse(res.stdout) as Failure;
    assert.equal(doc.schemaVersion, 1, run);
    assert.equal(doc.error.reason, reason, run);
    assert.equal(doc.error.message, line, 'the same message on stdout (JSON) and stderr');
  } else {
    assert.equal(res.stdout, '', `nothing on stdout\n${run}`);
  }
  return line;
}

/** doctor, twice: human and --json; both must fail the same way. Returns the message. */
async function doctorFails(args: string[], env: CliEnv, reason: string): Promise<{ message: string; runs: CliResult[] }> {
  const human = await runCli(['doctor', ...args], env);
  const message = assertOneLineFailure(human, reason, false);
  const json = await runCli(['doctor', ...args, '--json'], env);
  assert.equal(assertOneLineFailure(json, reason, true), message);
  return { message, runs: [human, json] };
}

const noAwsCall = (runs: CliResult[]) => {
  for (const r of runs) assert.deepEqual(r.requests, [], 'no AWS call was made');
};

describe('bad input: refused before any AWS call', { timeout: 120_000 }, () => {
  const cases: Array<{ what: string; args: () => string[]; env?: CliEnv; reason: string; says: RegExp }> = [
    { what: 'malformed --vpc', args: () => ['--vpc', 'vpc-xyz'], reason: 'bad-input', says: /--vpc "vpc-xyz" is not a valid VPC id/ },
    {
      what: '--vpc with a shell payload',
      args: () => ['--vpc', 'vpc-0123456789abcdef0; rm -rf ~'],
      reason: 'bad-input',
      says: /--vpc "vpc-0123456789abcdef0; rm -rf ~" is not a valid VPC id/,
    },
    { what: 'malformed --subnet', args: () => ['--vpc', vpcId, '--subnet', 'subnet-nothex'], reason: 'bad-input', says: /--subnet "subnet-nothex" is not a valid subnet id/ },
    { what: 'malformed --security-group', args: () => ['--vpc', vpcId, '--security-group', 'default'], reason: 'bad-input', says: /--security-group "default" is not a valid security group id/ },
    { what: 'invalid --region', args: () => ['--vpc', vpcId, '--region', 'us-east-1;reboot'], reason: 'bad-input', says: /--region "us-east-1;reboot" is not an AWS region name/ },
    { what: 'invalid AWS_REGION', args: () => ['--vpc', vpcId], env: { AWS_REGION: 'moon-base-one' }, reason: 'invalid-region', says: /Invalid AWS region "moon-base-one"/ },
    { what: 'no region (no flag, no AWS_REGION, empty config)', args: () => ['--vpc', vpcId], env: { AWS_REGION: undefined }, reason: 'no-region', says: /No AWS region: pass --region or set AWS_REGION/ },
    {
      what: 'no credentials (no keys, empty credential files, IMDS disabled)',
      args: () => ['--vpc', vpcId],
      env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined },
      reason: 'credentials',
      says: /AWS credentials rejected or missing \(CredentialsProviderError\)/,
    },
    { what: 'malformed --endpoint-url', args: () => ['--vpc', vpcId, '--endpoint-url', 'not a url'], reason: 'bad-input', says: /--endpoint-url "not a url" is not an http\(s\) URL/ },
    { what: '--timeout that is not a duration', args: () => ['--vpc', vpcId, '--timeout', 'soon'], reason: 'bad-input', says: /--timeout "soon" is not a duration/ },
    { what: '--timeout out of range', args: () => ['--vpc', vpcId, '--timeout', '0s'], reason: 'bad-input', says: /--timeout "0s" is out of range: from 1s to 60m/ },
  ];
  for (const c of cases) {
    it(`${c.what} → exit 2 (${c.reason}), one line, no AWS call`, async () => {
      const { message, runs } = await doctorFails(c.args(), emulatorEnv(emu.url, c.env), c.reason);
      assert.match(message, c.says);
      noAwsCall(runs);
    });
  }

  it('snapshot with a malformed --vpc: the same line, no call, no file written', async () => {
    const file = join(emu.scratch, 'never.json');
    const res = await runCli(['snapshot', '--vpc', 'vpc-xyz', '-o', file], emulatorEnv(emu.url));
    assert.match(assertOneLineFailure(res, 'bad-input', false), /--vpc "vpc-xyz" is not a valid VPC id/);
    noAwsCall([res]);
    assert.equal(existsSync(file), false);
  });
});

describe('bad input: found out by asking AWS', { timeout: 120_000 }, () => {
  it('unknown (well-formed) VPC → vpc-not-found, naming VPC and region', async () => {
    const { message } = await doctorFails(['--vpc', 'vpc-0123456789abcdef0'], emulatorEnv(emu.url), 'vpc-not-found');
    assert.match(message, /^VPC vpc-0123456789abcdef0 not found in us-east-1/);
  });

  it('a subnet of another VPC → subnet-not-in-vpc, naming both', async () => {
    const { message } = await doctorFails(['--vpc', vpcId, '--subnet', foreignSubnetId], emulatorEnv(emu.url), 'subnet-not-in-vpc');
    assert.equal(message, `${foreignSubnetId} is not in ${vpcId}`);
  });

  it('a well-formed subnet id that does not exist → subnet-not-in-vpc', async () => {
    const { message } = await doctorFails(['--vpc', vpcId, '--subnet', 'subnet-0123456789abcdef0'], emulatorEnv(emu.url), 'subnet-not-in-vpc');
    assert.match(message, /^subnet-0123456789abcdef0 is not in vpc-/);
  });
});

describe('faults: credentials, network, time budget', { timeout: 120_000 }, () => {
  it('expired credentials (EC2 RequestExpired, STS ExpiredToken) → credentials, saying to get fresh ones', async () => {
    const server = await expiredCredentialsApi();
    try {
      const { message } = await doctorFails(['--vpc', vpcId], emulatorEnv(server.url, { AWS_SESSION_TOKEN: 'expired-session' }), 'credentials');
      assert.match(message, /^AWS credentials rejected or missing \(RequestExpired\): Request has expired\. Get fresh credentials/);
    } finally {
      await server.close();
    }
  });

  it('endpoint URL unreachable (a closed port) → endpoint-unreachable, naming the URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    // The flag, not AWS_ENDPOINT_URL: nothing listens, so there is no proxy to put in front.
    const { message } = await doctorFails(['--vpc', vpcId, '--endpoint-url', url], {}, 'endpoint-unreachable');
    assert.match(message, new RegExp(`^Cannot reach the AWS API at ${url} \\(ECONNREFUSED\\)`));
  });

  it('an API that never answers: --timeout 2s ends the process within the budget, naming the pending calls', async () => {
    const hole: Loopback = await blackHole();
    try {
      const started = performance.now();
      const res = await runCli(['doctor', '--vpc', vpcId, '--endpoint-url', hole.url, '--timeout', '2s', '--json'], {});
      const elapsed = performance.now() - started;
      const message = assertOneLineFailure(res, 'timeout', true);
      assert.match(message, /^Gave up after the 2s time budget \(--timeout\): still waiting for sts:GetCallerIdentity, ec2:DescribeVpcs, /);
      assert.match(message, /raise --timeout\.$/);
      // Node start-up and the SDK's load come on top of the budget; a request timeout (30 s) would not.
      assert.ok(elapsed >= 2_000 && elapsed < 2_000 + 2_500, `the process ended after ${elapsed.toFixed(0)} ms`);
      assert.equal(hole.openSockets(), 0, 'every request was aborted');
    } finally {
      await hole.close();
    }
  });
});

describe('bad snapshot files', { timeout: 120_000 }, () => {
  const valid = () => readFileSync(join(REPO_ROOT, 'fixtures', 'snapshots', 'healthy.json'), 'utf8');
  const files: Array<{ what: string; make: (path: string) => void; says: RegExp }> = [
    { what: 'missing', make: () => {}, says: /: no such file$/ },
    { what: 'a directory', make: (p) => mkdirSync(p), says: /: it is a directory$/ },
    { what: 'empty', make: (p) => writeFileSync(p, ''), says: /is unreadable: the file is empty$/ },
    { what: 'not JSON', make: (p) => writeFileSync(p, 'schemaVersion: 1\nvpc: [oops\n'), says: /is unreadable: not valid JSON .*truncated\?$/ },
    { what: 'truncated', make: (p) => writeFileSync(p, valid().slice(0, 700)), says: /is unreadable: not valid JSON .*truncated\?$/ },
    {
      what: 'a wrong schemaVersion',
      make: (p) => writeFileSync(p, JSON.stringify({ ...JSON.parse(valid()), schemaVersion: 99 })),
      says: /has schemaVersion 99; this ecr-vpce reads version 1\. Re-create it with `ecr-vpce snapshot`\.$/,
    },
    {
      what: 'valid JSON, not an inventory',
      make: (p) => writeFileSync(p, JSON.stringify({ schemaVersion: 1, target: 'nope' })),
      says: /is not a valid ecr-vpce inventory: /,
    },
  ];
  for (const f of files) {
    it(`${f.what} → exit 2 (bad-snapshot), one line`, async () => {
      const path = join(emu.scratch, `snap-${f.what.replace(/\W+/g, '-')}.json`);
      f.make(path);
      const { message } = await doctorFails(['--snapshot', path], {}, 'bad-snapshot');
      assert.match(message, f.says);
      assert.ok(message.includes(path), 'names the file');
    });
  }
});

/** A tiny EC2/STS that rejects everything as expired, as AWS does for stale session credentials. */
async function expiredCredentialsApi(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    const action = new URLSearchParams(body).get('Action');
    res.writeHead(action === 'GetCallerIdentity' ? 403 : 400, { 'content-type': 'text/xml' });
    res.end(
      action === 'GetCallerIdentity'
        ? '<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>1</RequestId></ErrorResponse>'
        : '<Response><Errors><Error><Code>RequestExpired</Code><Message>Request has expired.</Message></Error></Errors><RequestID>1</RequestID></Response>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
