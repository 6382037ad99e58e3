// Text in a config is the user's file, but it can come from elsewhere (an
// imported dashboard, a teammate's commit): its control characters are shown,
// never obeyed, while the line breaks of a multi-line query still work.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { mdText } from '../../src/text/markdown.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';

const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e\u200b]/;
const LINK = '\u001b]8;;https://evil.example/\u0007https://grafana.example/\u001b]8;;\u0007';

test('controls in config text become visible; a multi-line query keeps its lines', () => {
  const yaml = [
    'version: 1',
    'service: "svc\\e[2J"',
    'sources: { prometheus: { url: "http://127.0.0.1:9" } }',
    'slos:',
    `  - id: S1`,
    `    name: "${LINK.replace(/\u001b/g, '\\e').replace(/\u0007/g, '\\a')} \\u202Egnp.exe"`,
    '    source: prometheus',
    '    unit: s',
    '    objective: "< 500ms"',
    '    query: |',
    '      histogram_quantile(0.95,',
    '        sum by (le) (rate(http_request_duration_seconds_bucket[$window])))',
  ].join('\n');
  const r = parseConfig(yaml, {});
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  assert.equal(r.config.service, 'svc␛[2J');
  assert.equal(r.config.slos[0].name, '␛]8;;https://evil.example/␇https://grafana.example/␛]8;;␇ <U+202E>gnp.exe');
  const slo = r.config.slos[0];
  assert.ok(slo.kind === 'threshold');
  assert.match(slo.query, /^histogram_quantile\(0\.95,\n {2}sum by \(le\)/, 'the query keeps its line break');
});

test('import grafana: a panel title with escapes is made visible on stdout and stderr', async () => {
  const dashboard = JSON.parse(readFileSync(`${ROOT}test/fixtures/import/grafana/blackbox-exporter.json`, 'utf8'));
  for (const p of dashboard.panels) p.title = `${p.title}${LINK}\r\u001b]52;c;aGk=\u0007`;
  const dir = mkdtempSync(join(tmpdir(), 'oncall-import-esc-'));
  const file = join(dir, 'board.json');
  writeFileSync(file, JSON.stringify(dashboard));
  const r = await runCli(['import', 'grafana', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, RAW);
  assert.doesNotMatch(r.stderr, RAW);
  assert.match(r.stdout + r.stderr, /␛\]8;;https:\/\/evil\.example\/␇https:\/\/grafana\.example\/␛\]8;;␇␍␛\]52;c;aGk=␇/);
});

test('a committed timeline with escapes: the postmortem built from it shows them, never holds them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-timeline-esc-'));
  const T0 = Date.parse('2026-11-23T14:00:00Z');
  const esc = `${LINK}\r\u001b]52;c;aGk=\u0007\u001b[2J\u202e`;
  const records = [
    { t: T0, kind: 'opened', playbook: 'docuseal', severity: 'P2' },
    { t: T0 + 1000, kind: 'probe', step: 0, ok: false, summary: `503 ${esc}` },
    { t: T0 + 2000, kind: 'note', step: 0, text: `note ${esc}` },
    { t: T0 + 3000, kind: 'cause', text: `cause ${esc}` },
    { t: T0 + 4000, kind: 'run', step: 0, command: `echo ${esc}`, exit: 0, output: `line1\n${esc}` },
    { t: T0 + 5000, kind: 'resolved' },
  ];
  writeFileSync(join(dir, '2026-11-23-docuseal.jsonl'), `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  const r = await runCli(['incident', 'docuseal', '--demo', '--dir', dir, '--postmortem']);
  assert.equal(r.code, 0, r.stderr);
  const md = readFileSync(join(dir, '2026-11-23-docuseal.md'), 'utf8');
  assert.doesNotMatch(md, RAW);
  // Made visible, then escaped as Markdown so that it renders as that text (test/unit/markdown-gate.test.ts).
  assert.ok(md.includes(`: ${mdText('note ␛]8;;https://evil.example/␇https://grafana.example/␛]8;;␇␍␛]52;c;aGk=␇␛[2J<U+202E>')}`), md);
  assert.ok(md.includes(`## Root cause\n\n${mdText('cause ␛]8;;')}`), md);
});

test('a config that is /dev/zero, a FIFO or a folder is one error line, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-config-special-'));
  const fifo = join(dir, 'fifo.yaml');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo (coreutils) is needed for this test');
  symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
  for (const [name, why] of [
    ['zero.yaml', 'is not a regular file'],
    ['fifo.yaml', 'is not a regular file'],
    ['.', 'is a directory, not a config file'],
  ]) {
    const path = join(dir, name);
    const r = await runCli(['validate', '--config', path]);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    assert.equal(r.stderr, `${path}: 1 error\n${path}: ${why}\n`);
  }
});

test('deploy --release with escapes records and prints them visible', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-deploy-esc-'));
  const r = await runCli(['deploy', '--demo', '--state-dir', dir, '--release', `v2${LINK}\r`]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, RAW);
  assert.match(r.stdout, /^recorded deploy of practice-hub v2␛\]8;;https:\/\/evil\.example\/␇https:\/\/grafana\.example\/␛\]8;;␇␍ at /);
});
