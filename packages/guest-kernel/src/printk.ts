import type { VirtualClock } from "@rng/hw-qemu";

/** The kernel log ring: each line stamped with virtual time as Linux prints it, "[    0.123456] ". */
export class KernelLog {
  private readonly lines: string[] = [];

  constructor(private readonly clock: VirtualClock) {}

  printk(msg: string): void {
    const ns = this.clock.nowNs;
    const sec = Math.floor(ns / 1e9);
    const usec = Math.floor((ns % 1e9) / 1e3);
    const stamp = `[${String(sec).padStart(5)}.${String(usec).padStart(6, "0")}] `;
    for (const line of msg.replace(/\n$/, "").split("\n")) this.lines.push(stamp + line);
  }

  /** dmesg's text. */
  text(): string {
    return this.lines.map((l) => l + "\n").join("");
  }

  get length(): number {
    return this.lines.length;
  }
}
