// The package as a user gets it: packed, installed with --omit=dev into an
// empty prefix, and run from there, with nothing of this checkout in reach.
// The suite has just built dist/, so the pack skips its prepack build.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT } from '../helpers/paths.js';
import { requireTmux, TmuxSession } from '../helpers/tmux.js';

requireTmux();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const dir = mkdtempSync(join(tmpdir(), 'oncall-pack-'));
// A cache of its own, offline: the install must need nothing from a registry.
const npmOpts = ['--offline', '--cache', join(dir, 'cache'), '--no-audit', '--no-fund', '--loglevel=error'];
let tarball = '';

const npm = (args: string[], cwd: string) => {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(r.status, 0, `npm ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r;
};

before(() => {
  npm(['pack', '--ignore-scripts', '--pack-destination', dir, ...npmOpts], ROOT);
  tarball = join(dir, `${pkg.name}-${pkg.version}.tgz`);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the tarball holds what runs and nothing else', () => {
  const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((f) => f.replace(/^package\//, ''));
  for (const f of ['bin/oncall.js', 'dist/bundle/oncall.js', 'dist/bundle/decode-worker.js', 'examples/demo.yaml', 'README.md', 'LICENSE', 'package.json'])
    assert.ok(files.includes(f), `${f} is in the package`);
  const stray = files.filter((f) => !/^(bin\/|dist\/bundle\/|examples\/|README\.md$|LICENSE$|package\.json$)/.test(f));
  assert.deepEqual(stray, [], 'no tests, sources, benches or CI files');
  // Everything the bundle needs is inside it: installing pulls no dependency.
  const manifest = JSON.parse(execFileSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
  assert.equal(manifest.dependencies, undefined);
  assert.equal((manifest.scripts as Record<string, string>).postinstall, undefined, 'no install script to fail on a user machine');
});

test('installed globally with --omit=dev into an empty prefix, it runs', async () => {
  const prefix = join(dir, 'prefix');
  npm(['install', '-g', '--prefix', prefix, '--omit=dev', ...npmOpts, tarball], dir);
  const oncall = join(prefix, 'bin', 'oncall');
  assert.ok(existsSync(oncall));
  const elsewhere = join(dir, 'cwd');
  mkdirSync(elsewhere);

  assert.equal(execFileSync(oncall, ['--version'], { cwd: elsewhere, encoding: 'utf8' }).trim(), pkg.version);
  const once = JSON.parse(execFileSync(oncall, ['watch', '--demo', '--once', '--json'], { cwd: elsewhere, encoding: 'utf8' })) as {
    service: string;
    slos: Array<{ id: string; status: string }>;
  };
  assert.equal(once.service, 'practice-hub');
  assert.deepEqual(
    once.slos.map((s) => s.id),
    ['SLO-001', 'SLO-002', 'SLO-003', 'SLO-004', 'SLO-005', 'SLO-006'],
  );

  const tty = new TmuxSession(`oncall-pack-${process.pid}`);
  try {
    tty.start(100, 30, `cd ${elsewhere} && ${oncall} watch --demo --speed 20`);
    const screen = await tty.screenWhere((s) => s.includes('SLO-006') && s.includes('sentry ● ok'), 'the first screen with data');
    assert.match(screen, /^practice-hub · production · deployed/m);
  } finally {
    tty.kill();
  }
});

test('npx on the tarball runs it', () => {
  const cwd = join(dir, 'npx');
  mkdirSync(cwd);
  const r = npm(['exec', '--yes', ...npmOpts, `--package=${tarball}`, '--', 'oncall', '--version'], cwd);
  assert.equal(r.stdout.trim(), pkg.version);
});
