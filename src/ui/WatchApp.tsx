import React, { useEffect, useRef } from 'react';
import { Box, Text, useApp } from 'ink';
import { formatAge } from '../config/duration.js';
import type { Config } from '../config/types.js';
import type { Snapshot } from '../engine/state.js';
import { nextSlot } from '../engine/schedule.js';
import type { PanelFetcher } from '../poller/panels.js';
import type { Poller } from '../poller/poller.js';
import { AlertsPanel, activeAlerts } from './AlertsPanel.js';
import { CheckApp } from './CheckApp.js';
import { ChecksView } from './ChecksView.js';
import type { CheckContext } from '../engine/check-doc.js';
import { AlertDetail, SloDetail } from './DetailView.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { HelpView } from './HelpView.js';
import { usePolling } from './hooks/usePolling.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { useTicker } from './hooks/useTicker.js';
import { useWatchKeys } from './hooks/useWatchKeys.js';
import { LogsPanel } from './LogsPanel.js';
import { PlaybookDetail, PlaybookPicker } from './PlaybookView.js';
import { SentryPanel } from './SentryPanel.js';
import { SloTable } from './SloTable.js';
import { PANELS } from './watch-state.js';

export const MIN_WIDTH = 60;
export const MIN_HEIGHT = 16;

export interface WatchAppProps {
  config: Config;
  poller: Poller;
  panels?: PanelFetcher;
  /** Real milliseconds between cycles (the refresh, divided by the demo's speed). */
  intervalMs: number;
  /** The clock data is judged by: real time, or the demo's story time. */
  now: () => number;
  deployAt: number | null;
  demoLabel?: string;
  /**
   * Countdown tick in real ms; 0 in tests. Every tick redraws the whole screen
   * (Ink has no partial redraw), about 40 ms for 30 panels: 5 s keeps idle CPU low.
   */
  tickMs?: number;
  size?: { width: number; height: number };
  onQuit?: () => void;
  /** The checklist round due `elapsedMs` after the deploy, with its progress file; `c` opens it. */
  checklist?: (elapsedMs: number) => { ctx: CheckContext; file: string } | null;
}

export function WatchApp(p: WatchAppProps) {
  const { exit } = useApp();
  const { width, height } = useTerminalSize(p.size);
  const tick = useTicker(p.tickMs ?? 5000);
  const now = p.now();
  const sinceDeployMs = p.deployAt === null ? null : now - p.deployAt;
  const latest = useRef<Snapshot | null>(null);
  const checklist = p.checklist && p.deployAt !== null ? p.checklist(p.now() - p.deployAt) : null;
  const [state, dispatch] = useWatchKeys(() => {
    const active = latest.current ? activeAlerts(latest.current.alerts) : [];
    const indexOf = (id?: string) => {
      const i = id ? p.config.playbooks.findIndex((b) => b.id === id) : -1;
      return i >= 0 ? i : null;
    };
    return {
      rows: { slos: p.config.slos.length, alerts: active.length, sentry: 0, logs: 0 },
      playbooks: p.config.playbooks.length,
      alertPlaybooks: active.map((a) => indexOf(a.playbook)),
    };
  }, (s) => s.view === 'checks' && checklist !== null);
  const polling = usePolling({ poller: p.poller, panels: p.panels, intervalMs: p.intervalMs, paused: state.paused, refreshes: state.refreshes, sinceMs: p.deployAt });
  latest.current = polling.snapshot;

  useEffect(() => {
    if (!state.quit) return;
    p.onQuit?.();
    exit();
  }, [state.quit, exit]);

  if (width < MIN_WIDTH || height < MIN_HEIGHT) {
    return <Text>terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT}, have {width}x{height} (q quits)</Text>;
  }
  const snap = polling.snapshot;
  const next = sinceDeployMs === null ? null : nextSlot(p.config.schedule, sinceDeployMs);
  const nextText = next ? `next check: ${next.phase.name} in ${formatAge(next.dueMs - sinceDeployMs!)} — press c` : null;
  const header = (
    <Header
      service={p.config.service}
      environment={p.config.environment}
      sinceDeployMs={sinceDeployMs}
      refreshMs={p.config.refreshMs}
      nextInMs={polling.nextAt === null ? null : polling.nextAt - tick}
      paused={state.paused}
      sources={snap?.sources ?? []}
      slowMs={Math.min(2000, ...Object.values(p.config.sources).map((s) => s.timeoutMs / 2))}
      demo={p.demoLabel}
    />
  );
  let body: React.ReactNode;
  if (!snap) {
    body = <Text>waiting for the first answers…</Text>;
  } else if (state.view === 'help') {
    body = <HelpView />;
  } else if (state.view === 'checks') {
    body = checklist ? (
      <CheckApp
        config={p.config}
        poller={p.poller}
        ctx={checklist.ctx}
        progressFile={checklist.file}
        width={width}
        embedded={{ snapshot: snap, refresh: () => dispatch({ kind: 'char', char: 'r' }) }}
        onQuit={() => dispatch({ kind: 'escape' })}
      />
    ) : (
      <ChecksView config={p.config} snapshot={snap} sinceDeployMs={sinceDeployMs} width={width} />
    );
  } else if (state.view === 'playbooks') {
    body = <PlaybookPicker config={p.config} selected={state.playbook} />;
  } else if (state.view === 'playbook' && p.config.playbooks[state.playbook]) {
    body = <PlaybookDetail config={p.config} playbook={p.config.playbooks[state.playbook]} />;
  } else if (state.view === 'detail' && PANELS[state.focus] === 'slos') {
    const slo = p.config.slos[state.rows.slos];
    body = <SloDetail slo={slo} state={snap.slos[state.rows.slos]} width={width} />;
  } else if (state.view === 'detail' && PANELS[state.focus] === 'alerts') {
    const a = activeAlerts(snap.alerts)[state.rows.alerts];
    const def = a && p.config.alerts.find((x) => x.id === a.id);
    body = a && def ? <AlertDetail alert={def} state={a} /> : <Text>that alert is no longer active (Esc)</Text>;
  } else {
    const focus = PANELS[state.focus];
    const tableLines = snap.slos.length + 4;
    const alertLines = Math.min(4, Math.max(1, activeAlerts(snap.alerts).length));
    const sentryLines = p.panels && polling.panels?.sentry ? Math.min(5, Math.max(1, height - 2 - tableLines - alertLines - 1 - 6)) : 0;
    const logLines = Math.max(0, height - 2 - tableLines - (alertLines + 1) - (sentryLines ? sentryLines + 1 : 0) - 1 - 1);
    body = (
      <Box flexDirection="column">
        <SloTable slos={snap.slos} selected={state.rows.slos} focused={focus === 'slos'} width={width} />
        <AlertsPanel alerts={snap.alerts} now={snap.at} selected={state.rows.alerts} focused={focus === 'alerts'} width={width} maxLines={alertLines} />
        {sentryLines ? <SentryPanel panel={polling.panels!.sentry} now={snap.at} focused={focus === 'sentry'} width={width} maxIssues={sentryLines} /> : null}
        <LogsPanel panel={polling.panels?.logs ?? null} now={snap.at} focused={focus === 'logs'} width={width} maxLines={logLines} filter={state.filter} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      {header}
      {body}
      <Footer next={nextText} filtering={state.filtering} filter={state.filter} />
    </Box>
  );
}
