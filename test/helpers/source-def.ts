import type { SourceDef, SourceType } from '../../src/config/types.js';

/** `extra.options`: the type's own fields (Loki's tenant, Sentry's org). */
export function sourceDef<O = Readonly<Record<string, unknown>>>(type: SourceType, url: string, extra: Partial<SourceDef<O>> = {}): SourceDef<O> {
  const { options, ...rest } = extra;
  return {
    name: type,
    type,
    url,
    auth: { kind: 'none' },
    headers: {},
    timeoutMs: 2000,
    concurrency: 4,
    bodyLimitBytes: 16 * 1024 ** 2,
    ...rest,
    options: options ?? ({} as O),
  };
}
