import { Box, Text, useApp } from 'ink';
import type React from 'react';
import { useEffect, useRef } from 'react';
import { formatAge } from '../config/duration.js';
import { nextSlot } from '../engine/schedule.js';
import type { Snapshot } from '../engine/state.js';
import { alertLinks, alertRange, issueLinks, sloLinks, sloRange } from '../poller/links.js';
import type { WatchDeps } from '../runtime/deps.js';
import { activeAlerts } from './AlertsPanel.js';
import { CheckApp } from './CheckApp.js';
import { ChecksView } from './ChecksView.js';
import { useClock } from './clock.js';
import { AlertDetail, SloDetail } from './DetailView.js';
import { Footer } from './Footer.js';
import { Header, type HeaderProps } from './Header.js';
import { HelpView } from './HelpView.js';
import { useOutbox } from './hooks/useOutbox.js';
import { usePolling } from './hooks/usePolling.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { useTicker } from './hooks/useTicker.js';
import { useWatchKeys } from './hooks/useWatchKeys.js';
import { KEYMAP, keyFor } from './keys.js';
import { LinkMenuView } from './LinkMenu.js';
import { MainView, mainLayout } from './MainView.js';
import { PlaybookDetail, PlaybookPicker } from './PlaybookView.js';
import { copiedText, openedText } from './state/links.js';
import { type LinkEffect, PANELS, type PanelName, screenOf, shownPlaybooks, viewScreen } from './state/watch.js';

export const MIN_WIDTH = 60;
export const MIN_HEIGHT = 16;
/** The header's service and sources lines, each cut to one. */
const HEADER_LINES = 2;

export interface WatchAppProps extends Omit<WatchDeps, 'clock'> {
  /**
   * Real ms between redraws for the ages ("deployed 12m ago") when no cycle
   * redraws the screen: paused, or a refresh slower than this. 0 in tests.
   */
  tickMs?: number;
  onQuit?: () => void;
}

export function WatchApp(p: WatchAppProps) {
  const { exit } = useApp();
  const { width, height } = useTerminalSize();
  const clock = useClock();
  const now = clock.now();
  const sinceDeployMs = p.deployAt === null ? null : now - p.deployAt;
  const latest = useRef<Snapshot | null>(null);
  const checklist = p.checklist && sinceDeployMs !== null ? p.checklist(sinceDeployMs) : null;
  const playbookTexts = p.config.playbooks.map((b) => `${b.id} ${b.title}`);
  const latestIssues = useRef<readonly { permalink?: string }[]>([]);
  const [state, act, report] = useWatchKeys(
    () => {
      const snap = latest.current;
      const active = snap ? activeAlerts(snap.alerts) : [];
      const indexOf = (id?: string) => {
        const i = id ? p.config.playbooks.findIndex((b) => b.id === id) : -1;
        return i >= 0 ? i : null;
      };
      const at = snap?.at ?? clock.now();
      // The row's item as the screen shows it: the SLO's chart range, the alert's last hour, the issue's page.
      const linksOf = (panel: PanelName, row: number) => {
        if (panel === 'slos') {
          const slo = p.config.slos[row];
          return slo ? sloLinks(p.config, slo, sloRange(slo, snap?.slos[row], at)) : [];
        }
        if (panel === 'alerts') {
          const def = active[row] && p.config.alerts.find((x) => x.id === active[row].id);
          return def ? alertLinks(p.config, def, alertRange(def, at)) : [];
        }
        const issue = panel === 'sentry' ? latestIssues.current[row] : undefined;
        return issue ? issueLinks(issue) : [];
      };
      return {
        rows: { slos: p.config.slos.length, alerts: active.length, sentry: latestIssues.current.length, logs: 0 },
        playbooks: playbookTexts,
        alertPlaybooks: active.map((a) => indexOf(a.playbook)),
        linksOf,
      };
    },
    (s) => s.view === 'checks' && checklist !== null,
  );
  const polling = usePolling({
    poller: p.poller,
    panels: p.panels,
    intervalMs: p.intervalMs,
    paused: state.paused,
    refreshes: state.refreshes,
    sinceMs: p.deployAt,
    clock,
  });
  latest.current = polling.snapshot;
  // The issues the Sentry panel lists, as MainView lays it out: the rows ↑ ↓ move over.
  const alertLines = Math.min(4, Math.max(1, polling.snapshot ? activeAlerts(polling.snapshot.alerts).length : 0));
  const messageLines = state.message ? Math.ceil(state.message.length / Math.max(1, width)) : 0;
  const sentryShown = p.panels ? mainLayout(height - messageLines, p.config.slos.length, alertLines, Boolean(polling.panels?.sentry)).sentryLines : 0;
  latestIssues.current = (polling.panels?.sentry?.data?.issues ?? []).slice(0, Math.max(0, sentryShown));
  useOutbox(
    state.outbox,
    (through) => report({ type: 'taken', through }),
    (e: LinkEffect) => {
      const { link } = e;
      if (!p.links) return report({ type: 'linked', text: `the ${link.label} link: ${link.url}` });
      if (e.purpose === 'copy') return report({ type: 'linked', text: copiedText(link.label, p.links.copy(link.url)) });
      void p.links.open(link.url).then((o) => report({ type: 'linked', text: openedText(o, link.label) }));
    },
  );
  const tickMs = p.tickMs ?? 60_000;
  useTicker(state.paused || p.intervalMs > tickMs ? tickMs : 0, clock.now);

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
    return (
      <Text>
        terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT}, have {width}x{height} ({keyFor(KEYMAP.watch, 'quit')} quits)
      </Text>
    );
  }
  const snap = polling.snapshot;
  const next = sinceDeployMs === null ? null : nextSlot(p.config.schedule, sinceDeployMs);
  const nextText = next ? `next check: ${next.phase.name} in ${formatAge(next.dueMs - sinceDeployMs!)} — press ${keyFor(KEYMAP.watch, 'checks')}` : null;
  const header = <Header {...headerProps} />;
  let body: React.ReactNode;
  // Help and the playbooks need no answers: they open at once, even while the first cycle runs.
  // What `o` or `y` came to: wrapped, not cut, since it may be a URL to open by hand.
  const message = state.message ? <Text wrap="wrap">{state.message}</Text> : null;
  if (state.help) {
    body = <HelpView keys={KEYMAP[viewScreen(state)]} legend />;
  } else if (state.menu) {
    body = <LinkMenuView menu={state.menu} title="the selected item" width={width} />;
  } else if (state.view === 'playbooks') {
    // The picker lists the playbooks the filter shows; the selection is an index into all of them.
    const shown = shownPlaybooks(state, playbookTexts);
    const listed = { ...p.config, playbooks: shown.map((i) => p.config.playbooks[i]) };
    body = <PlaybookPicker config={listed} selected={shown.indexOf(state.playbook)} />;
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
        journal={p.journal}
        width={width}
        height={height - HEADER_LINES}
        embedded={{ snapshot: snap, refresh: () => act('refresh') }}
        onQuit={() => act('back')}
        onExit={() => act('quit')}
      />
    ) : (
      <ChecksView config={p.config} snapshot={snap} sinceDeployMs={sinceDeployMs} width={width} />
    );
  } else if (state.view === 'detail' && PANELS[state.focus] === 'slos') {
    const slo = p.config.slos[state.rows.slos];
    const links = sloLinks(p.config, slo, sloRange(slo, snap.slos[state.rows.slos], snap.at));
    body = <SloDetail config={p.config} slo={slo} state={snap.slos[state.rows.slos]} width={width} links={links} />;
  } else if (state.view === 'detail' && PANELS[state.focus] === 'alerts') {
    const a = activeAlerts(snap.alerts)[state.rows.alerts];
    const def = a && p.config.alerts.find((x) => x.id === a.id);
    body =
      a && def ? (
        <AlertDetail alert={def} state={a} now={now} width={width} links={alertLinks(p.config, def, alertRange(def, snap.at))} />
      ) : (
        <Text>that alert is no longer active ({keyFor(KEYMAP['watch.detail'], 'back')})</Text>
      );
  } else {
    const panels = p.panels ? polling.panels : null;
    body = (
      <MainView
        snap={snap}
        panels={panels}
        focus={PANELS[state.focus]}
        rows={state.rows}
        filter={state.filters.logs}
        width={width}
        height={height - messageLines}
      />
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      {header}
      {body}
      {message}
      {/* Inside watch, the checklist draws its own footer. */}
      {state.view === 'checks' && checklist && snap && !state.help ? null : (
        <Footer
          keys={KEYMAP[screenOf(state)]}
          next={nextText}
          filtering={state.filtering !== null}
          filter={state.filtering ? state.filters[state.filtering] : ''}
        />
      )}
    </Box>
  );
}
