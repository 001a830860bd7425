// Start-up benchmark: median wall time and peak RSS of whole CLI processes.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/run.js');
// Prints the child's peak RSS on exit, so the harness stays Node-only (no /usr/bin/time).
const RSS_HOOK = join(ROOT, 'bench/rss-hook.cjs');

export function measure(args, runs = 15) {
  const times = [];
  const rss = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', RSS_HOOK, BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const m = /__peak_rss_kb=(\d+)/.exec(r.stderr);
    if (m) rss.push(Number(m[1]) / 1024);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return { median: median(times), p90: percentile(times, 0.9), peakRssMiB: Math.max(...rss) };
}

export function median(xs) {
  return percentile(xs, 0.5);
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}
