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

// Parts of Ink swapped for versions of our own that give the same answers at
// less cost (test/unit/ink-paths.test.ts compares them):
// - Ink and widest-line measure text with string-width, which segments every
//   non-ASCII string into graphemes; src/ui/text-width.ts answers the narrow
//   characters the screens are drawn with directly and hands it the rest. Only
//   the copy Ink's own version resolves to is swapped: wrap-ansi keeps the
//   older one it pins.
// - Ink's output builds every frame cell by cell and tokenizes each line
//   afresh; src/ui/ink-output.ts redraws only the rows written differently
//   from the ones it remembers, and src/ui/ink-tokenize.ts remembers the lines
//   of recent frames.
// - Ink's measureText and wrapText keep every text they ever saw; a watch left
//   open for hours sees new values and log lines every cycle. Ours keep those
//   of recent frames.
const ink = `${root}node_modules/ink/build/`;
const swaps = [
  { filter: /^string-width$/, by: `${root}dist/src/ui/text-width.js`, real: `${root}node_modules/string-width/index.js` },
  { filter: /^\.\/output\.js$/, by: `${root}dist/src/ui/ink-output.js`, real: `${ink}output.js` },
  { filter: /^\.\/measure-text\.js$/, by: `${root}dist/src/ui/ink-measure-text.js`, real: `${ink}measure-text.js` },
  { filter: /^\.\/wrap-text\.js$/, by: `${root}dist/src/ui/ink-wrap-text.js`, real: `${ink}wrap-text.js` },
];
const inkPaths = {
  name: 'ink-paths',
  setup(b) {
    for (const swap of swaps) {
      b.onResolve({ filter: swap.filter }, async (args) => {
        if (args.importer === swap.by || args.pluginData === swap) return undefined;
        const real = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: swap });
        if (real.path !== swap.real) return real;
        swap.applied = true;
        return { path: swap.by };
      });
    }
  },
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
await build({ ...screens, entryPoints: { oncall: 'dist/commands/cli.js', 'decode-worker': 'dist/src/sources/decode-worker.js' }, outdir: 'dist/bundle', plugins: [inkPaths] });
// A new Ink that moved these paths would otherwise lose the swaps without a word.
for (const swap of swaps) if (!swap.applied) throw new Error(`bundle: nothing imported ${swap.filter} where ${swap.by} should replace it`);
// `--bench`: the bench's baseline too, bundled the same way, so that its --once
// overhead also compares like with like (undici bundled in both). Only
// `npm run bench` needs it; the test and demo builds skip it.
if (process.argv.includes('--bench')) {
  await build({ ...shared, entryPoints: ['dist/bench/baseline.js'], outfile: 'dist/bench/baseline.bundle.js' });
  // The frame bench, as oncall bundles Ink, and once more with Ink as it comes, for the difference.
  const frames = { ...screens, entryPoints: { frames: 'dist/bench/frames.js' } };
  await build({ ...frames, outdir: 'dist/bench/frames', plugins: [inkPaths] });
  await build({ ...frames, outdir: 'dist/bench/frames-ink' });
}
