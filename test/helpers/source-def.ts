import type { SourceDef, SourceType } from '../../src/config/types.js';

export function sourceDef(type: SourceType, url: string, extra: Partial<SourceDef> = {}): SourceDef {
  return { name: type, type, url, auth: { kind: 'none' }, headers: {}, timeoutMs: 2000, concurrency: 4, bodyLimitBytes: 16 * 1024 ** 2, ...extra };
}
