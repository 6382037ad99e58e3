// The scripted post-deploy story, as pure functions of story time (seconds
// since the deploy). Healthy for 10 minutes; then DocuSeal starts failing and
// task queries slow down; from minute 20 DocuSeal recovers, latency at 21. Before the
// deploy (negative time) the service is healthy, so long windows have history.
export const STORY_LENGTH_S = 40 * 60;

export type Phase = 'healthy' | 'incident' | 'recovery';

const MIN = 60;

/** Story time wraps so a long-running demo keeps telling the story. */
export function storyPhase(t: number): Phase {
  const s = wrap(t);
  if (s < 10 * MIN) return 'healthy';
  if (s < 20 * MIN) return 'incident';
  return 'recovery';
}

function wrap(t: number): number {
  if (t < 0) return -1;
  return t % STORY_LENGTH_S;
}

// A little deterministic wobble so sparklines look alive but tests stay exact.
function wobble(t: number, amp: number): number {
  return amp * Math.sin(t / 37) * Math.cos(t / 113);
}

export interface Signals {
  /** p95 of task list queries, seconds. */
  taskQueryP95: number;
  taskQueryP50: number;
  taskErrorRatio: number;
  pdfP95: number;
  docusealErrorRatio: number;
  authFailureRatio: number;
  /** Requests per second, for turning ratios into counts. */
  docusealRps: number;
  /** Sentry error events per minute. */
  sentryErrorsPerMin: number;
  /** "DocuSeal API call failed" log lines per minute. */
  docusealFailedLinesPerMin: number;
  s3UploadErrorsPerMin: number;
  failedLoginsPerMin: number;
  docusealHealthy: boolean;
}

export function signalsAt(t: number): Signals {
  const s = wrap(t);
  const incident = s >= 10 * MIN && s < 20 * MIN;
  // The latency regression starts a minute into the incident: over 500ms from
  // minute 11 (WARN once held 5m), over 1s from minute 16 (CRIT once held 2m).
  const slow = s >= 11 * MIN && s < 21 * MIN;
  const peak = s >= 16 * MIN && s < 20 * MIN;
  const base = Math.max(0, t);
  const docusealErrorRatio = incident ? 0.25 + wobble(base, 0.02) : 0.002 + wobble(base, 0.001);
  const docusealRps = 2;
  return {
    taskQueryP95: peak ? 1.25 + wobble(base, 0.05) : slow ? 0.72 + wobble(base, 0.03) : 0.18 + wobble(base, 0.02),
    taskQueryP50: peak ? 0.55 : slow ? 0.32 : 0.08,
    taskErrorRatio: incident ? 0.004 : 0.002,
    pdfP95: 2.6 + wobble(base, 0.3),
    docusealErrorRatio,
    authFailureRatio: 0.003 + wobble(base, 0.001),
    docusealRps,
    sentryErrorsPerMin: incident ? 22 + wobble(base, 3) : 2 + wobble(base, 1),
    docusealFailedLinesPerMin: Math.max(0, docusealErrorRatio * docusealRps * 60),
    s3UploadErrorsPerMin: 0.2,
    failedLoginsPerMin: 1.5,
    docusealHealthy: !incident,
  };
}

/** Mean of a signal over [t - window, t], sampled every 15 s as a scrape would. */
export function windowMean(f: (t: number) => number, t: number, windowS: number): number {
  const step = 15;
  const n = Math.max(1, Math.round(windowS / step));
  // Long windows (days) are sampled more coarsely: the story repeats, so precision is not lost.
  const stride = Math.max(1, Math.floor(n / 400));
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i += stride) {
    sum += f(t - i * step);
    count++;
  }
  return sum / count;
}

/** Events over [t - window, t] for a per-minute rate signal. */
export function windowCount(perMin: (t: number) => number, t: number, windowS: number): number {
  return Math.round(windowMean(perMin, t, windowS) * (windowS / 60));
}
