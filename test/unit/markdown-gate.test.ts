// Text from outside in a Markdown file (the postmortem, `report --format
// markdown`) is shown as itself. Rendered by commonmark.js, the CommonMark
// reference implementation: no link, image or raw HTML comes out of it, and
// the visible text is the text that went in.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { HtmlRenderer, Parser } from 'commonmark';
import { parseConfig } from '../../src/config/load.js';
import { postmortem } from '../../src/engine/postmortem.js';
import { buildReport, reportText } from '../../src/engine/slo-report.js';
import { replayIncident } from '../../src/store/timeline.js';
import { mdCode, mdText } from '../../src/text/markdown.js';
import { ROOT } from '../helpers/paths.js';

const LINK = '[status page](https://evil.example/login)';
const IMAGE = '![](https://tracker.example/p.png)';
const HTML = '<img src=x onerror=alert(1)>';
const ENTITY = 'ok &#8238;gnp.exe';
const PIPE = 'a | b';
const STRONG = '**urgent** _now_';

function render(md: string): string {
  return new HtmlRenderer().render(new Parser().parse(md));
}

/** What a reader sees of an inline render: tags dropped, the five entities commonmark writes read back. */
function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

test('mdText: each payload renders as its own text, with no tag but the paragraph', () => {
  for (const s of [LINK, IMAGE, HTML, ENTITY, PIPE, STRONG, 'a\\[b', '`x`', '~~gone~~', 'snake_case_id']) {
    const html = render(mdText(s));
    assert.equal(visible(html), s, s);
    assert.deepEqual(html.match(/<[a-z]+/g), ['<p'], s);
  }
  // By hand: brackets, an opening angle bracket, ampersand, pipe and stars are escaped; an underscore inside a word is not.
  assert.equal(mdText('![x](y) <b> -> & | **z** snake_case _e_'), '!\\[x\\](y) \\<b> -> \\& \\| \\*\\*z\\*\\* snake_case \\_e\\_');
  assert.equal(mdText('line one\nline two'), 'line one line two');
  // At the start of a line: no heading, quote, list, rule or indented code block.
  for (const s of ['# All clear', '> quoted', '- item', '+ item', '1. first', '2) second', '---', '===', '    indented code']) {
    const html = render(`## Root cause\n\n${mdText(s)}\n`);
    assert.equal(html, `<h2>Root cause</h2>\n<p>${s.trimStart().replace(/>/g, '&gt;')}</p>\n`, s);
  }
  assert.equal(mdText('# x'), '\\# x');
  assert.equal(mdText('12. x'), '12\\. x');
  // What no renderer reads as a block stays as it is: a value, a negative number, a tag.
  assert.deepEqual(['0.2% OK', '-5', '#hashtag'].map(mdText), ['0.2% OK', '-5', '#hashtag']);
});

test('mdCode: a code span longer than any backtick run inside, padded when the text starts with one', () => {
  assert.equal(mdCode('echo $HOST'), '`echo $HOST`');
  assert.equal(mdCode('echo `date`'), '`` echo `date` ``');
  assert.equal(mdCode('`x` and ``y``'), '``` `x` and ``y`` ```');
  for (const s of ['echo `date`', '`x` and ``y``', 'a ` b']) assert.equal(visible(render(mdCode(s))), s, s);
});

test('the postmortem: a probe answer, a note and an SLO value from outside render as text, and the impact table keeps three cells', () => {
  const r = parseConfig(readFileSync(join(ROOT, 'examples/demo.yaml'), 'utf8'), { SENTRY_AUTH_TOKEN: 'tok-1234', DOCUSEAL_HOST: 'https://docuseal.internal' });
  assert.ok(r.ok);
  const playbook = r.config.playbooks.find((p) => p.id === 'docuseal')!;
  const t0 = Date.parse('2026-11-23T14:00:00Z');
  const inc = replayIncident('/x/2026-11-23-docuseal.jsonl', [
    { t: t0, kind: 'opened', playbook: 'docuseal', severity: 'P2' },
    { t: t0 + 1000, kind: 'snapshot', at: 'open', slos: { 'SLO-005': `24% ${PIPE}` } },
    { t: t0 + 2000, kind: 'probe', step: 0, ok: false, summary: `GET /health -> 503 ${LINK} ${IMAGE}` },
    { t: t0 + 3000, kind: 'note', step: null, text: `${HTML} ${ENTITY}` },
    { t: t0 + 4000, kind: 'run', step: 4, command: 'echo `date`', exit: 0, output: '' },
    { t: t0 + 4500, kind: 'cause', text: `cause ${LINK}` },
    { t: t0 + 4600, kind: 'resolution', text: `fix ${IMAGE}` },
    { t: t0 + 5000, kind: 'resolved' },
  ])!;
  const md = postmortem(inc, playbook, r.config, t0 + 5000);
  const html = render(md);
  assert.equal(html.match(/<a |<img |<script|‮/g), null);
  const row = md.split('\n').find((l) => l.startsWith('| SLO-005 '))!;
  // GFM splits a row on pipes not escaped: the value's own pipe stays inside its cell.
  assert.equal(row.split(/(?<!\\)\|/).length - 2, 3, row);
  const text = visible(html);
  for (const s of [`GET /health -> 503 ${LINK} ${IMAGE}`, `${HTML} ${ENTITY}`, 'Ran echo `date`', `cause ${LINK}`, `fix ${IMAGE}`])
    assert.ok(text.includes(s), s);
});

test('report --format markdown escapes what came from outside; the text format keeps it as it is', () => {
  const r = parseConfig(readFileSync(join(ROOT, 'examples/practice-hub.yaml'), 'utf8'), { SENTRY_AUTH_TOKEN: 'tok-1234', DOCUSEAL_HOST: 'https://d' });
  assert.ok(r.ok);
  const WEEK = 7 * 86_400_000;
  const report = buildReport({
    config: r.config,
    periodMs: WEEK,
    to: Date.parse('2025-11-03T09:00:00Z'),
    values: [{ id: 'SLO-006', value: null, error: `prometheus: ${LINK}` }],
    incidents: [{ date: '2025-10-29', title: `DocuSeal ${HTML}`, severity: 'P2', duration: '42m', state: 'resolved' }],
    actionItems: [IMAGE],
    alerts: [],
  });
  const md = reportText(report, WEEK, true);
  assert.equal(render(md).match(/<a |<img /g), null);
  for (const s of [LINK, `DocuSeal ${HTML}`, IMAGE]) assert.ok(visible(render(md)).includes(s), s);
  const text = reportText(report, WEEK, false);
  for (const s of [LINK, `DocuSeal ${HTML}`, `- ${IMAGE}`]) assert.ok(text.includes(s), s);
});
