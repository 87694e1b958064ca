import type { VirtualClock } from "../clock.js";
import type { GuestRam } from "../memory/guest-ram.js";
import type { FirmwareTables } from "../firmware/tables.js";

/**
 * All the guest kernel may touch of the machine (DESIGN.md §1): physical loads and stores (RAM or MMIO
 * dispatch), port I/O (PCI config included), guest RAM for DMA buffers, interrupt delivery, the clock.
 * It never hands out a device object.
 */
export interface CpuView {
  load8(phys: number): number;
  load16(phys: number): number;
  load32(phys: number): number;
  load64(phys: number): bigint;
  store8(phys: number, v: number): void;
  store16(phys: number, v: number): void;
  store32(phys: number, v: number): void;
  store64(phys: number, v: bigint): void;
  inb(port: number): number;
  inw(port: number): number;
  inl(port: number): number;
  outb(port: number, v: number): void;
  outw(port: number, v: number): void;
  outl(port: number, v: number): void;
  readonly ram: GuestRam;
  /** RAM layout as firmware reports it (the e820 map's usable ranges). */
  readonly ramRanges: readonly { start: number; size: number }[];
  /** The e820 map and ACPI facts firmware passes to the OS. */
  readonly firmware: FirmwareTables;
  /** Called with the interrupt vector: 0x30 + n for ISA IRQ n (INTx through the PIIX3/IO-APIC), the MSI data's vector otherwise. */
  onInterrupt(handler: (vector: number) => void): void;
  readonly clock: VirtualClock;
  /** Runs device events whose time has come. */
  runDueEvents(): void;
  /** The CPU idles until the next device event and runs it (the wait is charged to its category); false if none. */
  waitForEvent(): boolean;
}
