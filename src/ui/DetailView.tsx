import { Box, Text } from 'ink';
import type React from 'react';
import { formatAge, formatDuration } from '../config/duration.js';
import { formatValue } from '../config/quantity.js';
import type { Alert, Config, Slo } from '../config/types.js';
import type { Link } from '../engine/links.js';
import { labelText } from '../engine/rule-state.js';
import { statusWord } from '../engine/snapshot-doc.js';
import type { AlertState, SloState } from '../engine/state.js';
import { sloQuery } from '../poller/plan.js';
import { timeOfDay, useClock } from './clock.js';
import { KEYMAP, keyFor } from './keys.js';
import { chart, clip } from './sparkline.js';
import { Dim, Tinted } from './theme.js';

/** The item's links by name, and the keys that take them. */
function LinksLine({ links }: { links?: readonly Link[] }) {
  if (!links?.length) return null;
  const keys = KEYMAP['watch.detail'];
  return (
    <Line label="links">
      {links.map((l) => l.label).join(', ')}{' '}
      <Dim>
        ({keyFor(keys, 'links')} opens, {keyFor(keys, 'copy-link')} copies)
      </Dim>
    </Line>
  );
}

function Line({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Text wrap="wrap">
      <Dim>{label.padEnd(11)}</Dim>
      {children}
    </Text>
  );
}

export function SloDetail({ config, slo, state, width, links }: { config: Config; slo: Slo; state: SloState; width: number; links?: readonly Link[] }) {
  const query = sloQuery(config, slo, slo.windowMs);
  const values = state.series.map((p) => p.v);
  const finite = values.filter(Number.isFinite);
  return (
    <Box flexDirection="column">
      <Text bold>
        {slo.id} {slo.name} <Tinted kind={state.status}>{statusWord(state.status)}</Tinted>
      </Text>
      <Line label="value">{formatValue(state.value, state.unit)}</Line>
      <Line label="objective">{slo.objective.text}</Line>
      {slo.warning ? <Line label="warning">{slo.warning.text}</Line> : null}
      {slo.critical ? <Line label="critical">{slo.critical.text}</Line> : null}
      <Line label="reason">{state.reason}</Line>
      <Line label="query">
        {slo.source}: {query}
      </Line>
      {slo.runbook ? <Line label="runbook">{slo.runbook}</Line> : null}
      <LinksLine links={links} />
      {state.labels ? <Line label="series">{JSON.stringify(state.labels)}</Line> : null}
      {state.kind === 'ratio' ? (
        <Line label="burn">
          {Object.entries(state.burnRates ?? {})
            .map(([w, r]) => `${w} ${r == null ? '—' : `${r.toFixed(2)}x`}`)
            .join('  ')}
        </Line>
      ) : null}
      {state.kind === 'ratio' && slo.kind === 'ratio' ? (
        <Line label="budget">
          {state.budgetRemaining == null
            ? '—'
            : `${(state.budgetRemaining * 100).toFixed(1)}% left of ${formatValue(1 - slo.target, 'ratio')} over ${formatDuration(slo.periodMs)}`}
        </Line>
      ) : null}
      <Text> </Text>
      {finite.length ? (
        <Box flexDirection="column">
          <Dim>
            max {formatValue(Math.max(...finite), state.unit)} · min {formatValue(Math.min(...finite), state.unit)} · last {values.length} points
          </Dim>
          {chart(values, Math.max(10, width - 4), 6).map((row, i) => (
            <Text key={i}>{row}</Text>
          ))}
        </Box>
      ) : (
        <Dim>no points to chart</Dim>
      )}
    </Box>
  );
}

const days = new Map<string, Intl.DateTimeFormat>();

/** An instant in the screen's zone, as its other times: `22:36:38` today, `2026-11-29 22:36:38` before (a series row has little room). */
function clock(ms: number, now: number, timeZone?: string): string {
  let day = days.get(timeZone ?? '');
  if (!day) {
    day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
    days.set(timeZone ?? '', day);
  }
  const on = day.format(ms);
  return on === day.format(now) ? timeOfDay(ms, timeZone) : `${on} ${timeOfDay(ms, timeZone)}`;
}

/** Series rows shown before "and N more": the detail view is one screen. */
const MAX_SERIES = 12;

export function AlertDetail({ alert, state, now, width, links }: { alert: Alert; state: AlertState; now: number; width: number; links?: readonly Link[] }) {
  const { timeZone } = useClock();
  // A count over a window ("> 50 in 5m") is one number with no labels: nothing to list.
  const labelled = state.series.filter((s) => Object.keys(s.labels).length > 0);
  const rows = labelled.slice(0, MAX_SERIES);
  // A rule's own annotations come from Prometheus: the first series' are expanded, the rule's are templates.
  const told = (key: string) => alert.annotations[key] ?? state.series[0]?.annotations?.[key] ?? state.annotations?.[key];
  const summary = told('summary');
  const runbook = alert.runbook ?? told('runbook_url');
  return (
    <Box flexDirection="column">
      <Text bold>
        {alert.id} {alert.name} <Tinted kind={state.status}>{statusWord(state.status)}</Tinted>
      </Text>
      <Line label="value">{formatValue(state.value, state.unit)}</Line>
      {alert.rule !== undefined ? (
        <Line label="rule">
          {alert.rule} on {alert.source}, as Prometheus evaluates it
          {state.rule && state.rule.queries.length > 1 ? ` (${state.rule.queries.length} rules of this name, in ${state.rule.groups.join(', ')})` : ''}
        </Line>
      ) : (
        <Line label="condition">{alert.condition?.text ?? `any series returned${alert.forMs ? ` for ${formatDuration(alert.forMs)}` : ''}`}</Line>
      )}
      {alert.keepFiringForMs ? <Line label="keeps">firing {formatDuration(alert.keepFiringForMs)} after it clears</Line> : null}
      <Line label="severity">{alert.severity ?? '—'}</Line>
      <Line label="reason">{state.reason}</Line>
      {alert.rule === undefined ? (
        <Line label="query">
          {alert.source}: {alert.query}
        </Line>
      ) : (
        (state.rule?.queries ?? []).map((q, i) => (
          <Line key={i} label={i === 0 ? 'expr' : ''}>
            {q}
          </Line>
        ))
      )}
      {state.rule?.health === 'err' ? <Line label="rule error">{state.rule.lastError ?? 'no error given'}</Line> : null}
      {summary ? <Line label="summary">{summary}</Line> : null}
      {alert.playbook ? (
        <Line label="playbook">
          {alert.playbook} (press {keyFor(KEYMAP['watch.detail'], 'playbooks')})
        </Line>
      ) : null}
      {runbook ? <Line label="runbook">{runbook}</Line> : null}
      <LinksLine links={links} />
      {rows.length ? (
        <Box flexDirection="column" marginTop={1}>
          <Dim>{`series (${labelled.length})`}</Dim>
          {rows.map((s) => {
            const since = s.activeSinceMs === null ? '' : ` since ${formatAge(now - s.activeSinceMs)} (at ${clock(s.activeSinceMs, now, timeZone)})`;
            const head = `  ${statusWord(s.state).padEnd(8)} ${formatValue(s.value, state.unit).padEnd(9)}`;
            return (
              <Text key={labelText(s.labels)} wrap="truncate-end">
                <Tinted kind={s.state}>{head}</Tinted> {clip(`${labelText(s.labels)}${since}`, Math.max(10, width - head.length - 1))}
              </Text>
            );
          })}
          {labelled.length > rows.length ? <Dim>{`  and ${labelled.length - rows.length} more (--once --json lists them all)`}</Dim> : null}
        </Box>
      ) : null}
    </Box>
  );
}
