// A hostile or unlucky config: alias bombs, nesting too deep for any reader,
// merge keys of the wrong kind, durations no timer can hold, an incidents
// folder that cannot be one. Each is one error line under its path and exit 2.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { incidentsDirProblem } from '../../commands/incidents-dir.js';
import { parseConfig } from '../../src/config/load.js';
import { readYaml, readYamlDocuments } from '../../src/config/yaml-docs.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/paths.js';

const DESIGN_ENV = { SENTRY_AUTH_TOKEN: 'design-token-1234', DOCUSEAL_HOST: 'https://docuseal.internal' };
const design = readFileSync(`${ROOT}examples/design-example.yaml`, 'utf8');
const edit = (from: string, to: string) => {
  assert.ok(design.includes(from), `example contains ${from}`);
  return design.replace(from, to);
};

function errorsOf(yaml: string): string[] {
  const r = parseConfig(yaml, DESIGN_ENV);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

const laughs = [
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...'bcdefghi'.split('').map((x, i) => `${x}: &${x} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
].join('\n');
const mergeBomb = [
  'a: &a {k0: 1, k1: 1, k2: 1}',
  ...'bcdefghij'
    .split('')
    .map(
      (x, i) => `${x}: &${x} {<<: [*${'abcdefghi'[i]}, *${'abcdefghi'[i]}], ${Array.from({ length: 9 }, (_, j) => `${x}${j}: *${'abcdefghi'[i]}`).join(', ')}}`,
    ),
].join('\n');
const indented = (levels: number) => `${Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`;

test('alias bombs are one error, however the aliases are spelled', () => {
  const bomb = ['(yaml): Excessive alias count indicates a resource exhaustion attack (more than 10000 uses of aliases)'];
  assert.deepEqual(errorsOf(laughs), bomb);
  assert.deepEqual(errorsOf(mergeBomb), bomb);
  // Aliases as keys: the yaml package stringifies them, and counts them all the same.
  const keys = ['a0: &a0 [x, x]', ...Array.from({ length: 30 }, (_, i) => `? &a${i + 1} [*a${i}, *a${i}]\n: 1`)].join('\n');
  assert.deepEqual(errorsOf(keys), bomb);
});

test('nesting deeper than 64 levels is an error at its line, never a stack overflow', () => {
  const deep = (line: number, col: number) => [`line ${line}:${col}: nested deeper than 64 levels`];
  // The 65th `[` is the first too many: 3 characters of "a: " and 64 brackets before it.
  assert.deepEqual(errorsOf(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`), deep(1, 68));
  assert.deepEqual(errorsOf(`a: ${'['.repeat(100_000)}`), deep(1, 68), 'unclosed');
  assert.deepEqual(errorsOf(`a: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}`), deep(1, 260));
  assert.deepEqual(errorsOf(`${'- '.repeat(100_000)}1`), deep(1, 129));
  assert.deepEqual(errorsOf(`${'? '.repeat(100_000)}1`), deep(1, 129));
  // Block mappings, one more space a level: the 65th mapping starts on line 65, column 65.
  assert.deepEqual(errorsOf(indented(100)), deep(65, 65));
  // Past what the yaml composer holds on the stack (about 800 levels here), it stops itself; where depends on the stack.
  const past = errorsOf(indented(3000));
  assert.equal(past.length, 1);
  assert.match(past[0], /^line (\d+):\1: nested deeper than 64 levels$/);
});

test('64 levels are read; 65 are not, also through aliases and in a stream of documents', () => {
  const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  assert.ok(readYaml(nest(64)).value.ok);
  assert.deepEqual(readYaml(nest(65)).value, { ok: false, message: 'nested deeper than 64 levels', line: 1, col: 65 });
  // Each part is shallow; the alias puts 40 levels inside 30.
  assert.deepEqual(errorsOf(`a: &a ${nest(40)}\nb: ${'['.repeat(30)}*a${']'.repeat(30)}\n`), [
    'b[0][0][0]...: nested deeper than 64 levels through its aliases',
  ]);
  // An alias inside its own anchor is a cycle: endlessly deep.
  assert.deepEqual(errorsOf('a: &a [*a]\n'), ['a[0][0][0]...: nested deeper than 64 levels through its aliases']);
  assert.deepEqual(errorsOf('a: &a {b: *a}\n'), ['a.b.b.b...: nested deeper than 64 levels through its aliases']);
  assert.deepEqual(readYamlDocuments(`x: 1\n---\n${nest(70)}\n`), [{ ok: false, message: 'nested deeper than 64 levels', line: 3, col: 65 }]);
  assert.deepEqual(
    readYamlDocuments(`x: 1\n---\n${nest(60)}\n`).map((d) => d.ok),
    [true, true],
  );
});

test('a merge key of the wrong kind points at its value, where the yaml package throws', () => {
  const wrong = (line: number, col: number) => [`line ${line}:${col}: a merge key (<<) takes a map, an alias of one, or a list of those`];
  assert.deepEqual(errorsOf('a: &a [1]\nb:\n  <<: *a\n'), wrong(3, 7));
  assert.deepEqual(errorsOf('b:\n  <<: 1\n'), wrong(2, 7));
  assert.deepEqual(errorsOf('b: {<<: [1, 2]}\n'), wrong(1, 9));
  assert.deepEqual(errorsOf('a: &a x\nb: {<<: *a}\n'), wrong(2, 9));
  // Maps, aliases of maps and lists of them merge as before.
  const merged = parseConfig(
    `x: &sev { title: Critical }\n${design}`.replace('P1: { title: Critical - service down, respond: 15m }', 'P1: { <<: [*sev], respond: 15m }'),
    DESIGN_ENV,
  );
  assert.deepEqual(merged.ok ? [] : merged.errors.map((e) => e.path), ['x']);
});

test('refresh and timeouts are bounded where they become timers', () => {
  const range = (path: string, value: string, allowed: string) => [`${path}: "${value}" is out of range (${allowed})`];
  assert.deepEqual(errorsOf(edit('refresh: 15s', 'refresh: 25d')), range('refresh', '25d', '1s to 1h'));
  assert.deepEqual(errorsOf(edit('refresh: 15s', 'refresh: 1ms')), range('refresh', '1ms', '1s to 1h'));
  assert.deepEqual(errorsOf(edit('refresh: 15s', 'refresh: "0"')), range('refresh', '0', '1s to 1h'));
  assert.deepEqual(errorsOf(edit('refresh: 15s', 'refresh: 15s\ntimeout: 0s')), range('timeout', '0s', '100ms to 2m'));
  assert.deepEqual(errorsOf(edit('refresh: 15s', 'refresh: 15s\ntimeout: 25d')), range('timeout', '25d', '100ms to 2m'));
  assert.deepEqual(
    errorsOf(edit('http://127.0.0.1:9090}" }', 'http://127.0.0.1:9090}", timeout: 99ms }')),
    range('sources.prometheus.timeout', '99ms', '100ms to 2m'),
  );
  assert.deepEqual(
    errorsOf(edit('/health", expect: 200 }', '/health", expect: 200, timeout: 3m }')),
    range('playbooks[0].steps[0].probe.timeout', '3m', '100ms to 2m'),
  );
  assert.deepEqual(errorsOf(edit('respond: 15m', 'respond: 0s')), ['severities.P1.respond: "0s" must be longer than 0s']);
  // So many digits that the number is Infinity is no duration at all.
  assert.deepEqual(errorsOf(edit('refresh: 15s', `refresh: ${'9'.repeat(400)}s`)), [
    `refresh: "${'9'.repeat(400)}s" is not a duration (expected like 15s, 5m, 2h, 7d)`,
  ]);
  // The edges are allowed.
  const edges = parseConfig(
    edit('refresh: 15s', 'refresh: 1h\ntimeout: 100ms').replace('/health", expect: 200 }', '/health", expect: 200, timeout: 2m }'),
    DESIGN_ENV,
  );
  assert.ok(edges.ok, edges.ok ? '' : JSON.stringify(edges.errors));
  assert.deepEqual([edges.config.refreshMs, edges.config.sources.loki.timeoutMs], [3_600_000, 100]);
});

test('an incidents folder that cannot be one says why', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-incdir-'));
  writeFileSync(join(dir, 'file'), '');
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
  symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
  const q = (p: string) => JSON.stringify(join(dir, p));
  assert.equal(incidentsDirProblem(join(dir, 'file')), `${q('file')} is a file, not a folder`);
  assert.equal(incidentsDirProblem(join(dir, 'file/sub/deeper')), `${q('file/sub/deeper')} is under ${q('file')}, which is a file`);
  assert.equal(incidentsDirProblem(join(dir, 'dangling')), `${q('dangling')} is a symlink to ${q('nowhere')}, which does not exist`);
  assert.equal(
    incidentsDirProblem(join(dir, 'dangling/sub')),
    `${q('dangling/sub')} is under ${q('dangling')}, which is a symlink to ${q('nowhere')}, which does not exist`,
  );
  assert.equal(incidentsDirProblem(join(dir, 'loop')), `${q('loop')} is a symlink loop`);
  assert.equal(incidentsDirProblem(join(dir, 'new/folders')), null, 'made when the first incident opens');
  assert.equal(incidentsDirProblem(dir), null);
});

const ROOT_USER = process.getuid?.() === 0;

/**
 * What incidentsDirProblem says, asked as an ordinary user: root writes into
 * any folder, so under root (as in CI) the check runs in a child as nobody.
 */
function problemAsUser(dir: string): string | null {
  if (!ROOT_USER) return incidentsDirProblem(dir);
  // The checkout may sit in a folder nobody cannot enter (mktemp's are 0700): the module, which needs only node:, is copied out.
  const copy = join(mkdtempSync(join(tmpdir(), 'oncall-as-nobody-')), 'incidents-dir.mjs');
  copyFileSync(fileURLToPath(new URL('../../commands/incidents-dir.js', import.meta.url)), copy);
  chmodSync(dirname(copy), 0o755);
  const code = `import(${JSON.stringify(pathToFileURL(copy).href)}).then((m) => process.stdout.write(JSON.stringify(m.incidentsDirProblem(${JSON.stringify(dir)}))))`;
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', code], { encoding: 'utf8' });
  assert.equal(r.status, 0, `running the check as nobody (setpriv, util-linux) failed: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout) as string | null;
}

test('a read-only incidents folder, or one whose parent is', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-incdir-ro-'));
  chmodSync(dir, 0o755);
  const q = (p: string) => JSON.stringify(join(dir, p));
  mkdirSync(join(dir, 'ro'), 0o555);
  chmodSync(join(dir, 'ro'), 0o555);
  assert.equal(problemAsUser(join(dir, 'ro')), `${q('ro')} is not writable (EACCES)`);
  assert.equal(problemAsUser(join(dir, 'ro/sub')), `${q('ro/sub')} cannot be created: ${q('ro')} is not writable (EACCES)`);
});

test('oncall validate: each of these is one error line with the file path, exit 2, no stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-hostile-'));
  writeFileSync(join(dir, 'file'), '');
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
  const cases: Array<[string, string, string]> = [
    ['laughs.yaml', laughs, '(yaml): Excessive alias count indicates a resource exhaustion attack (more than 10000 uses of aliases)'],
    ['brackets.yaml', `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'line 1:68: nested deeper than 64 levels'],
    ['braces.yaml', `a: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}`, 'line 1:260: nested deeper than 64 levels'],
    ['mappings.yaml', indented(100), 'line 65:65: nested deeper than 64 levels'],
    ['merge.yaml', 'a: &a [1]\nb:\n  <<: *a\n', 'line 3:7: a merge key (<<) takes a map, an alias of one, or a list of those'],
    ['refresh.yaml', edit('refresh: 15s', 'refresh: 25d'), 'refresh: "25d" is out of range (1s to 1h)'],
    ['timeout.yaml', edit('refresh: 15s', 'refresh: 15s\ntimeout: 0s'), 'timeout: "0s" is out of range (100ms to 2m)'],
    ['file.yaml', edit('dir: docs/incidents', 'dir: file'), `incidents.dir: ${JSON.stringify(join(dir, 'file'))} is a file, not a folder`],
    [
      'under.yaml',
      edit('dir: docs/incidents', 'dir: file/x'),
      `incidents.dir: ${JSON.stringify(join(dir, 'file/x'))} is under ${JSON.stringify(join(dir, 'file'))}, which is a file`,
    ],
    [
      'dangling.yaml',
      edit('dir: docs/incidents', 'dir: dangling'),
      `incidents.dir: ${JSON.stringify(join(dir, 'dangling'))} is a symlink to ${JSON.stringify(join(dir, 'nowhere'))}, which does not exist`,
    ],
  ];
  for (const [name, text, line] of cases) {
    writeFileSync(join(dir, name), text);
    const r = await runCli(['validate', '--config', join(dir, name)], DESIGN_ENV);
    assert.deepEqual([r.code, r.stdout, r.stderr], [2, '', `${join(dir, name)}: 1 error\n${line}\n`], name);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
  }
});

test('secrets are found in URL queries and in headers named for passwords, sessions and credentials', async () => {
  const { secretsIn } = await import('../../src/config/secrets.js');
  const found = secretsIn({
    sources: {
      prometheus: {
        url: 'http://u:p4ssw0rd@127.0.0.1:9/?api_key=QS_SECRET_VALUE_9876&team=a',
        headers: { 'X-Password': 'HdrPw_SECRET_1', 'X-Session': 'sess-77', 'X-Credential': 'cred-88', 'X-Scope-OrgID': 'tenant-1' },
      },
    },
    playbooks: [{ steps: [{ probe: { http: 'https://x.example/health?token=hT0ken-42' } }] }],
  });
  assert.deepEqual(found.sort(), ['HdrPw_SECRET_1', 'QS_SECRET_VALUE_9876', 'cred-88', 'hT0ken-42', 'p4ssw0rd', 'sess-77', 'u:p4ssw0rd'].sort());
});

test('spans a verdict waits for, budget periods and response targets are bounded', () => {
  const yaml = [
    'version: 1',
    'service: s',
    'sources: { prometheus: { url: "http://127.0.0.1:9" } }',
    'severities: { P1: { title: Now, respond: 400d } }',
    'slos:',
    '  - { id: R, name: r, source: prometheus, ratio: { errors: "sum(rate(e[$window]))", total: "sum(rate(t[$window]))" }, objective: 99%, period: 5y, window: 31d }',
    'alerts:',
    '  - { id: A, source: prometheus, query: "up == 0", for: 99999999999d, keep_firing_for: 1w }',
    '  - { id: B, source: prometheus, query: "x", condition: "> 1 for 40d" }',
  ].join('\n');
  const r = parseConfig(yaml, {});
  assert.ok(!r.ok);
  assert.deepEqual(
    r.errors.map((e) => `${e.path}: ${e.message}`),
    [
      'severities.P1.respond: "400d" is out of range (at most 30d)',
      'slos[0].window: "31d" is out of range (1s to 30d)',
      'slos[0].period: "5y" is out of range (at most 365d)',
      'alerts[0].for: "99999999999d" is out of range (at most 30d)',
      'alerts[1].condition: "> 1 for 40d": its for is out of range (at most 30d)',
    ],
  );
});

test('for, keep_firing_for, window, period and respond are bounded: a month, a year for the period', () => {
  const range = (path: string, value: string, allowed: string) => `${path}: "${value}" is out of range (${allowed})`;
  const alert = (extra: string) => edit('    condition: "> 50 in 5m"', `    condition: "> 50 in 5m"\n${extra}`);
  assert.deepEqual(errorsOf(edit('"> 500ms for 5m"', '"> 500ms for 99999999999d"')), [
    'slos[0].warning: "> 500ms for 99999999999d": its for is out of range (at most 30d)',
  ]);
  assert.deepEqual(errorsOf(edit('"> 50 in 5m"', '"> 50 in 31d"')), ['alerts[0].condition: "> 50 in 31d": its window is out of range (at most 30d)']);
  assert.deepEqual(errorsOf(edit('period: 30d', 'period: 366d')), [range('slos[1].period', '366d', 'at most 365d')]);
  assert.deepEqual(errorsOf(edit('respond: 15m', 'respond: 31d')), [range('severities.P1.respond', '31d', 'at most 30d')]);
  assert.deepEqual(errorsOf(edit('    period: 30d', '    period: 30d\n    window: 31d')), [range('slos[1].window', '31d', '1s to 30d')]);
  // A count over a window has no for; a plain alert does.
  const plain = edit('    condition: "> 50 in 5m"', '    condition: "> 50"\n    for: 99999999999d\n    keep_firing_for: 31d');
  assert.deepEqual(errorsOf(plain), [range('alerts[0].for', '99999999999d', 'at most 30d'), range('alerts[0].keep_firing_for', '31d', 'at most 30d')]);
  // The edges are allowed.
  assert.deepEqual(errorsOf(edit('"> 500ms for 5m"', '"> 500ms for 30d"').replace('period: 30d', 'period: 365d').replace('respond: 15m', 'respond: 30d')), []);
  assert.deepEqual(errorsOf(alert('    keep_firing_for: 0s').replace('"> 50 in 5m"', '"> 50 in 30d"')), []);
});
