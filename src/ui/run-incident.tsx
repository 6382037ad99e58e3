import React from 'react';
import { render } from 'ink';
import type { Config, Playbook } from '../config/types.js';
import type { Incident } from '../store/timeline.js';
import { IncidentApp, type IncidentDeps } from './IncidentApp.js';

export async function runIncidentUi(config: Config, playbook: Playbook, incident: Incident, deps: IncidentDeps, env: NodeJS.ProcessEnv, exec: boolean, now: () => number): Promise<void> {
  const app = render(<IncidentApp config={config} playbook={playbook} incident={incident} deps={deps} env={env} exec={exec} now={now} />, { exitOnCtrlC: false });
  try {
    await app.waitUntilExit();
  } finally {
    app.cleanup();
  }
}
