/**
 * A loopback HTTP proxy in front of the emulator that records every request it forwards. The fix
 * plan's `aws` commands run through it, so one run both changes the emulated account and leaves
 * the exact wire requests (EC2 query parameters) to assert on — which is how the tests cover the
 * fixes moto accepts but does not model. (nock cannot see them: `aws` is a separate process.)
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  /** The form-encoded body parsed (EC2 query protocol: Action, Version, parameters). */
  params: URLSearchParams;
  /** The X-Amz-Target header of JSON-protocol calls (ECR, ECS, CloudWatch JSON), if any. */
  target?: string;
}

export interface RecordingProxy {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** The recorded EC2 calls, as { Action, ...parameters } objects. */
  actions(): Array<Record<string, string>>;
  clear(): void;
  stop(): Promise<void>;
}

// Hop-by-hop or recomputed by fetch: forwarding them would corrupt the request.
const DROP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'expect', 'keep-alive']);

function forwardHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !DROP.has(k)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const amzTarget = req.headers['x-amz-target'];
    requests.push({
      method,
      path: req.url ?? '/',
      params: new URLSearchParams(body.toString('utf8')),
      target: typeof amzTarget === 'string' ? amzTarget : undefined,
    });
    try {
      const upstream = await fetch(`${target}${req.url ?? '/'}`, {
        method,
        headers: forwardHeaders(req.headers),
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/xml' });
      res.end(answer);
    } catch (err) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`recording proxy: ${(err as Error).message}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    actions: () => requests.map((r) => Object.fromEntries(r.params)),
    clear: () => void requests.splice(0),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
