// What the frame bench and the render soak draw: the watch screen (header,
// SLO table, alerts, Sentry, logs, footer) at 160x60 from the demo story, as
// WatchApp lays it out, written by Ink to a terminal that is not there.
import { Writable } from 'node:stream';
import { Box } from 'ink';
import { parseConfig } from '../src/config/load.js';
import { type Demo, startDemo } from '../src/demo/run.js';
import type { Snapshot } from '../src/engine/state.js';
import { PanelFetcher, type Panels } from '../src/poller/panels.js';
import { Poller } from '../src/poller/poller.js';
import type { HttpClient } from '../src/sources/http.js';
import { closeSources, createSources } from '../src/sources/index.js';
import { Footer } from '../src/ui/Footer.js';
import { Header } from '../src/ui/Header.js';
import { MainView } from '../src/ui/MainView.js';
import { initialState } from '../src/ui/state/watch.js';
import { configWith } from './configs.js';

export const WIDTH = 160;
export const HEIGHT = 60;
export const DEPLOY = 1_800_000_000_000;

export interface Frame {
  snap: Snapshot;
  panels: Panels;
  /** Time of the next cycle, for the header. */
  nextAt: number;
}

export function Screen({ snap, panels, nextAt }: Frame) {
  return (
    <Box flexDirection="column" width={WIDTH}>
      <Header
        service={snap.service}
        environment={snap.environment}
        sinceDeployMs={snap.at - DEPLOY}
        refreshMs={15_000}
        nextAt={nextAt}
        paused={false}
        sources={snap.sources}
        slowMs={2000}
      />
      <MainView snap={snap} panels={panels} focus="slos" rows={initialState.rows} filter="" width={WIDTH} height={HEIGHT} />
      <Footer next="next check: Hours 2-6 in 12m — press c" filtering={false} filter="" />
    </Box>
  );
}

/** The demo story with `slos` SLO panels, whose cycles run at story times the caller sets. */
export interface Story {
  demo: Demo;
  cycle: (storyMs: number) => Promise<Frame>;
  /** Requests sent and TCP connections opened so far, per source. */
  http: () => Array<{ name: string; requests: number; connections: number }>;
  close: () => Promise<void>;
}

export async function story(slos: number): Promise<Story> {
  const demo = await startDemo({ speed: 1, startAt: 0, deployAt: DEPLOY });
  const r = parseConfig(configWith(slos, '15s'), demo.env);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const sources = createSources(r.config);
  const now = () => demo.clock.now();
  const poller = new Poller(r.config, sources, { now });
  const fetcher = new PanelFetcher(r.config, sources, now);
  return {
    demo,
    async cycle(storyMs) {
      demo.clock.set(DEPLOY + storyMs);
      const [snap, panels] = await Promise.all([poller.cycle(), fetcher.fetch(DEPLOY)]);
      return { snap, panels, nextAt: snap.at + 15_000 };
    },
    // Every built-in client keeps its HttpClient as `http`.
    http: () =>
      [...sources.values()].map((x) => {
        const { http } = x as unknown as { http: HttpClient };
        return { name: x.name, requests: http.requests, connections: http.connections };
      }),
    async close() {
      await closeSources(sources);
      await demo.sim.close();
    },
  };
}

/** A 160x60 terminal that keeps nothing: the bytes are only counted, or handed to `onChunk`. */
export function nullTerminal(onChunk: (chunk: Buffer) => void = () => {}): NodeJS.WriteStream {
  return Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        onChunk(chunk);
        done();
      },
    }),
    { columns: WIDTH, rows: HEIGHT, isTTY: true },
  ) as unknown as NodeJS.WriteStream;
}
