import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFailure } from '../../src/sources/types.js';
import { registerSecrets } from '../../src/text/redact.js';
import { fromOutside, fromOutsideLines, visibleControls } from '../../src/text/sanitize.js';

test('escape sequences and C0/C1 controls become visible characters', () => {
  // SGR red, an OSC 52 clipboard write ended by BEL, CR, backspace, NUL, one-byte CSI.
  assert.equal(visibleControls('\x1b[31mred\x1b[0m'), '␛[31mred␛[0m');
  assert.equal(visibleControls('\x1b]52;c;aGk=\x07'), '␛]52;c;aGk=␇');
  assert.equal(visibleControls('ok\rERROR\b\0'), 'ok␍ERROR␈␀');
  assert.equal(visibleControls('a\x9b2Jb\x7f'), 'a\\x9b2Jb␡');
  assert.equal(visibleControls('line1\nline2\tx\v\f'), 'line1␊line2␉x␋␌');
});

test('an OSC 8 hyperlink shows its real target instead of hiding it', () => {
  const link = '\x1b]8;;https://evil.example/\x1b\\https://grafana.example/\x1b]8;;\x1b\\';
  assert.equal(visibleControls(link), '␛]8;;https://evil.example/␛\\https://grafana.example/␛]8;;␛\\');
});

test('bidi overrides, zero-width and tag characters are named, not hidden', () => {
  assert.equal(visibleControls('invoice\u202Efdp.exe'), 'invoice<U+202E>fdp.exe');
  assert.equal(visibleControls('ad\u200Bmin\uFEFF'), 'ad<U+200B>min<U+FEFF>');
  assert.equal(visibleControls('x\u{E0041}'), 'x<U+E0041>');
  assert.equal(visibleControls('p\u2028q'), 'p<U+2028>q');
});

test('ordinary text, including non-Latin scripts and emoji, passes unchanged', () => {
  const s = 'GET /api 500 — échec 失败 🚨 "quoted" \\path';
  assert.equal(visibleControls(s), s);
  assert.equal(fromOutside(s), s);
});

test('a secret is scrubbed before the text is cut, so no prefix of it survives', () => {
  const token = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0aa11bb22cc33dd44ee55ff66';
  registerSecrets([token]);
  const out = fromOutside(`bad header: Authorization: Bearer ${token} rest`, 40);
  assert.equal(out, 'bad header: Authorization: Bearer *** re… (2 more characters)');
  assert.ok(!out.includes(token.slice(0, 8)));
});

test('long text is bounded and says how much was cut', () => {
  const out = fromOutside('x'.repeat(5000), 100);
  assert.equal(out, `${'x'.repeat(100)}… (4900 more characters)`);
});

test('command output keeps its lines (LF or CRLF); a bare CR and the rest are shown; tabs reach 8-column stops', () => {
  assert.equal(fromOutsideLines('a\r\nb\rc\n\tx\n12345678\ty\n'), 'a\nb␍c\n        x\n12345678        y\n');
  assert.equal(fromOutsideLines('\x1b[2J\ttab'), '␛[2J    tab');
  assert.equal(fromOutsideLines('x'.repeat(30), 20), `${'x'.repeat(20)}… (10 more characters)`);
});

test('a failure built outside the adapters still shows its controls when described', () => {
  assert.equal(describeFailure({ kind: 'unreachable', message: 'reset\x1b]52;c;aGk=\x07' }), 'unreachable: reset␛]52;c;aGk=␇');
});
