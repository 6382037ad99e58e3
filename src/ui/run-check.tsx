import React from 'react';
import { render } from 'ink';
import type { Config } from '../config/types.js';
import type { CheckContext } from '../engine/check-doc.js';
import type { Poller } from '../poller/poller.js';
import { CheckApp } from './CheckApp.js';

export async function runCheckUi(config: Config, poller: Poller, ctx: CheckContext, progressFile: string): Promise<void> {
  const app = render(<CheckApp config={config} poller={poller} ctx={ctx} progressFile={progressFile} />, { exitOnCtrlC: false });
  try {
    await app.waitUntilExit();
  } finally {
    app.cleanup();
  }
}
