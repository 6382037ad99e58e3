import type { Loaded } from '../../commands/common.js';

export async function runWatchUi(loaded: Loaded): Promise<void> {
  void loaded;
  throw new Error('interactive watch is not built yet');
}
