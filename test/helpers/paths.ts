import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root, from dist/test/helpers. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = `${ROOT}test/fixtures/`;
export const CLI = `${ROOT}bin/oncall.js`;

export function fixture(path: string): string {
  return readFileSync(`${FIXTURES}${path}`, 'utf8');
}
