// The link builders, each URL written out by hand: Prometheus's graph page,
// Grafana Explore's panes, runbooks, annotations, Sentry permalinks, and what
// is never a link (other schemes, credentials, controls, the config's secrets).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import type { SourceDef } from '../../src/config/types.js';
import {
  annotationLinks,
  generatorLink,
  grafanaExplore,
  httpUrl,
  linkOf,
  prometheusGraph,
  queryLinks,
  rangeInput,
  sentryLink,
  uniqueLinks,
} from '../../src/engine/links.js';
import { mdUrl } from '../../src/text/markdown.js';
import { registerSecrets } from '../../src/text/redact.js';

// 2026-11-23 13:00 and 14:00 UTC, as epoch milliseconds.
const T13 = 1795438800000;
const T14 = 1795442400000;
const HOUR = { fromMs: T13, toMs: T14 };

const source = (over: Partial<SourceDef> = {}): SourceDef => ({
  name: 'prometheus',
  type: 'prometheus',
  url: 'http://127.0.0.1:9090',
  auth: { kind: 'none' },
  options: {},
  headers: {},
  timeoutMs: 5000,
  concurrency: 4,
  bodyLimitBytes: 1 << 24,
  ...over,
});

test("Prometheus's graph page: the query percent-encoded, an hour's span ending at 14:00 UTC", () => {
  assert.equal(
    prometheusGraph('http://127.0.0.1:9090', 'up{job="api"}', HOUR),
    'http://127.0.0.1:9090/graph?g0.expr=up%7Bjob%3D%22api%22%7D&g0.tab=0&g0.range_input=1h&g0.end_input=2026-11-23%2014%3A00%3A00',
  );
  // A path prefix is kept; the source's own query string and fragment are not a place for /graph.
  assert.equal(
    prometheusGraph('https://prom.example.com/prometheus/?x=1#f', 'up', { fromMs: T14 - 90 * 60_000, toMs: T14 }),
    'https://prom.example.com/prometheus/graph?g0.expr=up&g0.tab=0&g0.range_input=90m&g0.end_input=2026-11-23%2014%3A00%3A00',
  );
});

test('range_input is one unit, the largest that divides the span', () => {
  assert.equal(rangeInput(3_600_000), '1h');
  assert.equal(rangeInput(90 * 60_000), '90m');
  assert.equal(rangeInput(86_400_000), '1d');
  assert.equal(rangeInput(14 * 86_400_000), '2w');
  assert.equal(rangeInput(61_000), '61s');
  // Under a second still asks for one.
  assert.equal(rangeInput(0), '1s');
});

test('Grafana Explore: schemaVersion 1 and one pane with the data source UID, the query and the range in epoch ms', () => {
  const g = { url: 'https://grafana.example.com/', datasource: 'P1809F7CD0C75ACF3' };
  const url = grafanaExplore(g, 'promql', 'up{job="api"}', HOUR);
  assert.ok(url);
  assert.equal(
    url,
    'https://grafana.example.com/explore?schemaVersion=1&panes=' +
      '%7B%22onc%22%3A%7B%22datasource%22%3A%22P1809F7CD0C75ACF3%22%2C%22queries%22%3A%5B%7B%22refId%22%3A%22A%22%2C' +
      '%22expr%22%3A%22up%7Bjob%3D%5C%22api%5C%22%7D%22%2C%22datasource%22%3A%7B%22type%22%3A%22prometheus%22%2C%22uid%22%3A%22P1809F7CD0C75ACF3%22%7D%7D%5D%2C' +
      '%22range%22%3A%7B%22from%22%3A%221795438800000%22%2C%22to%22%3A%221795442400000%22%7D%7D%7D',
  );
  // Read back as Grafana reads it: the panes parameter is JSON.
  const panes = JSON.parse(new URL(url).searchParams.get('panes')!);
  assert.deepEqual(panes, {
    onc: {
      datasource: 'P1809F7CD0C75ACF3',
      queries: [{ refId: 'A', expr: 'up{job="api"}', datasource: { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' } }],
      range: { from: '1795438800000', to: '1795442400000' },
    },
  });
  const loki = grafanaExplore({ url: 'https://g.example.com/grafana', datasource: 'loki-uid' }, 'logql', '{app="api"} |= "error"', HOUR)!;
  assert.ok(loki.startsWith('https://g.example.com/grafana/explore?schemaVersion=1&panes='));
  assert.deepEqual(JSON.parse(new URL(loki).searchParams.get('panes')!).onc.queries, [
    { refId: 'A', expr: '{app="api"} |= "error"', queryType: 'range', datasource: { type: 'loki', uid: 'loki-uid' } },
  ]);
});

test('a query links to Grafana when its source names one, else to Prometheus; Loki without Grafana and Sentry have none', () => {
  const grafana = { grafana: { url: 'https://grafana.example.com', datasource: 'prom' } };
  assert.deepEqual(
    queryLinks(source({ options: grafana }), 'promql', 'up', HOUR).map((l) => l.label),
    ['Grafana'],
  );
  assert.deepEqual(queryLinks(source(), 'promql', 'up', HOUR), [
    { label: 'Prometheus', url: 'http://127.0.0.1:9090/graph?g0.expr=up&g0.tab=0&g0.range_input=1h&g0.end_input=2026-11-23%2014%3A00%3A00' },
  ]);
  assert.deepEqual(queryLinks(source({ type: 'loki', url: 'http://127.0.0.1:3100' }), 'logql', '{app="api"}', HOUR), []);
  assert.deepEqual(queryLinks(source({ type: 'sentry' }), null, 'level:error', HOUR), []);
  assert.deepEqual(queryLinks(undefined, 'promql', 'up', HOUR), []);
});

test('only http(s) URLs are links: other schemes, credentials, controls and paths are not', () => {
  assert.equal(httpUrl('https://runbooks.example.com/api-down#first'), 'https://runbooks.example.com/api-down#first');
  for (const bad of [
    'javascript:alert(1)',
    'data:text/html,<script>',
    'file:///etc/passwd',
    'ftp://files.example.com/x',
    'https://user:pw@runbooks.example.com/',
    'https://user@runbooks.example.com/',
    'https://runbooks.example.com/\u001b]8;;https://evil\u0007',
    'https://runbooks.example.com/a b',
    'https://runbooks.example.com/\u202eevil',
    '/runbooks/api-down.md',
    ' https://runbooks.example.com/',
    '',
    `https://example.com/${'a'.repeat(9000)}`,
  ]) {
    assert.equal(httpUrl(bad), null, JSON.stringify(bad.slice(0, 60)));
  }
  assert.equal(linkOf('runbook', undefined), null);
});

test("a URL that would carry a secret is no link: the config's secrets, a token in its query", () => {
  registerSecrets(['s3cr3t-token-value']);
  assert.equal(linkOf('runbook', 'https://runbooks.example.com/?x=s3cr3t-token-value'), null);
  assert.equal(linkOf('runbook', 'https://runbooks.example.com/page?access_token=abc'), null);
  assert.equal(prometheusGraph('http://127.0.0.1:9090', 'up{key="s3cr3t-token-value"}', HOUR), null);
  assert.equal(grafanaExplore({ url: 'https://g.example.com', datasource: 'd' }, 'promql', 'x{a="s3cr3t-token-value"}', HOUR), null);
});

test('annotations: runbook_url first as the runbook, any other *_url under its name, what is not a URL left out', () => {
  assert.deepEqual(
    annotationLinks({
      summary: 'API down',
      dashboard_url: 'https://grafana.example.com/d/abc',
      runbook_url: 'https://runbooks.example.com/api-down',
      evil_url: 'javascript:alert(1)',
      'x-url': 'https://not.an.annotation.name/',
    }),
    [
      { label: 'runbook', url: 'https://runbooks.example.com/api-down' },
      { label: 'dashboard', url: 'https://grafana.example.com/d/abc' },
    ],
  );
  assert.deepEqual(generatorLink('http://prom:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1'), {
    label: 'source',
    url: 'http://prom:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1',
  });
  assert.deepEqual(sentryLink('https://sentry.io/organizations/acme/issues/4509/'), {
    label: 'Sentry',
    url: 'https://sentry.io/organizations/acme/issues/4509/',
  });
  assert.equal(sentryLink(undefined), null);
  // A runbook given as runbook: and as the runbook_url annotation is one link.
  const r = { label: 'runbook', url: 'https://r.example.com/' };
  assert.deepEqual(uniqueLinks([r], [{ ...r }, null]), [r]);
});

test('in Markdown a URL is an autolink nothing can end early; what is not http(s) is text', () => {
  assert.equal(mdUrl('https://runbooks.example.com/a_b*c'), '<https://runbooks.example.com/a_b*c>');
  assert.equal(mdUrl('https://x.example.com/a>b<c d\n# x'), '<https://x.example.com/a%3Eb%3Cc%20d%0A#%20x>');
  assert.equal(mdUrl('javascript:alert(1)'), 'javascript:alert(1)');
  assert.equal(mdUrl('[x](javascript:alert(1))'), '\\[x\\](javascript:alert(1))');
});

test('grafana: is a Prometheus or Loki field; its url must be http(s) without credentials', () => {
  const cfg = (grafana: string, type = 'prometheus') =>
    `version: 1\nservice: s\nsources:\n  main:\n    type: ${type}\n    url: http://127.0.0.1:9090\n    grafana: ${grafana}\n`;
  const ok = parseConfig(cfg('{url: "https://grafana.example.com", datasource: P1}'), {});
  assert.ok(ok.ok);
  assert.deepEqual(ok.config.sources.main.options, { grafana: { url: 'https://grafana.example.com', datasource: 'P1' } });
  const creds = parseConfig(cfg('{url: "https://admin:pw@grafana.example.com", datasource: P1}'), {});
  assert.ok(!creds.ok);
  // The value is quoted with its password masked, as every config error quotes a URL.
  assert.deepEqual(creds.errors, [
    {
      path: 'sources.main.grafana.url',
      message: '"https://***@grafana.example.com": must be an http or https URL without a user or password (it is put in links)',
    },
  ]);
  const sentry = parseConfig(
    'version: 1\nservice: s\nsources:\n  main:\n    type: sentry\n    url: https://sentry.io\n    org: acme\n    token: t\n    grafana: {url: "https://g.example.com", datasource: P1}\n',
    {},
  );
  assert.ok(!sentry.ok);
  assert.deepEqual(
    sentry.errors.filter((e) => e.path === 'sources.main.grafana'),
    [{ path: 'sources.main.grafana', message: 'is for prometheus or loki sources; a sentry source does not take it' }],
  );
});
