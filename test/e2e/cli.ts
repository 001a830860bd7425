/**
 * Runs the real CLI (`node bin/run.js …`, the built dist/) as a child process, in a clean
 * environment: nothing of the developer's AWS setup (profiles, credentials, region, SSO cache)
 * can leak in, and only the emulator is ever reachable through the SDK.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertReadOnly } from './read-only-guard';
import { startRecordingProxy, type RecordedRequest } from './recording-proxy';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const BIN = join(REPO_ROOT, 'bin', 'run.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** What reached the emulator (runs with AWS_ENDPOINT_URL only): proves "no AWS call made". */
  requests?: RecordedRequest[];
}

/** Overrides on top of the clean baseline; `undefined` removes a baseline variable. */
export type CliEnv = Record<string, string | undefined>;

let sandbox: string | undefined;

/** A private HOME with empty AWS config and credentials files, removed when the process exits. */
export function sandboxDir(): string {
  if (sandbox) return sandbox;
  const dir = mkdtempSync(join(tmpdir(), 'ecr-vpce-e2e-'));
  mkdirSync(join(dir, 'home'));
  writeFileSync(join(dir, 'aws-config'), '');
  writeFileSync(join(dir, 'aws-credentials'), '');
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  sandbox = dir;
  return dir;
}

/** The environment the CLI runs in: built from nothing, not from process.env. */
export function cleanEnv(overrides: CliEnv = {}): NodeJS.ProcessEnv {
  const dir = sandboxDir();
  const env: CliEnv = {
    PATH: process.env.PATH,
    HOME: join(dir, 'home'),
    USERPROFILE: join(dir, 'home'),
    TMPDIR: tmpdir(),
    LANG: 'C.UTF-8',
    NO_COLOR: '1',
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    // Never probe the instance metadata service from a test.
    AWS_EC2_METADATA_DISABLED: 'true',
    ...overrides,
  };
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** The environment pointing the CLI at an emulator. */
export function emulatorEnv(url: string, overrides: CliEnv = {}): CliEnv {
  return { AWS_ENDPOINT_URL: url, ...overrides };
}

/**
 * Runs the CLI. When it is pointed at an emulator (AWS_ENDPOINT_URL), the run goes through a
 * recording proxy and fails if the CLI sent any AWS operation that is not a read.
 */
export async function runCli(args: string[], env: CliEnv = {}, opts: { timeoutMs?: number } = {}): Promise<CliResult> {
  const endpoint = env.AWS_ENDPOINT_URL;
  if (!endpoint) return spawnCli(args, env, opts);
  const proxy = await startRecordingProxy(endpoint);
  try {
    const res = await spawnCli(args, { ...env, AWS_ENDPOINT_URL: proxy.url }, opts);
    assertReadOnly(proxy.requests, `ecr-vpce ${args.join(' ')}`);
    return { ...res, requests: [...proxy.requests] };
  } finally {
    await proxy.stop();
  }
}

function spawnCli(args: string[], env: CliEnv, opts: { timeoutMs?: number }): Promise<CliResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `ecr-vpce ${args.join(' ')} did not finish within ${timeoutMs} ms.\n` +
            `stdout:\n${Buffer.concat(out).toString()}\nstderr:\n${Buffer.concat(err).toString()}`,
        ),
      );
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

/** Parses stdout as JSON, or fails with everything the CLI printed (a bare SyntaxError helps nobody). */
export function parseJson<T = unknown>(res: CliResult, what = 'stdout'): T {
  try {
    return JSON.parse(res.stdout) as T;
  } catch (e) {
    throw new Error(
      `${what} is not JSON (${(e as Error).message}); exit ${res.code}\nstdout:\n${res.stdout}\nstderr:\n${res.stderr}`,
    );
  }
}

/** A one-line description of a run, for assertion messages. */
export function describeRun(res: CliResult): string {
  return `exit ${res.code}${res.signal ? ` (${res.signal})` : ''}\nstderr:\n${res.stderr}\nstdout (head):\n${res.stdout.slice(0, 3000)}`;
}
