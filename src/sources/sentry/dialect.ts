// Sentry's search syntax, as oncall writes it. A search has no window in it:
// the client asks for the span (events-stats start and end), so `$window`
// stays as written, and a count is not a ratio.
import type { Dialect } from '../kind.js';

export const sentryDialect: Dialect = {
  withWindow: (query) => query,
  errors: { all: 'event.type:error', level: (level) => `level:${level}` },
};
