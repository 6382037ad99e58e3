// The palette names meanings; NO_COLOR turns colour off and leaves the words.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { colorOf, colorWanted, roleOf, Tinted } from '../../src/ui/theme.js';
import { ROOT } from '../helpers/paths.js';
import { renderWithProviders } from '../helpers/render.js';

test('status, verdict and level words map onto meanings, and meanings onto colours', () => {
  const meanings = Object.fromEntries(
    ['ok', 'warning', 'critical', 'no_data', 'stale', 'pending', 'firing', 'unknown', 'error', 'warn', 'info', 'debug', 'down', 'slow', 'muted', 'accent'].map(
      (w) => [w, roleOf(w)],
    ),
  );
  assert.deepEqual(meanings, {
    ok: 'ok',
    warning: 'warning',
    critical: 'critical',
    no_data: 'muted',
    stale: 'stale',
    pending: 'warning',
    firing: 'critical',
    unknown: 'unknown',
    error: 'critical',
    warn: 'warning',
    info: 'info',
    debug: 'muted',
    down: 'critical',
    slow: 'warning',
    muted: 'muted',
    accent: 'accent',
  });
  assert.deepEqual([colorOf('firing'), colorOf('critical'), colorOf('warn'), colorOf('ok'), colorOf('no_data')], ['red', 'red', 'yellow', 'green', 'gray']);
  assert.equal(roleOf('toString'), undefined, 'only words of the palette, not properties of objects');
  assert.equal(colorOf('manual'), undefined);
});

test('NO_COLOR set and not empty turns colour off (no-color.org); empty or unset leaves it on', () => {
  assert.equal(colorWanted({ NO_COLOR: '1' }), false);
  assert.equal(colorWanted({ NO_COLOR: 'yes' }), false);
  assert.equal(colorWanted({ NO_COLOR: '' }), true);
  assert.equal(colorWanted({}), true);
});

test('without colour, Tinted is its words alone', () => {
  const plain = renderWithProviders(<Tinted kind="critical">CRIT</Tinted>, { color: false }).lastFrame()!;
  assert.equal(plain, 'CRIT');
});

const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

test('no screen names a colour: they name meanings, which theme.tsx alone turns into colours', () => {
  const ui = join(ROOT, 'src/ui');
  for (const file of files(ui).filter((f) => f.endsWith('.tsx') && !f.endsWith('theme.tsx'))) {
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, /\b(color|backgroundColor)=/, file);
    for (const m of text.matchAll(/<Tinted kind="([^"]+)"/g)) assert.ok(roleOf(m[1]), `${file}: kind="${m[1]}" has no meaning`);
  }
});
