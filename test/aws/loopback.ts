/**
 * Real loopback servers for the faults nock cannot play with SDK v3: a socket reset (nock 14's
 * replyWithError never settles the SDK's request) and a server that accepts and never answers.
 */
import { createServer as createHttpServer, request } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface Loopback {
  readonly url: string;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Connections still open (the client has not closed them). */
  openSockets(): number;
  close(): Promise<void>;
}

/** Accepts connections, reads what is sent, never answers: a stuck API or a black-holing firewall. */
export async function blackHole(): Promise<Loopback> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('data', () => {}); // read and ignore
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  const url = await listen(server);
  return {
    url,
    get accepted() {
      return accepted;
    },
    openSockets: () => sockets.size,
    close: () => closeAll(server, sockets),
  };
}

/**
 * An HTTP server on loopback that destroys the socket of every request `reset` picks (the client
 * sees ECONNRESET / socket hang up) and forwards the others to `upstream` (a nock host, so the
 * fake API answers them).
 */
export async function resettingProxy(upstream: string, reset: (params: URLSearchParams) => boolean): Promise<Loopback & { resets: number }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  let resets = 0;
  const server = createHttpServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (reset(new URLSearchParams(body.toString('utf8')))) {
      resets++;
      req.socket.destroy();
      return;
    }
    const { host: _host, ...headers } = req.headers;
    const forward = request(`${upstream}${req.url ?? '/'}`, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', (err) => {
      res.writeHead(502);
      res.end(String(err));
    });
    forward.end(body);
  });
  server.on('connection', (socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const url = await listen(server);
  return {
    url,
    get accepted() {
      return accepted;
    },
    get resets() {
      return resets;
    },
    openSockets: () => sockets.size,
    close: () => closeAll(server, sockets),
  };
}

function listen(server: ReturnType<typeof createServer> | ReturnType<typeof createHttpServer>): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function closeAll(server: { close(cb: () => void): void }, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
