// Bodies in the exact shapes of ../shared/fixtures (see test/fixtures/SOURCES.md).
export const promSuccess = (resultType: 'vector' | 'matrix', result: unknown[]) => JSON.stringify({ status: 'success', data: { resultType, result } });

export const promError = (errorType: string, error: string) => JSON.stringify({ status: 'error', errorType, error });

/** Prometheus and Loki print floats the way Go's strconv.FormatFloat(f, 'f', -1, 64) does, NaN as "NaN". */
export function sampleString(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

// Loki always sends a stats block; this is the summary part of a real one (loki 3.5.0 capture).
const lokiStats = {
  summary: {
    bytesProcessedPerSecond: 72521027,
    linesProcessedPerSecond: 612532,
    totalBytesProcessed: 700782,
    totalLinesProcessed: 5919,
    execTime: 0.009663,
    queueTime: 6.1e-5,
    subqueries: 0,
    totalEntriesReturned: 5,
    splits: 1,
    shards: 1,
    totalPostFilterLines: 5919,
    totalStructuredMetadataBytesProcessed: 79582,
  },
};

export const lokiSuccess = (resultType: 'vector' | 'matrix' | 'streams', result: unknown[]) =>
  JSON.stringify({ status: 'success', data: { resultType, result, stats: lokiStats } });

export function sentryEventsStats(buckets: Array<[number, number]>, start: number, end: number) {
  return JSON.stringify({
    data: buckets.map(([t, c]) => [t, [{ count: c }]]),
    isMetricsData: false,
    start,
    end,
    meta: {
      fields: { 'count()': 'integer' },
      units: { 'count()': null },
      isMetricsData: false,
      isMetricsExtractedData: false,
      tips: { query: null, columns: null },
      datasetReason: 'unchanged',
      dataset: 'errors',
    },
  });
}
