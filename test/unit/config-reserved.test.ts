// Names a person picks for map keys (a source, a header, a severity, a label)
// that plain objects treat specially: __proto__, constructor, prototype.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { NAMED_MAPS } from '../../src/config/reserved.js';
import { jsonSchema } from '../../src/config/schema.js';
import { runCli } from '../helpers/cli.js';

const HEAD = 'version: 1\nservice: x\nenvironment: prod\n';
const PROM = '    type: prometheus\n    url: http://127.0.0.1:9\n';

function errorsOf(yaml: string): string[] {
  const r = parseConfig(yaml, {});
  assert.equal(r.ok, false, 'expected the config to be rejected');
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
}

const protoSource = `${HEAD}sources:\n  __proto__:\n${PROM}slos: []\n`;
const protoAlert = `${protoSource}alerts:\n  - id: A1\n    source: __proto__\n    query: up == 0\n`;

test('a source named __proto__ is one error naming its path, with or without an alert on it', () => {
  const expected = ['sources.__proto__: "__proto__" cannot be the name of a source; choose another'];
  assert.deepEqual(errorsOf(protoAlert), expected);
  assert.deepEqual(errorsOf(protoSource), expected);
});

test('__proto__, constructor and prototype in every map whose keys are names', () => {
  for (const name of ['__proto__', 'constructor', 'prototype']) {
    const yaml =
      `${HEAD}sources:\n  prom:\n${PROM}    headers:\n      ${name}: a\n      X-Scope: b\n  ${name}:\n${PROM}` +
      `severities:\n  ${name}: { title: T, respond: 5m }\n  P1: { title: Page, respond: 5m }\n` +
      `alerts:\n  - id: A1\n    source: prom\n    query: up == 0\n    severity: P1\n    labels: { ${name}: x, team: web }\n    annotations: { ${name}: y }\n`;
    const q = JSON.stringify(name);
    assert.deepEqual(errorsOf(yaml), [
      `sources.prom.headers.${name}: ${q} cannot be the name of a header; choose another`,
      `sources.${name}: ${q} cannot be the name of a source; choose another`,
      `severities.${name}: ${q} cannot be the name of a severity; choose another`,
      `alerts[0].labels.${name}: ${q} cannot be the name of a label; choose another`,
      `alerts[0].annotations.${name}: ${q} cannot be the name of an annotation; choose another`,
    ]);
  }
});

test('the rest of a config with a reserved name is still checked in the same run', () => {
  const yaml = `${HEAD}sources:\n  constructor:\n${PROM}alerts:\n  - id: A1\n    source: constructor\n    query: up == 0\n    condition: "> fast"\n`;
  assert.deepEqual(errorsOf(yaml), [
    'sources.constructor: "constructor" cannot be the name of a source; choose another',
    'alerts[0].condition: "> fast" is not a threshold: "fast" is not a number with a unit (expected like "> 500ms for 5m")',
  ]);
  // With a schema error elsewhere the config is pruned first; the source is still not a second error.
  const pruned = `${HEAD}sources:\n  prototype:\n${PROM}alerts:\n  - id: A1\n    source: prototype\n    query: up == 0\n    colour: red\n`;
  assert.deepEqual(errorsOf(pruned), ['sources.prototype: "prototype" cannot be the name of a source; choose another', 'alerts[0].colour: unknown field']);
});

test('a name a plain object inherits is not a source, a severity or a source type', () => {
  // toString, hasOwnProperty and constructor are on every object's prototype: a lookup by
  // name used to find them and call the source "a undefined source".
  const yaml =
    `${HEAD}sources:\n  prom:\n${PROM}severities:\n  P1: { title: Page, respond: 5m }\n` +
    'alerts:\n  - id: A1\n    source: toString\n    query: up == 0\n    severity: hasOwnProperty\n' +
    '  - id: A2\n    source: constructor\n    query: up == 0\n' +
    'playbooks:\n  - id: pb\n    title: PB\n    severity: valueOf\n    steps:\n      - title: probe\n        probe: { source: __proto__, query: up, expect: ">= 1" }\n' +
    'logs: { source: prom, query: "{app=\\"x\\"}" }\n';
  assert.deepEqual(errorsOf(yaml), [
    'alerts[0].source: "toString" is not a configured source (known: prom)',
    'alerts[0].severity: "hasOwnProperty" is not a defined severity (known: P1)',
    'alerts[1].source: "constructor" is not a configured source (known: prom)',
    'playbooks[0].severity: "valueOf" is not a defined severity (known: P1)',
    'playbooks[0].steps[0].probe.source: "__proto__" is not a configured source (known: prom)',
    'logs.source: "prom" is a prometheus source; this needs loki',
  ]);
});

test('a source may be called toString: it is looked up as its own key', () => {
  const yaml = `${HEAD}sources:\n  toString:\n${PROM}alerts:\n  - id: A1\n    source: toString\n    query: up == 0\n`;
  const r = parseConfig(yaml, {});
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.errors));
  const [def] = Object.values(r.config.sources);
  assert.deepEqual(Object.keys(r.config.sources), ['toString']);
  assert.equal(def.name, 'toString');
  assert.equal(def.url, 'http://127.0.0.1:9');
  assert.equal(r.config.alerts[0].lang, 'promql');
});

test('__proto__ as a field of an entry is an unknown field, and gives the entry none of its values', () => {
  const yaml = `${HEAD}sources:\n  prom:\n${PROM}alerts:\n  - id: A1\n    source: prom\n    query: up == 0\n  - __proto__: { id: A2, source: prom, query: up == 0 }\n`;
  // No id from the hidden object. (Source and query are checked after the schema, since a rule: alert
  // has neither, so an entry the schema already refused is not told about them.)
  assert.deepEqual(errorsOf(yaml), ['alerts[1].id: is required (string)', 'alerts[1].__proto__: unknown field']);
});

test('every map of the schema keyed by a name is checked for reserved names', () => {
  // The records of the JSON Schema, by path: "[]" for a list's entries, "*" for a map's keys.
  const records: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return;
    const n = node as { properties?: Record<string, unknown>; items?: unknown; additionalProperties?: unknown; anyOf?: unknown[] };
    if (n.additionalProperties && typeof n.additionalProperties === 'object') {
      records.push(path);
      walk(n.additionalProperties, `${path}.*`);
    }
    for (const [k, v] of Object.entries(n.properties ?? {})) walk(v, path ? `${path}.${k}` : k);
    if (n.items) walk(n.items, `${path}[]`);
    for (const v of n.anyOf ?? []) walk(v, path);
  };
  walk(jsonSchema(), '');
  assert.deepEqual(records.sort(), Object.keys(NAMED_MAPS).sort());
  assert.deepEqual(records.sort(), ['alerts[].annotations', 'alerts[].labels', 'severities', 'sources', 'sources.*.headers']);
});

test('oncall validate: a source named __proto__ exits 2 and names the path', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-reserved-'));
  const file = join(dir, 'oncall.yaml');
  writeFileSync(file, protoAlert);
  const r = await runCli(['validate', '--config', file]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, `${file}: 1 error\nsources.__proto__: "__proto__" cannot be the name of a source; choose another\n`);
});
