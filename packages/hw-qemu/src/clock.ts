/**
 * Virtual time (DESIGN.md §2). Every layer charges the clock for what it does, under one category; nothing
 * here reads the host clock, so a scenario gives the same figures on every machine.
 */
export const COST_CATEGORIES = [
  "syscall",
  "dispatch",
  "driver",
  "copy",
  "mmio",
  "device",
  "prng",
  "dma",
  "irq",
  "sched",
  "user",
] as const;

export type CostCategory = (typeof COST_CATEGORIES)[number];

/** Category indices, for hot paths that charge without a string lookup. */
export const Cat = Object.freeze(
  Object.fromEntries(COST_CATEGORIES.map((c, i) => [c, i])) as { readonly [K in CostCategory]: number },
);

export class VirtualClock {
  private now = 0;
  private readonly totals = new Float64Array(COST_CATEGORIES.length);

  /** Virtual nanoseconds since the machine started. */
  get nowNs(): number {
    return this.now;
  }

  /** Advances time by `ns`, accounted to the category with index `cat` (see `Cat`). */
  charge(cat: number, ns: number): void {
    this.now += ns;
    this.totals[cat] += ns;
  }

  /** Advances time without attributing it (e.g. idle waiting). */
  advance(ns: number): void {
    this.now += ns;
  }

  totalNs(category: CostCategory): number {
    return this.totals[Cat[category]];
  }

  /** Per-category totals, every category present. */
  breakdown(): Record<CostCategory, number> {
    const out = {} as Record<CostCategory, number>;
    COST_CATEGORIES.forEach((c, i) => (out[c] = this.totals[i]));
    return out;
  }

  resetTotals(): void {
    this.totals.fill(0);
  }
}
