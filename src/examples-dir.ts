import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The examples/ folder shipped beside the code. The same module runs from
 * dist/src/ (tsc's output, which the tests import) and from dist/bundle/ (the
 * bundle bin/oncall.js runs), so it is found by walking up, not by a fixed `..`.
 */
export function examplesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'examples', 'demo.yaml'))) return join(dir, 'examples');
    if (dirname(dir) === dir) throw new Error(`examples/ is missing from the package (looked above ${here})`);
  }
}
