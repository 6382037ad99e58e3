import React from 'react';
import { Box, Text } from 'ink';
import { formatDuration } from '../config/duration.js';
import { formatValue } from '../config/quantity.js';
import type { Alert, Slo } from '../config/types.js';
import { statusWord } from '../engine/snapshot-doc.js';
import type { AlertState, SloState } from '../engine/state.js';
import { ratioQuery, withWindow } from '../engine/window.js';
import { chart } from './sparkline.js';
import { Dim, Tinted } from './theme.js';

function Line({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Text wrap="wrap">
      <Dim>{label.padEnd(11)}</Dim>
      {children}
    </Text>
  );
}

export function SloDetail({ slo, state, width }: { slo: Slo; state: SloState; width: number }) {
  const query = slo.kind === 'ratio' ? ratioQuery(slo.errors, slo.total, slo.windowMs) : withWindow(slo.query, slo.windowMs);
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
          {state.budgetRemaining == null ? '—' : `${(state.budgetRemaining * 100).toFixed(1)}% left of ${formatValue(1 - slo.target, 'ratio')} over ${formatDuration(slo.periodMs)}`}
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
      <Dim>Esc to go back</Dim>
    </Box>
  );
}

export function AlertDetail({ alert, state }: { alert: Alert; state: AlertState }) {
  return (
    <Box flexDirection="column">
      <Text bold>
        {alert.id} {alert.name} <Tinted kind={state.status}>{statusWord(state.status)}</Tinted>
      </Text>
      <Line label="value">{formatValue(state.value, state.unit)}</Line>
      <Line label="condition">{alert.condition.text}</Line>
      <Line label="severity">{alert.severity ?? '—'}</Line>
      <Line label="reason">{state.reason}</Line>
      <Line label="query">
        {alert.source}: {alert.query}
      </Line>
      {alert.playbook ? <Line label="playbook">{alert.playbook} (press i)</Line> : null}
      {alert.runbook ? <Line label="runbook">{alert.runbook}</Line> : null}
      <Dim>Esc to go back</Dim>
    </Box>
  );
}
