import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplesDir } from '../src/examples-dir.js';

/** demo.yaml with `n` SLOs: the six of the plan, repeated with distinct ids (and so distinct queries). */
export function configWith(n: number, refresh: string): string {
  const base = readFileSync(join(examplesDir(), 'demo.yaml'), 'utf8').replace('refresh: 15s', `refresh: ${refresh}`);
  if (n <= 6) return base;
  const slosStart = base.indexOf('slos:\n') + 'slos:\n'.length;
  const slosEnd = base.indexOf('alerts:\n');
  const block = base.slice(slosStart, slosEnd);
  let extra = '';
  for (let i = 1; extra.split('  - id:').length - 1 < n - 6; i++) {
    extra += block.replace(/id: SLO-(\d+)/g, `id: SLO-$1-${i}`).replace(/\[\$window\]/g, `[$window] offset ${i}s`);
  }
  const blocks = extra
    .split(/(?= {2}- id:)/)
    .slice(0, n - 6)
    .join('');
  return base.slice(0, slosEnd) + blocks + base.slice(slosEnd);
}
