import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfig } from '../../src/config/load.js';
import { buildReport, reportText } from '../../src/engine/slo-report.js';
import { ROOT } from '../helpers/paths.js';

const r = parseConfig(readFileSync(join(ROOT, 'examples/practice-hub.yaml'), 'utf8'), { SENTRY_AUTH_TOKEN: 'tok-1234', DOCUSEAL_HOST: 'https://d' });
assert.ok(r.ok);
const config = r.config;
const to = Date.parse('2025-11-03T09:00:00Z');
const WEEK = 7 * 86_400_000;

test("the weekly report in seed 000's format, with a missed SLO, an incident and its action items", () => {
  const report = buildReport({
    config,
    periodMs: WEEK,
    to,
    values: [
      { id: 'SLO-001', value: 0.42 },
      { id: 'SLO-002', value: 1 },
      { id: 'SLO-003', value: 0.003 },
      { id: 'SLO-004', value: 3.2 },
      { id: 'SLO-005', value: 0.012 },
      { id: 'SLO-006', value: null, error: 'prometheus: timeout after 5s' },
    ],
    incidents: [{ date: '2025-10-29', title: 'DocuSeal API errors (>10% error rate)', severity: 'P2', duration: '42m', state: 'resolved' }],
    actionItems: ['Rotate API keys quarterly (with reminder) (docuseal)'],
    alerts: [],
  });
  assert.equal(report.missed, 1);
  assert.equal(report.unknown, 1);
  assert.equal(
    reportText(report, WEEK),
    [
      'Subject: Weekly SLO Report (Week of 2025-10-27)',
      '',
      'SLO Summary:',
      '✅ Task list query p95: 420ms (target <500ms)',
      '✅ My Tasks filter accuracy (TEST-001): 1 (target >=1)',
      '✅ Task operation error rate: 99.7% success rate (target >99%)',
      '✅ Proposal PDF generation p95: 3.2s (target <5s)',
      '❌ DocuSeal API availability: 98.8% success rate (target >99%)',
      '❔ Authentication success rate: no data (prometheus: timeout after 5s) (target 99%)',
      '',
      'Incidents:',
      '- 2025-10-29 DocuSeal API errors (>10% error rate) (P2, 42m, resolved)',
      '',
      'Action Items:',
      '- Rotate API keys quarterly (with reminder) (docuseal)',
      '',
    ].join('\n'),
  );
});

test('the daily report leads with uptime and the alerts firing by severity', () => {
  const report = buildReport({
    config,
    periodMs: 86_400_000,
    to,
    values: config.slos.map((s) => ({ id: s.id, value: s.id === 'SLO-005' ? 0.0005 : s.kind === 'ratio' ? 0.001 : s.id === 'SLO-002' ? 1 : 0.2 })),
    incidents: [],
    actionItems: [],
    errorsByLevel: { fatal: 0, error: 212, warning: null },
    alerts: [
      {
        id: 'sentry-error-spike',
        name: 'x',
        status: 'firing',
        value: 80,
        unit: 'count',
        condition: '> 50 in 5m',
        severity: 'P1',
        reason: '',
        activeSinceMs: null,
        ageMs: null,
        series: [],
      },
      {
        id: 's3',
        name: 'y',
        status: 'ok',
        value: 0,
        unit: 'count',
        condition: '> 5 in 5m',
        severity: 'P3',
        reason: '',
        activeSinceMs: null,
        ageMs: null,
        series: [],
      },
    ],
  });
  const text = reportText(report, 86_400_000);
  assert.match(
    text,
    /^Subject: Daily Report \(2025-11-03\)\n\nSystem uptime: 99\.95%\nError count by severity: fatal 0, error 212, warning unknown\nAlerts firing now by severity: P1 1, P2 0, P3 0, P4 0\n\nPerformance against targets:\n✅ Task list query p95: 200ms/,
  );
});
