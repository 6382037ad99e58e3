// How the simulator answers a query: it recognises the metric a query is about
// (the names used by examples/demo.yaml) and reads the story at that time.
// Unknown queries get an empty result, which is what a real backend returns for
// a metric it has never seen.
import { parseDuration } from '../config/duration.js';
import { type Signals, signalsAt, windowCount, windowMean } from './story.js';

type Reader = (t: number, windowS: number, query: string) => number;

const mean =
  (pick: (s: Signals) => number): Reader =>
  (t, w) =>
    windowMean((x) => pick(signalsAt(x)), t, w);
const count =
  (pick: (s: Signals) => number): Reader =>
  (t, w) =>
    windowCount((x) => pick(signalsAt(x)), t, w);

const quantile: Reader = (t, w, q) => {
  const m = /histogram_quantile\(\s*([\d.]+)/.exec(q);
  const phi = m ? Number(m[1]) : 0.95;
  return windowMean((x) => (phi >= 0.9 ? signalsAt(x).taskQueryP95 : signalsAt(x).taskQueryP50), t, w);
};

// Most specific first: a ratio query mentions its metric twice, a count once.
const PROMQL: Array<[RegExp, Reader]> = [
  [/docuseal_requests_total\{status=~"5\.\."\}[\s\S]*\/[\s\S]*docuseal_requests_total/, mean((s) => s.docusealErrorRatio)],
  [/task_operations_total\{status="error"\}[\s\S]*\/[\s\S]*task_operations_total/, mean((s) => s.taskErrorRatio)],
  [/auth_attempts_total\{result="failure"\}[\s\S]*\/[\s\S]*auth_attempts_total/, mean((s) => s.authFailureRatio)],
  [/pdf_generation_total\{result="failure"\}[\s\S]*\/[\s\S]*pdf_generation_total/, () => 0.01],
  [/task_query_duration_seconds_bucket/, quantile],
  [/pdf_generation_duration_seconds_bucket/, mean((s) => s.pdfP95)],
  [/s3_upload_errors_total/, count((s) => s.s3UploadErrorsPerMin)],
  [/auth_attempts_total\{result="failure"\}/, count((s) => s.failedLoginsPerMin)],
  [/e2e_test_last_success/, () => 1],
  [/^\s*up\b/, () => 1],
];

const LOGQL: Array<[RegExp, Reader]> = [
  [/DocuSeal API call failed/, count((s) => s.docusealFailedLinesPerMin)],
  [/column does not exist/, () => 0],
  [/level="?error"?|\|= "error"|\|~ "(?:\(\?i\))?error"/, count((s) => s.sentryErrorsPerMin)],
];

function windowOf(query: string): number {
  const m = /\[(\d+(?:ms|s|m|h|d|w|y))+\]/.exec(query);
  const ms = m ? parseDuration(m[0].slice(1, -1)) : null;
  return ms ? ms / 1000 : 60;
}

function answer(table: Array<[RegExp, Reader]>, query: string, storyT: number): number | null {
  for (const [re, read] of table) if (re.test(query)) return read(storyT, windowOf(query), query);
  return null;
}

export const promValue = (query: string, storyT: number) => answer(PROMQL, query, storyT);

export const lokiValue = (query: string, storyT: number) => answer(LOGQL, query, storyT);

export interface DemoLogLine {
  t: number;
  level: 'info' | 'warn' | 'error';
  line: string;
}

/** Log lines the app would write around story time t, one slot every 5 s, newest first. */
export function logLines(fromT: number, toT: number, limit: number): DemoLogLine[] {
  const out: DemoLogLine[] = [];
  const slot = 5;
  for (let t = Math.floor(toT / slot) * slot; t >= fromT && out.length < limit; t -= slot) {
    const s = signalsAt(t);
    const k = Math.floor(t / slot);
    const failuresPerSlot = (s.docusealFailedLinesPerMin * slot) / 60;
    if (failuresPerSlot >= 1 || (failuresPerSlot > 0 && k % Math.round(1 / failuresPerSlot) === 0)) {
      out.push({ t, level: 'error', line: `DocuSeal API call failed status=503 endpoint=/api/submissions proposalId=p-${1000 + (k % 97)}` });
      if (out.length >= limit) break;
    }
    if (s.taskQueryP95 > 0.5 && k % 2 === 0) {
      out.push({ t: t - 1, level: 'warn', line: `Slow task query latency=${Math.round(s.taskQueryP95 * 1000)}ms filter=myTasks userId=u-${k % 41}` });
      if (out.length >= limit) break;
    }
    out.push({
      t: t - 2,
      level: 'info',
      line: `Task query executed filter=myTasks resultCount=${12 + (k % 9)} latency=${Math.round(s.taskQueryP50 * 1000)}ms`,
    });
  }
  return out.slice(0, limit);
}

export interface DemoIssue {
  id: string;
  shortId: string;
  title: string;
  culprit: string;
  level: string;
  count: number;
  firstSeenT: number;
  lastSeenT: number;
}

/** Unresolved Sentry issues as of story time t. */
export function sentryIssues(t: number): DemoIssue[] {
  const docuseal = windowCount((x) => signalsAt(x).sentryErrorsPerMin - 2, t, Math.max(60, t + 600));
  const issues: DemoIssue[] = [
    {
      id: '4101',
      shortId: 'PRACTICE-HUB-1A',
      title: "TypeError: Cannot read properties of undefined (reading 'preparerId')",
      culprit: 'app/tasks/my-tasks.ts in filterTasks',
      level: 'error',
      count: 14 + Math.max(0, Math.floor(t / 300)),
      firstSeenT: -86_400,
      lastSeenT: t - 40,
    },
    {
      id: '4102',
      shortId: 'PRACTICE-HUB-1B',
      title: 'S3 upload timed out',
      culprit: 'lib/storage/s3.ts in uploadPdf',
      level: 'warning',
      count: 3,
      firstSeenT: -7_200,
      lastSeenT: -600,
    },
  ];
  if (docuseal > 0 && t >= 10 * 60) {
    issues.push({
      id: '4107',
      shortId: 'PRACTICE-HUB-2C',
      title: 'Error: DocuSeal API call failed (503 Service Unavailable)',
      culprit: 'lib/docuseal/client.ts in createSubmission',
      level: 'error',
      count: docuseal,
      firstSeenT: 10 * 60,
      lastSeenT: Math.min(t, 20 * 60),
    });
  }
  return issues.sort((a, b) => b.count - a.count);
}
