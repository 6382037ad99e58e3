import * as z from 'zod';
import { visibleControls } from '../src/text/sanitize.js';
import { type CommandDecl, declare } from './command.js';
import { usage, withRuntime } from './common.js';
import { authorOf, backendFailed, endOf, matchersFrom, pickSource, silenceDoc, silenceTable, validId } from './silence-run.js';

const common = [
  { flags: '-c, --config <path>', description: 'config file' },
  { flags: '--source <name>', description: 'the alertmanager source, when the config has several' },
  { flags: '--json', description: 'print a JSON document' },
];

const addOptions = z.object({
  config: z.string().optional(),
  source: z.string().optional(),
  json: z.boolean().optional(),
  duration: z.string().optional(),
  until: z.string().optional(),
  comment: z.string().optional(),
  author: z.string().optional(),
});

const add = declare({
  name: 'add',
  args: '[matchers...]',
  description: 'silence the alerts the matchers select (amtool syntax: alertname=Foo severity=~"crit.*")',
  options: [
    ...common,
    { flags: '-d, --duration <duration>', description: 'how long it lasts (default 1h)' },
    { flags: '--until <time>', description: 'when it ends instead: HH:MM (next time the clock shows it) or an ISO time' },
    { flags: '--comment <text>', description: 'why (required)' },
    { flags: '-a, --author <name>', description: 'who (default git config user.name, else $USER)' },
  ],
  schema: addOptions,
  run: (o, args) => {
    // Commander hands a variadic argument over as one list.
    const texts = (args as unknown[]).flat().filter((a): a is string => typeof a === 'string');
    const comment = visibleControls(o.comment ?? '').trim();
    if (!comment) return void usage('silence add: --comment is required: say why the alerts are silenced, for whoever sees the silence next');
    const matchers = matchersFrom(texts);
    if (!matchers) return;
    const author = authorOf(o.author);
    if (!author) return;
    return withRuntime({ config: o.config }, async (rt) => {
      const startsAt = rt.now();
      const endsAt = endOf(startsAt, o.duration, o.until);
      if (endsAt === null) return;
      const picked = pickSource(rt, o.source);
      if (!picked) return;
      const r = await picked.source.createSilence({ matchers, startsAt, endsAt, createdBy: author, comment });
      if (!r.ok) return backendFailed('silence add', picked, r.failure);
      const id = visibleControls(r.value);
      if (!o.json) return void process.stdout.write(`${id}\n`);
      const doc = silenceDoc({ id, state: 'active', matchers, startsAt, endsAt, updatedAt: startsAt, createdBy: author, comment });
      delete doc.state;
      process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    });
  },
});

const lsOptions = z.object({
  config: z.string().optional(),
  source: z.string().optional(),
  json: z.boolean().optional(),
  expired: z.boolean().optional(),
});

const ls = declare({
  name: 'ls',
  description: 'the active and pending silences (like amtool silence query)',
  options: [...common, { flags: '--expired', description: 'the expired silences instead' }],
  schema: lsOptions,
  run: (o) =>
    withRuntime({ config: o.config }, async (rt) => {
      const picked = pickSource(rt, o.source);
      if (!picked) return;
      const r = await picked.source.silences();
      if (!r.ok) return backendFailed('silence ls', picked, r.failure);
      const shown = r.value.filter((s) => (s.state === 'expired') === Boolean(o.expired)).sort((a, b) => a.endsAt - b.endsAt);
      process.stdout.write(o.json ? `${JSON.stringify(shown.map(silenceDoc), null, 2)}\n` : silenceTable(shown));
    }),
});

const expireOptions = z.object({
  config: z.string().optional(),
  source: z.string().optional(),
  json: z.boolean().optional(),
});

const expire = declare({
  name: 'expire',
  args: '<id>',
  description: 'end a silence now',
  options: common,
  schema: expireOptions,
  run: (o, [id]) => {
    if (!validId(id))
      return void usage(`silence expire: ${JSON.stringify(visibleControls(id).slice(0, 60))} is not a silence id (a UUID, as silence ls shows)`);
    return withRuntime({ config: o.config }, async (rt) => {
      const picked = pickSource(rt, o.source);
      if (!picked) return;
      const r = await picked.source.expireSilence(id);
      if (!r.ok) return backendFailed('silence expire', picked, r.failure);
      process.stdout.write(o.json ? `${JSON.stringify({ id: id.toLowerCase(), expired: true })}\n` : `expired ${id.toLowerCase()}\n`);
    });
  },
});

export const silence: CommandDecl = {
  name: 'silence',
  description: 'add, list and expire Alertmanager silences',
  options: [],
  subcommands: [add, ls, expire],
};
