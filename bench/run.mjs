// `npm run bench`: start-up, round trips and wall time of the real CLI, printed as a table and
// written to bench/RESULTS.md so regressions show in review. Benchmarks, not timed tests: nothing
// here fails on a number.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { measureInterleaved, median, pairedMedian } from './startup.mjs';
import { startDelayProxy, countWaves } from './delay-proxy.mjs';
import { buildVpc, client } from './accounts.mjs';
import { buildEstate } from './scan-accounts.mjs';
import { startMoto } from '../test/e2e/moto.ts';

const ROOT = new URL('..', import.meta.url).pathname;
// The harness's own SDK client (building the accounts) would warn about Node 20 on every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const DELAY_MS = 100;
const rows = [];
const row = (what, value, target = '') => {
  rows.push({ what, value, target });
  console.log(`${what.padEnd(58)} ${String(value).padEnd(28)} ${target}`);
};
// The machine is shared (2 cores, other work running): the load goes next to the numbers.
const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');
const loads = [];

// 1. Start-up (whole processes, median of 21, interleaved). This sandbox sets NODE_EXTRA_CA_CERTS,
// which makes every Node process read a CA bundle before any JavaScript runs (~45 ms here, nothing
// the CLI can change): each command is timed without that variable and with the machine's
// environment, next to a bare `node -e 0` in the same environment, whose per-round difference is
// the CLI's own cost.
loads.push(`start-up: ${load()}`);
const SNAPSHOT = ['doctor', '--snapshot', 'fixtures/snapshots/classic-s3-route-missing.json'];
const commands = { node: ['-e', '0'], version: ['BIN', '--version'], help: ['BIN', '--help'], snapshot: ['BIN', ...SNAPSHOT] };
const plainEnv = { ...process.env };
delete plainEnv.NODE_EXTRA_CA_CERTS;
const noCache = { ...plainEnv, ECR_VPCE_CODE_CACHE: 'off' };
const cases = {};
for (const [name, args] of Object.entries(commands)) {
  cases[`${name} plain`] = { args, env: plainEnv };
  cases[`${name} machine`] = { args };
}
cases['help no-cache'] = { args: commands.help, env: noCache };
cases['snapshot no-cache'] = { args: commands.snapshot, env: noCache };
const t = measureInterleaved(cases, 21);
const own = (name) => pairedMedian(t[name], t['node plain']).toFixed(0);
const startRow = (label, name, target) =>
  row(
    label,
    `${t[`${name} plain`].median.toFixed(0)} / ${t[`${name} plain`].p90.toFixed(0)} ms; ${name === 'node' ? '' : `own cost ${own(`${name} plain`)} ms; `}` +
      `${t[`${name} machine`].median.toFixed(0)} ms with the CA bundle`,
    target,
  );
startRow('bare `node -e 0`, for reference (median / p90)', 'node');
startRow('ecr-vpce --version (median / p90)', 'version', '≤ 150 ms');
startRow('ecr-vpce --help (median / p90)', 'help', '≤ 150 ms');
startRow('doctor --snapshot classic (median / p90)', 'snapshot', '≤ 300 ms');
row('doctor --snapshot peak RSS', `${t['snapshot plain'].peakRssMiB.toFixed(1)} MiB`, '≤ 100 MiB');
row(
  'without the code cache (ECR_VPCE_CODE_CACHE=off), median; own cost',
  `--help ${t['help no-cache'].median.toFixed(0)} ms; ${own('help no-cache')} ms · doctor --snapshot ${t['snapshot no-cache'].median.toFixed(0)} ms; ${own('snapshot no-cache')} ms`,
);

// 2. Round trips against the emulator through a proxy adding a fixed delay per request
function runDoctor(args, endpoint) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(ROOT, 'bin/run.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('close', (code) => resolve({ code, ms: Number(process.hrtime.bigint() - t0) / 1e6, out }));
  });
}

const moto = await startMoto();
try {
  loads.push(`round trips: ${load()}`);
  const ec2 = client(moto.url);
  const sizes = {
    small: { subnets: 4, routeTables: 2, securityGroups: 3, rulesPerGroup: 2 },
    large: { subnets: 200, routeTables: 100, securityGroups: 300, rulesPerGroup: 3 },
  };
  for (const [name, size] of Object.entries(sizes)) {
    const t0 = Date.now();
    const vpcId = await buildVpc(ec2, size);
    console.log(`(built ${name} VPC ${vpcId} in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    const proxy = await startDelayProxy(moto.url, DELAY_MS);
    const walls = [];
    let calls = 0;
    let waves = 0;
    for (let i = 0; i < 3; i++) {
      proxy.reset();
      const r = await runDoctor(['doctor', '--vpc', vpcId, '--json'], proxy.url);
      if (r.code === 2) throw new Error(`doctor could not diagnose the ${name} VPC: ${r.out.slice(0, 500)}`);
      walls.push(r.ms);
      calls = proxy.calls.length;
      waves = countWaves(proxy.calls);
    }
    await proxy.stop();
    const label = `${size.subnets} subnets, ${size.routeTables} RTs, ${size.securityGroups} SGs`;
    row(`doctor --vpc, ${name} VPC (${label}): API calls`, calls, 'independent of size');
    row(`  sequential waves (+${DELAY_MS} ms per request)`, waves, '≤ 3');
    row(`  wall time, median of 3`, `${median(walls).toFixed(0)} ms`);
  }
  ec2.destroy();

  // 3. Scale out: 50 VPCs (moto's default VPC of each region included) across 3 regions.
  await moto.reset();
  const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
  const t0 = Date.now();
  const estate = await buildEstate(moto.url, regions, 50);
  const vpcs = Object.values(estate).reduce((a, b) => a + b, 0);
  console.log(`(built ${vpcs} VPCs, ${Object.entries(estate).map(([r, n]) => `${r}: ${n}`).join(', ')}, in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  loads.push(`scan: ${load()}`);
  const proxy = await startDelayProxy(moto.url, DELAY_MS);
  for (const concurrency of [1, 4, 8]) {
    proxy.reset();
    const r = await runDoctor(['doctor', '--regions', regions.join(','), '--concurrency', String(concurrency), '--json'], proxy.url);
    const scan = JSON.parse(r.out);
    const failed = scan.targets.filter((t) => t.error).length;
    if (scan.targets.length !== vpcs || failed > 0) throw new Error(`the scan saw ${scan.targets.length}/${vpcs} VPCs, ${failed} failed (exit ${r.code})`);
    row(`doctor --regions (3) --concurrency ${concurrency}, ${vpcs} VPCs: API calls`, `${proxy.calls.length} (${(proxy.calls.length / vpcs).toFixed(1)} per VPC)`, 'no more per VPC than a single run');
    row(`  requests in flight at once (peak)`, proxy.peak);
    row(`  wall time (+${DELAY_MS} ms per request)`, `${(r.ms / 1000).toFixed(1)} s (${(r.ms / vpcs).toFixed(0)} ms per VPC), exit ${r.code}`);
  }
  await proxy.stop();
} finally {
  // moto's child process and timers are unref'd (so tests exit): hold the loop open until it is gone.
  const hold = setInterval(() => {}, 1_000);
  await moto.stop();
  clearInterval(hold);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
const table = ['| measure | result | target |', '| --- | --- | --- |', ...rows.map((r) => `| ${r.what.trim()} | ${r.value} | ${r.target} |`)].join('\n');
writeFileSync(
  join(ROOT, 'bench/RESULTS.md'),
  `# Benchmark results\n\nProduced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${machine}).\n` +
    `Start-up: whole CLI processes, 21 rounds, each round running every case once (interleaved). Median / 90th percentile without NODE_EXTRA_CA_CERTS; "own cost": the median per-round difference with a bare \`node -e 0\` (what the CLI adds to Node's start, steadier on a shared machine); last, the median with NODE_EXTRA_CA_CERTS as this sandbox sets it (every Node process then reads a CA bundle before any JavaScript runs). Round trips: the real CLI against moto_server through a loopback proxy adding ${DELAY_MS} ms to every request. ` +
    `Scale out: one \`doctor --regions\` run per concurrency over 50 VPCs in 3 regions, through the same proxy (moto, on the same machine, answers every region).\n\n` +
    `Load average (1 / 5 / 15 min) when each part started: ${loads.join('; ')}.\n\n${table}\n`,
);
console.log('\nwritten to bench/RESULTS.md');
