// A real Alertmanager (Debian's prometheus-alertmanager 0.25) on a free
// loopback port, with a minimal config and its own storage, and amtool to
// look at it the way an engineer would.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadUrl } from './fixture-server.js';
import { startUntilReady } from './ready-server.js';

const ALERTMANAGER = process.env.ONCALL_ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';
const AMTOOL = process.env.ONCALL_AMTOOL_BIN ?? '/usr/bin/amtool';

/** Two receivers, a route for team db, and critical inhibiting warning of the same service. */
export const MINIMAL_CONFIG = `route:
  receiver: team-web
  group_by: [alertname]
  group_wait: 1s
  routes:
    - receiver: team-db
      matchers: [team="db"]
receivers:
  - name: team-web
  - name: team-db
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [service]
`;

export interface RealAlertmanager {
  url: string;
  /** amtool against this Alertmanager: its stdout, or a throw with what it said. */
  amtool(...args: string[]): string;
  stop(): Promise<void>;
}

export function requireAlertmanager(): void {
  for (const bin of [ALERTMANAGER, AMTOOL]) {
    if (!existsSync(bin)) {
      throw new Error(
        `${bin} is missing: the integration suite needs a real Alertmanager. Install it with: sudo apt-get install -y prometheus-alertmanager (or set ONCALL_ALERTMANAGER_BIN / ONCALL_AMTOOL_BIN)`,
      );
    }
  }
}

export async function startAlertmanager(config = MINIMAL_CONFIG): Promise<RealAlertmanager> {
  requireAlertmanager();
  const dir = mkdtempSync(join(tmpdir(), 'oncall-am-'));
  writeFileSync(join(dir, 'alertmanager.yml'), config);
  const checked = spawnSync(AMTOOL, ['check-config', join(dir, 'alertmanager.yml')], { encoding: 'utf8' });
  if (checked.status !== 0) throw new Error(`amtool check-config rejected the config: ${checked.stdout}${checked.stderr}`);
  const url = await deadUrl();
  const server = await startUntilReady(
    'alertmanager',
    ALERTMANAGER,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=${url.slice('http://'.length)}`,
      // No gossip: a test's Alertmanager is alone, and the cluster port would be one more to collide on.
      '--cluster.listen-address=',
    ],
    url,
    dir,
  );
  return {
    url,
    amtool(...args) {
      const r = spawnSync(AMTOOL, [...args, `--alertmanager.url=${url}`], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`amtool ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
      return r.stdout;
    },
    stop: server.stop,
  };
}
