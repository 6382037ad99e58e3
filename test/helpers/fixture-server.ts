// A test double that replies with fixture bytes exactly as captured, and
// records what the client sent.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** Never answer. */
  hang?: boolean;
}

export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  /** The request body as sent (a JSON one is not a form); absent from the hostile server's. */
  body?: string;
  headers: IncomingHttpHeaders;
}

export interface FixtureServer {
  url: string;
  seen: Seen[];
  connections: number;
  reply(handler: (req: Seen) => Reply): void;
  close(): Promise<void>;
}

export async function fixtureServer(handler: (req: Seen) => Reply): Promise<FixtureServer> {
  let current = handler;
  const seen: Seen[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const state = { connections: 0 };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const s: Seen = { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, form: new URLSearchParams(raw), body: raw, headers: req.headers };
      seen.push(s);
      const r = current(s);
      if (r.reset) return req.socket.destroy();
      if (r.hang) return;
      // A header given as '' is one the captured answer did not have.
      const headers = Object.entries({ 'content-type': 'application/json', ...r.headers }).filter(([, v]) => v !== '');
      res.writeHead(r.status, Object.fromEntries(headers));
      res.end(r.body);
    });
  });
  server.on('connection', (s) => {
    state.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    get connections() {
      return state.connections;
    },
    reply(h) {
      current = h;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A loopback URL where nothing listens: a port taken and released. */
export async function deadUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}
