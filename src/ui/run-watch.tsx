import React from 'react';
import { render } from 'ink';
import type { DeployRef, Loaded } from '../loaded.js';
import { roundFor } from '../engine/check-doc.js';
import { slotFile } from '../store/checklist.js';
import { stateDir } from '../store/state-dir.js';
import { PanelFetcher } from '../poller/panels.js';
import { Poller } from '../poller/poller.js';
import { closeSources, createSources } from '../sources/index.js';
import { WatchApp } from './WatchApp.js';

/** Full-screen watch; resolves when the user quits, with the terminal restored. */
export async function runWatchUi(loaded: Loaded, deploy: DeployRef | null, dir: string | undefined): Promise<void> {
  const { config } = loaded;
  const checklist = (elapsedMs: number) => {
    const ctx = roundFor(config.service, config.schedule, deploy, elapsedMs);
    if (!ctx) return null;
    const file = slotFile(stateDir(dir), { service: config.service, deployId: deploy?.id ?? 'unrecorded', phase: ctx.phase.name, index: ctx.slotIndex });
    return { ctx, file };
  };
  const sources = createSources(loaded.config);
  const poller = new Poller(loaded.config, sources, { now: loaded.now });
  const panels = new PanelFetcher(loaded.config, sources, loaded.now);
  const speed = loaded.demo?.clock.speed ?? 1;
  // The alternate screen, as htop and k9s use: quitting gives the shell its screen back.
  process.stdout.write('\u001b[?1049h\u001b[H');
  const restore = () => process.stdout.write('\u001b[?1049l');
  process.once('exit', restore);
  const app = render(
    <WatchApp
      config={loaded.config}
      poller={poller}
      panels={panels}
      intervalMs={loaded.config.refreshMs / speed}
      now={loaded.now}
      deployAt={deploy?.at ?? null}
      checklist={checklist}
      demoLabel={loaded.demo ? `demo ×${speed}` : undefined}
    />,
    { exitOnCtrlC: false },
  );
  try {
    await app.waitUntilExit();
  } finally {
    app.cleanup();
    restore();
    process.off('exit', restore);
    await closeSources(sources);
    await loaded.demo?.sim.close();
  }
}
