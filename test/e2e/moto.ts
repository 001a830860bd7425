/**
 * The AWS API emulator for the end-to-end tier: one moto server per test file, on its own free
 * loopback port, so test files can run in parallel (run-tests.mjs uses --test-concurrency=2).
 *
 *   const moto = await startMoto();      // fails loudly when moto cannot start
 *   beforeEach(() => moto.reset());      // POST /moto-api/reset: a fresh, empty account
 *   after(() => moto.stop());            // also done on process exit, whatever happens
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { findMotoCommand } from '../helpers/find-moto.mjs';

export interface Moto {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** Forgets every resource (moto recreates its default VPC). */
  reset(): Promise<void>;
  /** Kills the server; idempotent. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** How long to wait for the server to answer. Default 20 s. */
  readyTimeoutMs?: number;
}

const HOST = '127.0.0.1';
const MAX_PORT_ATTEMPTS = 3;
const OUTPUT_KEEP = 4_000;

/** A port the OS considers free right now (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') {
        srv.close();
        reject(new Error('could not read the port of a listening socket'));
        return;
      }
      srv.close(() => resolve(addr.port));
    });
  });
}

/**
 * Starts moto on a free port and waits until it answers. Another process can take the port between
 * the probe and moto's bind: then moto exits and we try again with a new port.
 */
export async function startMoto(opts: StartOptions = {}): Promise<Moto> {
  const command = findMotoCommand();
  if (!command) {
    throw new Error(
      'moto_server (the AWS API emulator) was not found: install it with `pip install "moto[server]"` ' +
        'or set MOTO_SERVER_CMD. The end-to-end tier cannot run without it.',
    );
  }
  const errors: string[] = [];
  for (let attempt = 1; attempt <= MAX_PORT_ATTEMPTS; attempt++) {
    const port = await freePort();
    try {
      return await launch(command, port, opts.readyTimeoutMs ?? 20_000);
    } catch (err) {
      errors.push(`attempt ${attempt} (port ${port}): ${(err as Error).message}`);
      // Only a lost race for the port gets better with another port: not a timeout, not ENOENT.
      if (!(err instanceof EarlyExit) || err.spawnFailed) break;
    }
  }
  throw new Error(`moto did not start (${command.join(' ')}):\n${errors.join('\n')}`);
}

class EarlyExit extends Error {
  constructor(
    message: string,
    readonly spawnFailed: boolean,
  ) {
    super(message);
  }
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Whatever ends the test file (normal exit, a signal from the runner), the servers go with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) kill(child);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const child of running) kill(child);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

function kill(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    // The server is its own process-group leader (detached): this reaches it and only it (and any
    // child it spawned), never anything else.
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

async function launch(command: string[], port: number, readyTimeoutMs: number): Promise<Moto> {
  const url = `http://${HOST}:${port}`;
  const [file, ...baseArgs] = command;
  const child = spawn(file, [...baseArgs, '-H', HOST, '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  installExitHook();
  running.add(child);
  // The test process must not wait for the server's pipes or handle to exit.
  child.unref();

  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEEP);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  (child.stdout as unknown as { unref?: () => void })?.unref?.();
  (child.stderr as unknown as { unref?: () => void })?.unref?.();

  let exited: string | undefined;
  let spawnFailed = false;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal ? `killed by ${signal}` : `exit code ${code}`;
      running.delete(child);
      resolve();
    });
    child.once('error', (err) => {
      exited = `could not spawn: ${err.message}`;
      spawnFailed = true;
      running.delete(child);
      resolve();
    });
  });

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited !== undefined) {
      throw new EarlyExit(`moto exited before answering (${exited}). Output:\n${output.trim()}`, spawnFailed);
    }
    if (await answers(url)) break;
    if (Date.now() > deadline) {
      kill(child);
      throw new Error(`moto did not answer on ${url} within ${readyTimeoutMs} ms. Output:\n${output.trim()}`);
    }
    await sleep(100);
  }

  let stopped = false;
  return {
    url,
    port,
    async reset() {
      if (exited !== undefined) throw new Error(`moto on ${url} is gone (${exited}). Output:\n${output.trim()}`);
      const res = await fetch(`${url}/moto-api/reset`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status} ${await res.text()}`);
      await res.body?.cancel();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      kill(child);
      if (exited === undefined) await Promise.race([exitedPromise, sleep(5_000, { unref: true })]);
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

function sleep(ms: number, opts: { unref?: boolean } = {}): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (opts.unref) timer.unref();
  });
}
