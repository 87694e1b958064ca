import type { VirtualClock } from "./clock.js";

/**
 * Device timers in virtual time (QEMU's QEMU_CLOCK_VIRTUAL timers): a device schedules work to finish at
 * a time, and whoever waits for it (the CPU, idling) advances the clock to that time and runs it.
 * Deterministic: events at the same time run in the order they were scheduled.
 */
export class EventQueue {
  private readonly events: { at: number; seq: number; category: number; run: () => void }[] = [];
  private seq = 0;

  constructor(private readonly clock: VirtualClock) {}

  /** Runs `run` at virtual time `at`; the time the CPU spends waiting for it is charged to `category`. */
  schedule(at: number, category: number, run: () => void): void {
    this.events.push({ at, seq: this.seq++, category, run });
    this.events.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  get pending(): number {
    return this.events.length;
  }

  /** Runs every event whose time has come (no clock advance). */
  runDue(): void {
    while (this.events.length && this.events[0].at <= this.clock.nowNs) this.events.shift()?.run();
  }

  /** The CPU idles until the next event, charging the wait to its category, then runs it; false if none. */
  runNext(): boolean {
    const e = this.events.shift();
    if (!e) return false;
    if (e.at > this.clock.nowNs) this.clock.charge(e.category, e.at - this.clock.nowNs);
    e.run();
    return true;
  }
}
