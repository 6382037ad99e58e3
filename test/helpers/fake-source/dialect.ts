// How the tally language is written: a window in whole seconds, a ratio as "a / b".
import type { Dialect } from '../../../src/sources/kind.js';

const withWindow = (query: string, windowMs: number) => query.replaceAll('$window', `${windowMs / 1000}s`);

export const tallyDialect: Dialect = {
  withWindow,
  ratio: (errors, total, windowMs) => (total === null ? withWindow(errors, windowMs) : `${withWindow(errors, windowMs)} / ${withWindow(total, windowMs)}`),
};
