// LogQL as oncall writes it: `$window` where the grammar takes a duration,
// and the error ratio in the vector operators LogQL shares with PromQL.
import { formatDuration } from '../../config/duration.js';
import { substituteWindow } from '../../lang/query.js';
import type { Dialect } from '../kind.js';
import { vectorRatio } from '../vector-ratio.js';

export function withWindow(query: string, windowMs: number): string {
  return substituteWindow(query, formatDuration(windowMs), 'logql');
}

export function ratioQuery(errors: string, total: string | null, windowMs: number): string {
  return vectorRatio(errors, total, windowMs, withWindow);
}

export const lokiDialect: Dialect = { withWindow, ratio: ratioQuery };
