/**
 * The fixture of every end-to-end test file: one moto server for the file, reset before each test,
 * with an EC2 client and a scratch directory made on first use, all gone after the file.
 *
 *   const emu = useEmulator();                        // registers before / beforeEach / after
 *   it('…', async () => {
 *     const acct = await SCENARIOS.classic().build(emu.ec2);
 *     const res = await runCli(['doctor', '--vpc', acct.vpcId], emulatorEnv(emu.url));
 *   });
 *
 * Extra clients or servers go in `setup`, not in a second root-level before(): Node 20 starts
 * root-level before hooks without waiting for the previous one, so moto could still be starting.
 * beforeEach and after hooks registered after useEmulator() do run after its own, in order.
 */
import { after, before, beforeEach } from 'node:test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { emulatorEc2 } from './accounts';
import { REPO_ROOT } from './cli';
import { startMoto, type Moto } from './moto';

export interface Emulator {
  readonly moto: Moto;
  /** The emulator's endpoint (moto.url), for emulatorEnv() and extra clients. */
  readonly url: string;
  /** An EC2 client for the emulator, us-east-1 (made on first use). */
  readonly ec2: EC2Client;
  /** A private directory for the file's output files (made on first use). */
  readonly scratch: string;
}

/** Undoes what `setup` made (in `after`, before moto stops). */
export type Teardown = () => unknown;

export interface EmulatorOptions {
  /** Reset moto before each test (default true). false: the file's tests share one state, in order. */
  reset?: boolean;
  /** The file runs the built CLI, so dist/ must exist (default true). false: it only drives the emulator. */
  cli?: boolean;
  /** Extra setup once moto answers, in the same before hook (see above); may return its teardown. */
  setup?: (emu: Emulator) => void | Teardown | Promise<void | Teardown>;
}

/** Registers the hooks at the level of the call (the file, or a describe) and returns the fixture. */
export function useEmulator(opts: EmulatorOptions = {}): Emulator {
  let moto: Moto | undefined;
  let ec2: EC2Client | undefined;
  let scratch: string | undefined;
  let teardown: Teardown | undefined;

  const started = (): Moto => {
    if (!moto) throw new Error('useEmulator(): moto is not up yet: use the emulator in tests, `setup` or beforeEach/after hooks.');
    return moto;
  };
  const emu: Emulator = {
    get moto() {
      return started();
    },
    get url() {
      return started().url;
    },
    get ec2() {
      return (ec2 ??= emulatorEc2(started().url));
    },
    get scratch() {
      return (scratch ??= mkdtempSync(join(tmpdir(), 'ecr-vpce-e2e-scratch-')));
    },
  };

  before(async () => {
    if (opts.cli !== false && !existsSync(join(REPO_ROOT, 'dist', 'commands.js'))) {
      throw new Error('dist/commands.js is missing: run `npm run build` first (`npm test` does it).');
    }
    moto = await startMoto();
    const undo = await opts.setup?.(emu);
    if (typeof undo === 'function') teardown = undo;
  });
  if (opts.reset !== false) beforeEach(() => started().reset());
  after(async () => {
    // The synchronous part first: nothing keeps the process alive while moto stops, so it can end
    // during that await (and did, leaving the scratch directories behind).
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    ec2?.destroy();
    try {
      await teardown?.();
    } finally {
      await moto?.stop();
    }
  });
  return emu;
}
