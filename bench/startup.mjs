// Start-up benchmark: median wall time and peak RSS of whole CLI processes.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/run.js');
// Prints the child's peak RSS on exit, so the harness stays Node-only (no /usr/bin/time).
const RSS_HOOK = join(ROOT, 'bench/rss-hook.cjs');

/**
 * Times each case (`{ name: { args, env? } }`; args after `node`, `BIN` for the CLI) `runs` times,
 * interleaved so that a busy moment of the shared machine hits every case alike.
 */
export function measureInterleaved(cases, runs = 15) {
  const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, { times: [], rss: [] }]));
  for (let i = 0; i < runs; i++) {
    for (const [name, { args, env = process.env }] of Object.entries(cases)) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['--require', RSS_HOOK, ...args.map((a) => (a === 'BIN' ? BIN : a))], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...env, NO_COLOR: '1' },
      });
      samples[name].times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      const m = /__peak_rss_kb=(\d+)/.exec(r.stderr);
      if (m) samples[name].rss.push(Number(m[1]) / 1024);
      if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, s]) => [
      name,
      { times: s.times, median: median(s.times), p90: percentile(s.times, 0.9), peakRssMiB: Math.max(...s.rss) },
    ]),
  );
}

/**
 * Median of the per-round differences between two cases measured together: the CLI's own cost
 * over a bare Node start, steadier than either median when the shared machine's speed drifts.
 */
export function pairedMedian(a, b) {
  return median(a.times.map((t, i) => t - b.times[i]));
}

export function median(xs) {
  return percentile(xs, 0.5);
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}
