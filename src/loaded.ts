import type { Config } from './config/types.js';
import type { Demo } from './demo/run.js';

/** A command's starting point: the config, its clock, and the simulator when --demo. */
export interface Loaded {
  config: Config;
  demo?: Demo;
  now: () => number;
  path: string;
}

/** The deploy that "time since the deploy" counts from. */
export interface DeployRef {
  id: string;
  at: number;
  release: string | null;
}
