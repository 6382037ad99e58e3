// A type of source made only for the test that follows docs/architecture.md:
// numbers from the config itself, asked in a query language of its own
// ("errors over 300s / requests over 300s"). This file is its registry entry.
import * as z from 'zod';
import type { SourceDef } from '../../../src/config/types.js';
import { defineKind } from '../../../src/sources/kind.js';
import { tallyDialect } from './dialect.js';

const options = z.strictObject({
  counts: z.record(z.string(), z.number()).describe('what each name counts per second, or per minute'),
  per: z.enum(['second', 'minute']).default('second'),
});
export type TallyOptions = z.infer<typeof options>;

export const tally = defineKind({
  type: 'tally',
  title: 'Tally',
  options,
  lang: null,
  can: { metrics: true, ratio: true, labelledSeries: true, windowsInOneQuery: false, rangeEndIsInstant: false, logs: false, errors: false },
  dialect: tallyDialect,
  client: () => import('./client.js').then((m) => (def: SourceDef<TallyOptions>) => new m.TallySource(def)),
});
