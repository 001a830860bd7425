// A loopback proxy in front of the emulator that holds every request for a fixed delay (a
// stand-in for the network distance to AWS) and records when each started and ended, so the
// benchmark can count calls and sequential waves.
import { createServer } from 'node:http';

export async function startDelayProxy(target, delayMs) {
  const calls = [];
  const t0 = Date.now();
  // Requests held at once: what the CLI's concurrency really put on the wire.
  let inFlight = 0;
  let peak = 0;
  const server = createServer(async (req, res) => {
    peak = Math.max(peak, ++inFlight);
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const start = Date.now() - t0;
    const op = new URLSearchParams(body.toString('utf8')).get('Action') ?? String(req.headers['x-amz-target'] ?? `${req.method} ${req.url}`).split('.').pop();
    await new Promise((r) => setTimeout(r, delayMs));
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length', 'transfer-encoding', 'expect'].includes(k)),
    );
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
    const answer = Buffer.from(await upstream.arrayBuffer());
    calls.push({ op, start, end: Date.now() - t0 });
    inFlight--;
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/xml' });
    res.end(answer);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    calls,
    get peak() {
      return peak;
    },
    reset: () => {
      calls.splice(0);
      peak = 0;
    },
    stop: () => new Promise((r) => server.close(r)),
  };
}

/**
 * Sequential waves: a call belongs to a new wave when it starts after an earlier call ended
 * (it could have been waiting for that answer). Calls started together form one wave.
 */
export function countWaves(calls) {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  let waves = 0;
  let waveEnd = -Infinity;
  for (const c of sorted) {
    if (c.start >= waveEnd) {
      waves++;
      waveEnd = Infinity;
    }
    waveEnd = Math.min(waveEnd, c.end);
  }
  return waves;
}
