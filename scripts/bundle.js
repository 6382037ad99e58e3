#!/usr/bin/env node
// Bundles tsc's output into dist/bundle/, which bin/oncall.js runs. Node spends
// most of a short run (`watch --once`) finding, reading and compiling hundreds of
// small module files; one bundle, with zod's unused locales shaken out, starts
// ~0.1 s sooner (bench/run.ts measures it). The screens, the simulator and
// @sentry/api stay in chunks of their own, loaded only by the runs that use them.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // The CommonJS packages inside (undici, yaml, commander, react) call require()
  // for Node's own modules, which an ES module does not have.
  banner: { js: "import { createRequire as __oncallRequire } from 'node:module'; const require = __oncallRequire(import.meta.url);" },
};

// What draws screens: the CLI, and the frame bench below.
const screens = {
  ...shared,
  splitting: true,
  // React's production build: the development one costs every render ten times over.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink loads its devtools only when DEV=true, and they are not a dependency.
  external: ['react-devtools-core'],
};

rmSync(`${root}dist/bundle`, { recursive: true, force: true });
// The worker that decodes large answers (src/sources/decode.ts) is started from its own file, next to the chunks.
await build({ ...screens, entryPoints: { oncall: 'dist/commands/cli.js', 'decode-worker': 'dist/src/sources/decode-worker.js' }, outdir: 'dist/bundle' });
// `--bench`: the bench's baseline too, bundled the same way, so that its --once
// overhead also compares like with like (undici bundled in both). Only
// `npm run bench` needs it; the test and demo builds skip it.
if (process.argv.includes('--bench')) {
  await build({ ...shared, entryPoints: ['dist/bench/baseline.js'], outfile: 'dist/bench/baseline.bundle.js' });
  // The frame bench and the render soak, with Ink bundled as oncall bundles it.
  await build({ ...screens, entryPoints: { frames: 'dist/bench/frames.js' }, outdir: 'dist/bench/frames' });
  await build({ ...screens, entryPoints: { soak: 'dist/bench/soak.js' }, outdir: 'dist/bench/soak' });
}
