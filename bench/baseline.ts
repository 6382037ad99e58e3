// The floor oncall's --once is compared with: the same HTTP queries, sent with
// undici at the same concurrency, printed, and nothing else.
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';

interface Req {
  origin: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers: Record<string, string>;
}

const reqs: Req[] = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pools = new Map<string, Pool>();
const pool = (origin: string) => pools.get(origin) ?? pools.set(origin, new Pool(origin, { connections: 4 })).get(origin)!;
const byOrigin = new Map<string, Req[]>();
for (const r of reqs) byOrigin.set(r.origin, [...(byOrigin.get(r.origin) ?? []), r]);
const out: unknown[] = [];
await Promise.all(
  [...byOrigin.values()].map(async (list) => {
    const queue = [...list];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let r = queue.shift(); r; r = queue.shift()) {
          const res = await pool(r.origin).request({ method: r.method, path: r.path, body: r.body, headers: r.headers });
          out.push(JSON.parse(await res.body.text()));
        }
      }),
    );
  }),
);
process.stdout.write(`${JSON.stringify(out)}\n`);
await Promise.all([...pools.values()].map((p) => p.close()));
