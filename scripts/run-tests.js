#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
// Runs every compiled test file with Node's own test runner. Node 20's --test
// takes no globs, so the files are listed here; ONCALL_TESTS=unit narrows it.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../dist/test/', import.meta.url));
const only = process.env.ONCALL_TESTS;
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js') && (!only || p.includes(`/${only}/`))) files.push(p);
  }
};
walk(root);
if (files.length === 0) {
  console.error('no test files found under dist/test; did the build run?');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
