import { Box } from 'ink';
import type { Snapshot } from '../engine/state.js';
import type { Panels } from '../poller/panels.js';
import { AlertmanagerPanel } from './AlertmanagerPanel.js';
import { AlertsPanel, activeAlerts } from './AlertsPanel.js';
import { LogsPanel } from './LogsPanel.js';
import { SentryPanel } from './SentryPanel.js';
import { SloTable } from './SloTable.js';
import type { PanelName } from './state/watch.js';

/**
 * How the main view's lines are shared out so that it never outgrows the
 * terminal: header 2, alerts title + lines, logs title, footer 1; the table
 * (borders and header 4) gets what it needs and scrolls beyond that, keeping
 * a line for its "rows 7–30 of 30"; Sentry up to 5 issues while 3 log
 * lines still fit; logs the rest.
 */
export function mainLayout(height: number, slos: number, alertLines: number, sentry: boolean): { tableRows: number; sentryLines: number; logLines: number } {
  const room = height - 2 - (alertLines + 1) - 1 - 1;
  const tableRows = slos + 4 <= room ? slos : Math.max(1, room - 5);
  const tableLines = tableRows + 4 + (tableRows < slos ? 1 : 0);
  const sentryLines = sentry ? Math.max(0, Math.min(5, room - tableLines - 1 - 3)) : 0;
  const logLines = Math.max(0, room - tableLines - (sentryLines ? sentryLines + 1 : 0));
  return { tableRows, sentryLines, logLines };
}

export interface MainViewProps {
  snap: Snapshot;
  /** Null until the first panels arrive, or when no Sentry or logs are configured. */
  panels: Panels | null;
  focus: PanelName;
  rows: Record<PanelName, number>;
  filter: string;
  width: number;
  height: number;
}

/** The panels under the header: SLO table, alerts, Sentry and logs, fitted to the terminal. */
export function MainView({ snap, panels, focus, rows, filter, width, height }: MainViewProps) {
  const alertLines = Math.min(4, Math.max(1, activeAlerts(snap.alerts).length));
  const layout = mainLayout(height, snap.slos.length, alertLines, Boolean(panels?.sentry));
  const { tableRows, sentryLines } = layout;
  // Alertmanager's panel takes from the logs' share (its title and up to 8 lines), leaving the logs 3.
  const amLines = panels?.alertmanager ? Math.max(0, Math.min(8, layout.logLines - 1 - 3)) : 0;
  const logLines = layout.logLines - (amLines ? amLines + 1 : 0);
  return (
    <Box flexDirection="column">
      <SloTable slos={snap.slos} selected={rows.slos} focused={focus === 'slos'} width={width} maxRows={tableRows} />
      <AlertsPanel alerts={snap.alerts} now={snap.at} selected={rows.alerts} focused={focus === 'alerts'} width={width} maxLines={alertLines} />
      {sentryLines ? (
        <SentryPanel panel={panels!.sentry} now={snap.at} focused={focus === 'sentry'} selected={rows.sentry} width={width} maxIssues={sentryLines} />
      ) : null}
      {amLines ? <AlertmanagerPanel panel={panels!.alertmanager} now={snap.at} width={width} maxLines={amLines} /> : null}
      <LogsPanel panel={panels?.logs ?? null} now={snap.at} focused={focus === 'logs'} width={width} maxLines={logLines} filter={filter} />
    </Box>
  );
}
