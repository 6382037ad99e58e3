import React, { useEffect, useRef } from 'react';
import { Box, Text, useApp } from 'ink';
import { formatAge } from '../config/duration.js';
import type { Config } from '../config/types.js';
import type { Snapshot } from '../engine/state.js';
import { nextSlot } from '../engine/schedule.js';
import type { PanelFetcher } from '../poller/panels.js';
import type { Poller } from '../poller/poller.js';
import { activeAlerts } from './AlertsPanel.js';
import { CheckApp } from './CheckApp.js';
import { ChecksView } from './ChecksView.js';
import type { CheckContext } from '../engine/check-doc.js';
import { AlertDetail, SloDetail } from './DetailView.js';
import { Footer } from './Footer.js';
import { Header, type HeaderProps } from './Header.js';
import { HelpView } from './HelpView.js';
import { usePolling } from './hooks/usePolling.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { useTicker } from './hooks/useTicker.js';
import { useWatchKeys } from './hooks/useWatchKeys.js';
import { MainView } from './MainView.js';
import { PlaybookDetail, PlaybookPicker } from './PlaybookView.js';
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
   * Real ms between redraws for the ages ("deployed 12m ago") when no cycle
   * redraws the screen: paused, or a refresh slower than this. 0 in tests.
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
  const now = p.now();
  const sinceDeployMs = p.deployAt === null ? null : now - p.deployAt;
  const latest = useRef<Snapshot | null>(null);
  const checklist = p.checklist && sinceDeployMs !== null ? p.checklist(sinceDeployMs) : null;
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
  const tickMs = p.tickMs ?? 60_000;
  useTicker(state.paused || p.intervalMs > tickMs ? tickMs : 0);

  useEffect(() => {
    if (!state.quit) return;
    p.onQuit?.();
    exit();
  }, [state.quit, exit]);

  const headerProps: HeaderProps = {
    service: p.config.service,
    environment: p.config.environment,
    sinceDeployMs,
    refreshMs: p.config.refreshMs,
    nextAt: polling.nextAt,
    paused: state.paused,
    sources: polling.snapshot?.sources ?? [],
    slowMs: Math.min(2000, ...Object.values(p.config.sources).map((s) => s.timeoutMs / 2)),
    demo: p.demoLabel,
  };
  const tooSmall = width < MIN_WIDTH || height < MIN_HEIGHT;

  if (tooSmall) {
    return <Text>terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT}, have {width}x{height} (q quits)</Text>;
  }
  const snap = polling.snapshot;
  const next = sinceDeployMs === null ? null : nextSlot(p.config.schedule, sinceDeployMs);
  const nextText = next ? `next check: ${next.phase.name} in ${formatAge(next.dueMs - sinceDeployMs!)} — press c` : null;
  const header = <Header {...headerProps} />;
  let body: React.ReactNode;
  // Help and the playbooks need no answers: they open at once, even while the first cycle runs.
  if (state.view === 'help') {
    body = <HelpView />;
  } else if (state.view === 'playbooks') {
    body = <PlaybookPicker config={p.config} selected={state.playbook} />;
  } else if (state.view === 'playbook' && p.config.playbooks[state.playbook]) {
    body = <PlaybookDetail config={p.config} playbook={p.config.playbooks[state.playbook]} />;
  } else if (!snap) {
    body = <Text>waiting for the first answers…</Text>;
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
  } else if (state.view === 'detail' && PANELS[state.focus] === 'slos') {
    const slo = p.config.slos[state.rows.slos];
    body = <SloDetail slo={slo} state={snap.slos[state.rows.slos]} width={width} />;
  } else if (state.view === 'detail' && PANELS[state.focus] === 'alerts') {
    const a = activeAlerts(snap.alerts)[state.rows.alerts];
    const def = a && p.config.alerts.find((x) => x.id === a.id);
    body = a && def ? <AlertDetail alert={def} state={a} now={now} width={width} /> : <Text>that alert is no longer active (Esc)</Text>;
  } else {
    const panels = p.panels ? polling.panels : null;
    body = <MainView snap={snap} panels={panels} focus={PANELS[state.focus]} rows={state.rows} filter={state.filter} width={width} height={height} />;
  }
  return (
    <Box flexDirection="column" width={width}>
      {header}
      {body}
      <Footer next={nextText} filtering={state.filtering} filter={state.filter} />
    </Box>
  );
}
