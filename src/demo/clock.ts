/**
 * Simulated wall-clock time. The demo runs the story faster than real time, and
 * the poller reads this clock too, so `for 5m` means five story minutes.
 */
export class DemoClock {
  private readonly startReal: number;
  private fixed: number | null = null;

  constructor(
    private readonly startSim: number,
    readonly speed = 1,
    /** Epoch ms of the deploy the story starts from. */
    readonly deployAt = startSim,
    private readonly realNow: () => number = Date.now,
  ) {
    this.startReal = realNow();
  }

  now(): number {
    if (this.fixed !== null) return this.fixed;
    return this.startSim + (this.realNow() - this.startReal) * this.speed;
  }

  /** For tests: stop the clock at `ms`. */
  set(ms: number): void {
    this.fixed = ms;
  }

  /** Story seconds (since the deploy) at simulated epoch `ms`. */
  storyAt(ms: number): number {
    return (ms - this.deployAt) / 1000;
  }
}
