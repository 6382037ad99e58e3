// The layers, as docs/architecture.md draws them, checked on the import graph
// esbuild resolves from the TypeScript sources (the same resolver the bundle
// uses, so `./x.js` is found as x.ts and a package as the package). Type-only
// imports are erased before resolution: these rules are about what a layer
// loads and runs. A type-only import of the ui from below it is caught by
// Biome's noRestrictedImports (biome.json), which sees every import.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { ROOT } from '../helpers/paths.js';

type Edge = { from: string; to: string; dynamic: boolean };

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

async function importGraph(): Promise<Edge[]> {
  const entryPoints = [...sourcesUnder('src'), ...sourcesUnder('commands')];
  const r = await build({
    absWorkingDir: ROOT,
    entryPoints,
    bundle: true,
    write: false,
    metafile: true,
    outdir: 'dist/boundaries',
    platform: 'node',
    format: 'esm',
    splitting: true,
    packages: 'external',
    jsx: 'automatic',
    logLevel: 'silent',
  });
  const edges: Edge[] = [];
  for (const [from, input] of Object.entries(r.metafile.inputs)) {
    for (const i of input.imports) edges.push({ from, to: i.path, dynamic: i.kind === 'dynamic-import' });
  }
  return edges;
}

/** The layer a file or package belongs to. */
export function layerOf(path: string): string {
  if (!path.startsWith('src/') && !path.startsWith('commands/'))
    return path.startsWith('node:')
      ? path
      : `package:${path
          .split('/')
          .slice(0, path.startsWith('@') ? 2 : 1)
          .join('/')}`;
  if (path.startsWith('commands/')) return 'commands';
  const [, area, ...rest] = path.split('/');
  if (area === 'sources') {
    const file = rest.join('/');
    // What the config and the planner read of a source type: names, fields, capabilities, dialects. No IO.
    if (/^(registry|kind|types|vector-ratio)\.ts$/.test(file) || /^[a-z]+\/(kind|dialect)\.ts$/.test(file)) return 'sources-pure';
    return 'sources';
  }
  return rest.length === 0 ? 'src' : area;
}

const CORE = ['text', 'lang', 'config', 'engine', 'import'];
const UI_PACKAGES = ['package:ink', 'package:react', 'package:@alcalzone/ink-table'];
const IO = [
  'node:fs',
  'node:fs/promises',
  'node:child_process',
  'node:http',
  'node:https',
  'node:net',
  'node:worker_threads',
  'package:undici',
  'package:@sentry/api',
];

/** For each layer, what it must never load. */
const FORBIDDEN: Record<string, string[]> = {
  ...Object.fromEntries(CORE.map((l) => [l, [...UI_PACKAGES, ...IO, 'sources', 'store', 'poller', 'incident', 'demo', 'runtime', 'ui', 'commands']])),
  'sources-pure': [...UI_PACKAGES, ...IO, 'sources', 'engine', 'store', 'poller', 'incident', 'demo', 'runtime', 'ui', 'commands'],
  sources: [...UI_PACKAGES, 'engine', 'store', 'poller', 'incident', 'demo', 'runtime', 'ui', 'commands'],
  store: [...UI_PACKAGES, 'sources', 'poller', 'incident', 'demo', 'runtime', 'ui', 'commands'],
  poller: [...UI_PACKAGES, 'incident', 'demo', 'runtime', 'ui', 'commands'],
  incident: [...UI_PACKAGES, 'demo', 'runtime', 'ui', 'commands'],
  demo: [...UI_PACKAGES, 'poller', 'incident', 'runtime', 'ui', 'commands'],
  runtime: ['ui', 'commands'],
  ui: [...IO, 'sources', 'store', 'demo', 'runtime', 'commands'],
};

/** `edges` that break a rule: "from -> to (layer -> layer)". A dynamic import inside one layer is that layer's business. */
export function violations(edges: Edge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const from = layerOf(e.from);
    const to = layerOf(e.to);
    if (from === to || (e.dynamic && from === 'sources-pure' && to === 'sources')) continue;
    if (FORBIDDEN[from]?.includes(to)) out.push(`${e.from} -> ${e.to} (${from} -> ${to})`);
  }
  return out.sort();
}

/** Every cycle of static imports among the project's files, each as the files around it. */
export function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (!e.dynamic && (e.to.startsWith('src/') || e.to.startsWith('commands/'))) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of next.get(f) ?? []) {
      if (state.get(t) === 'open') found.push(stack.slice(stack.indexOf(t)));
      else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...next.keys()].sort()) if (!state.has(f)) visit(f);
  return found;
}

const edges = await importGraph();

test('the rules bite: each kind of arrow the layers forbid is named, and allowed ones are not', () => {
  const e = (from: string, to: string, dynamic = false): Edge => ({ from, to, dynamic });
  assert.deepEqual(
    violations([
      e('src/engine/evaluate.ts', 'ink'),
      e('src/config/load.ts', 'node:fs'),
      e('src/engine/evaluate.ts', 'src/sources/prometheus/client.ts'),
      e('src/sources/prometheus/client.ts', 'src/engine/state.ts'),
      e('src/sources/prometheus/kind.ts', 'src/sources/prometheus/client.ts'),
      e('src/ui/hooks/useIncident.ts', 'src/store/timeline.ts'),
      e('src/ui/WatchApp.tsx', 'src/sources/http.ts'),
      e('src/incident/deps.ts', 'src/ui/IncidentApp.tsx'),
      e('src/runtime/runtime.ts', 'src/ui/WatchApp.tsx'),
      // Allowed: the config reads the registry, a kind loads its client when asked, commands use the ui, the ui reads the engine.
      e('src/config/compile.ts', 'src/sources/registry.ts'),
      e('src/sources/prometheus/kind.ts', 'src/sources/prometheus/client.ts', true),
      e('commands/watch.tsx', 'src/ui/run-watch.tsx'),
      e('src/ui/SloTable.tsx', 'src/engine/state.ts'),
      e('src/engine/evaluate.ts', 'src/sources/types.ts'),
    ]),
    [
      'src/config/load.ts -> node:fs (config -> node:fs)',
      'src/engine/evaluate.ts -> ink (engine -> package:ink)',
      'src/engine/evaluate.ts -> src/sources/prometheus/client.ts (engine -> sources)',
      'src/incident/deps.ts -> src/ui/IncidentApp.tsx (incident -> ui)',
      'src/runtime/runtime.ts -> src/ui/WatchApp.tsx (runtime -> ui)',
      'src/sources/prometheus/client.ts -> src/engine/state.ts (sources -> engine)',
      'src/sources/prometheus/kind.ts -> src/sources/prometheus/client.ts (sources-pure -> sources)',
      'src/ui/WatchApp.tsx -> src/sources/http.ts (ui -> sources)',
      'src/ui/hooks/useIncident.ts -> src/store/timeline.ts (ui -> store)',
    ],
  );
  assert.deepEqual(
    cycles([e('src/a.ts', 'src/b.ts'), e('src/b.ts', 'src/c.ts'), e('src/c.ts', 'src/a.ts'), e('src/c.ts', 'src/d.ts'), e('src/d.ts', 'src/a.ts', true)]),
    [['src/a.ts', 'src/b.ts', 'src/c.ts']],
  );
});

test('the project keeps its layers: no forbidden import anywhere', () => {
  assert.ok(edges.length > 500, `the graph has ${edges.length} imports: too few to be the project's`);
  assert.deepEqual(violations(edges), []);
});

test("no import cycle among the project's files", () => {
  assert.deepEqual(cycles(edges), []);
});
