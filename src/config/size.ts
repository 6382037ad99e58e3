// Sizes as Prometheus writes body_size_limit: a number and a unit, in powers
// of 1024 whether spelled KB or KiB (Prometheus's own reading of "16MB").
const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1024, kib: 1024, mb: 1024 ** 2, mib: 1024 ** 2, gb: 1024 ** 3, gib: 1024 ** 3 };

/** What one answer from a source may be when the config does not say. */
export const DEFAULT_BODY_LIMIT = 16 * 1024 ** 2;
/** An answer is parsed as one string, and V8 strings stop at about 512 MB of text; half that leaves room for the parse. */
export const MAX_BODY_LIMIT = 256 * 1024 ** 2;

/** Bytes, or null when `text` is not a number with a unit. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(text.trim());
  const unit = m && UNIT_BYTES[m[2].toLowerCase()];
  return unit ? Math.floor(Number(m[1]) * unit) : null;
}

/** The shortest exact spelling: 16777216 -> "16MB", 1536 -> "1.5KB". */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ] as const) {
    if (bytes >= size && Number.isInteger((bytes / size) * 100)) return `${bytes / size}${unit}`;
  }
  return `${bytes}B`;
}

/** body_size_limit checked: a size, more than 0 (there is always a limit), at most MAX_BODY_LIMIT. */
export function bodyLimit(raw: string | number | undefined): { ok: true; bytes: number } | { ok: false; reason: string } {
  if (raw === undefined) return { ok: true, bytes: DEFAULT_BODY_LIMIT };
  const bytes = typeof raw === 'string' ? parseSize(raw) : null;
  const quoted = JSON.stringify(raw);
  if (bytes === null) return { ok: false, reason: `${quoted} is not a size (expected a number and a unit, like 16MB or 512KiB)` };
  if (bytes < 1) return { ok: false, reason: `${quoted} must be more than 0: every answer is read with a limit` };
  if (bytes > MAX_BODY_LIMIT) return { ok: false, reason: `${quoted} is more than the ${formatSize(MAX_BODY_LIMIT)} one answer can be` };
  return { ok: true, bytes };
}
