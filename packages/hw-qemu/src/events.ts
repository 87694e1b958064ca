import type { VirtualClock } from "./clock.js";

/**
 * Device timers in virtual time (QEMU's QEMU_CLOCK_VIRTUAL timers): a device schedules work to finish at
 * a time, and whoever waits for it (the CPU, idling) advances the clock to that time and runs it.
 * Deterministic: events at the same time run in the order they were scheduled.
 */
export class EventQueue {
  private readonly events: { at: number; seq: number; parts: [number, number][]; run: () => void }[] = [];
  private seq = 0;

  constructor(private readonly clock: VirtualClock) {}

  /**
   * Runs `run` at virtual time `at`. The time the CPU spends waiting for it is charged to `category`, or
   * split over `parts` ([category, ns] pairs, in proportion) when the work has several components.
   */
  schedule(at: number, category: number | [number, number][], run: () => void): void {
    const parts: [number, number][] = typeof category === "number" ? [[category, 1]] : category;
    this.events.push({ at, seq: this.seq++, parts, run });
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
    if (e.at > this.clock.nowNs) {
      const wait = e.at - this.clock.nowNs;
      const total = e.parts.reduce((t, [, ns]) => t + ns, 0) || 1;
      let charged = 0;
      e.parts.forEach(([cat, ns], i) => {
        const share = i === e.parts.length - 1 ? wait - charged : (wait * ns) / total;
        this.clock.charge(cat, share);
        charged += share;
      });
    }
    e.run();
    return true;
  }
}
